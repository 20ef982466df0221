; ===========================================================================
; math.s — quarter squares, multiply, floor division, integer square root
;
; QUARTER SQUARES. a·b = f(a+b) - f(a-b) with f(n) = floor(n²/4), for any
; integers a, b (a+b and a-b have the same parity, so the floors cancel).
; f is even, so f(a-b) = f(b-a): with the table addressed at f(0) = FLO_0,
; the pointer FLO_0 + a indexed by b reads f(a+b), and FLO_0 - a indexed by b
; reads f(b-a). Both use the SAME index b: no complement, no abs().
; The table covers n = -384..511 (lo plane FLO, hi plane FHI = FLO + $400),
; enough for every signed/unsigned byte pairing the engine uses:
; u8+u8 <= 510, s8-u8 >= -383.
;
; qs_init   build FLO/FHI (f up to 65025 fits 16 bits). ~40K cycles, once.
; mul16s    m_p (s32) = m_a (s16) · m_b (s16). ~260 cycles.
;           Zero page: m_a, m_b, m_p, m_t, fp0-fp3. X, Y clobbered.
; udiv32    m_q (u32) = m_q // m_d (u16), m_r = remainder. ~900 cycles.
; fdiv32s   m_q (s32) = floor(m_q / m_d), m_d (u16) > 0. ~950 cycles.
; isqrt32   m_r (u16) = floor(sqrt(m_q)) for m_q < 2^31. ~1.3K cycles.
; fdiv_sat  a0/a1 = sat16(floor(m_q / m_d)), m_q s32, 0 < m_d < 2^16: first
;           decides saturation by comparing with 32768·m_d, so the division
;           itself needs only 16 steps. ~650 cycles.
; ===========================================================================

!zone math

FLO_0 = FLO + 384               ; f(0), low bytes
FHI_0 = FHI + 384               ; f(0), high bytes (FHI = FLO + $400)

qs_init:
        ; f(n) for n = 0..511 going up: f(n+1) = f(n) + ceil(n/2)
        lda #<FLO_0
        sta fp0
        lda #>FLO_0
        sta fp0 + 1
        lda #<FHI_0
        sta fp2
        lda #>FHI_0
        sta fp2 + 1
        lda #0
        sta m_t                 ; f(n), 16 bits
        sta m_t + 1
        sta m_t + 2             ; n, 16 bits
        sta m_t + 3
        ldy #0
-       lda m_t
        sta (fp0),y
        lda m_t + 1
        sta (fp2),y
        ; f += (n + 1) >> 1
        lda m_t + 2
        clc
        adc #1
        sta m_a
        lda m_t + 3
        adc #0
        lsr
        ror m_a
        sta m_a + 1
        clc
        lda m_t
        adc m_a
        sta m_t
        lda m_t + 1
        adc m_a + 1
        sta m_t + 1
        inc m_t + 2
        bne +
        inc m_t + 3
+       iny
        bne -
        inc fp0 + 1
        inc fp2 + 1
        lda m_t + 3             ; two pages: n = 0..511
        cmp #2
        bne -
        ; f(-n) = f(n) for n = 1..384: copy downwards
        ldx #0                  ; n low byte
        lda #<FLO_0
        sta fp0                 ; fp0 -> f(n) going up
        lda #>FLO_0
        sta fp0 + 1
        lda #<FHI_0
        sta fp2
        lda #>FHI_0
        sta fp2 + 1
        lda #<FLO_0
        sta fp1                 ; fp1 -> f(-n) going down
        lda #>FLO_0
        sta fp1 + 1
        lda #<FHI_0
        sta fp3
        lda #>FHI_0
        sta fp3 + 1
        lda #<384
        sta m_cnt
        lda #>384
        sta m_t
-       ; step: fp0++, fp1--, fp2++, fp3--
        inc fp0
        bne +
        inc fp0 + 1
+       inc fp2
        bne +
        inc fp2 + 1
+       lda fp1
        bne +
        dec fp1 + 1
+       dec fp1
        lda fp3
        bne +
        dec fp3 + 1
+       dec fp3
        ldy #0
        lda (fp0),y
        sta (fp1),y
        lda (fp2),y
        sta (fp3),y
        lda m_cnt
        bne +
        dec m_t
+       dec m_cnt
        lda m_cnt
        ora m_t
        bne -
        rts

; ---------------------------------------------------------------------------
; qs_ptrs: fp0 = FLO_0 + A, fp1 = FLO_0 - A, fp2 = fp0 + $400, fp3 = fp1 + $400
; (A unsigned 0..255). X, Y preserved. ~50 cycles.
; ---------------------------------------------------------------------------
qs_ptrs:
        sta m_cnt
        clc
        adc #<FLO_0
        sta fp0
        sta fp2
        lda #>FLO_0
        adc #0
        sta fp0 + 1
        clc
        adc #>(FHI - FLO)
        sta fp2 + 1
        lda #<FLO_0
        sec
        sbc m_cnt
        sta fp1
        sta fp3
        lda #>FLO_0
        sbc #0
        sta fp1 + 1
        clc
        adc #>(FHI - FLO)
        sta fp3 + 1
        rts

; one unsigned 8×8 product A·Y (A given to qs_ptrs) into .lo/.hi:
; f(A+Y) - f(Y-A), 16 bits, ~30 cycles
!macro qs_prod .lo, .hi {
        lda (fp0),y
        sec
        sbc (fp1),y
        sta .lo
        lda (fp2),y
        sbc (fp3),y
        sta .hi
}

; ---------------------------------------------------------------------------
; mul16u: m_p = m_a · m_b (unsigned 16 × 16 -> 32)
; ---------------------------------------------------------------------------
mul16u:
        lda m_a
        jsr qs_ptrs
        ldy m_b
        +qs_prod m_p, m_p + 1           ; al·bl
        ldy m_b + 1
        +qs_prod m_t, m_t + 1           ; al·bh
        lda m_a + 1
        jsr qs_ptrs
        ldy m_b + 1
        +qs_prod m_p + 2, m_p + 3       ; ah·bh
        ldy m_b
        +qs_prod m_t + 2, m_t + 3       ; ah·bl
        clc                             ; p += 256·(al·bh + ah·bl)
        lda m_p + 1
        adc m_t
        sta m_p + 1
        lda m_p + 2
        adc m_t + 1
        sta m_p + 2
        bcc +
        inc m_p + 3
+       clc
        lda m_p + 1
        adc m_t + 2
        sta m_p + 1
        lda m_p + 2
        adc m_t + 3
        sta m_p + 2
        bcc +
        inc m_p + 3
+       rts

; ---------------------------------------------------------------------------
; mul16s: m_p = m_a · m_b (signed 16 × 16 -> 32): the unsigned product, then
; minus 2^16·b when a < 0 and minus 2^16·a when b < 0.
; ---------------------------------------------------------------------------
mul16s:
        jsr mul16u
        lda m_a + 1
        bpl +
        sec
        lda m_p + 2
        sbc m_b
        sta m_p + 2
        lda m_p + 3
        sbc m_b + 1
        sta m_p + 3
+       lda m_b + 1
        bpl +
        sec
        lda m_p + 2
        sbc m_a
        sta m_p + 2
        lda m_p + 3
        sbc m_a + 1
        sta m_p + 3
+       rts

; ---------------------------------------------------------------------------
; udiv32: m_q = m_q // m_d, m_r (16 bits, +carry byte) = remainder.
; Shift-subtract, 32 steps; the remainder needs 17 bits (m_r + 2 is the 17th).
; ---------------------------------------------------------------------------
udiv32:
        lda #0
        sta m_r
        sta m_r + 1
        ldx #32
-       asl m_q
        rol m_q + 1
        rol m_q + 2
        rol m_q + 3
        rol m_r
        rol m_r + 1
        bcs .sub                ; 17-bit remainder >= divisor for sure
        lda m_r
        cmp m_d
        lda m_r + 1
        sbc m_d + 1
        bcc .next
.sub:   lda m_r
        sbc m_d                 ; C is set on both paths here
        sta m_r
        lda m_r + 1
        sbc m_d + 1
        sta m_r + 1
        inc m_q                 ; the new quotient bit
.next:  dex
        bne -
        rts

; ---------------------------------------------------------------------------
; fdiv32s: m_q = floor(m_q / m_d) for signed m_q, m_d > 0.
; floor(-a/d) = -ceil(a/d) = -((a + d - 1) // d)
; ---------------------------------------------------------------------------
fdiv32s:
        lda m_q + 3
        bpl udiv32
        jsr neg_q               ; a = -num
        clc                     ; a += d - 1
        lda m_d
        sbc #0                  ; d - 1 (C clear: subtracts 1)
        sta m_t
        lda m_d + 1
        sbc #0
        sta m_t + 1
        clc
        lda m_q
        adc m_t
        sta m_q
        lda m_q + 1
        adc m_t + 1
        sta m_q + 1
        bcc +
        inc m_q + 2
        bne +
        inc m_q + 3
+       jsr udiv32
neg_q:  sec
        lda #0
        sbc m_q
        sta m_q
        lda #0
        sbc m_q + 1
        sta m_q + 1
        lda #0
        sbc m_q + 2
        sta m_q + 2
        lda #0
        sbc m_q + 3
        sta m_q + 3
        rts

; ---------------------------------------------------------------------------
; isqrt32: m_r = floor(sqrt(m_q)), m_q < 2^32. Digit by digit: each step
; brings down two bits of m_q into the remainder and tries root·4 + 1.
; Remainder and trial fit 3 bytes (m_t, m_t+1, m_t+2 / n_tmp..).
; ---------------------------------------------------------------------------
isqrt32:
        lda #0
        sta m_r                 ; root (16 bits)
        sta m_r + 1
        sta m_t                 ; remainder (24 bits)
        sta m_t + 1
        sta m_t + 2
        ldx #16
-       ldy #2                  ; rem = rem·4 + top two bits of q
--      asl m_q
        rol m_q + 1
        rol m_q + 2
        rol m_q + 3
        rol m_t
        rol m_t + 1
        rol m_t + 2
        dey
        bne --
        ; trial = root·4 + 1 (root < 2^15 here, so 18 bits)
        lda m_r
        sta n_tmp
        lda m_r + 1
        sta n_tmp + 1
        lda #0
        sta n_tmp + 2
        asl n_tmp
        rol n_tmp + 1
        rol n_tmp + 2
        asl n_tmp
        rol n_tmp + 1
        rol n_tmp + 2
        inc n_tmp               ; low two bits were 0
        asl m_r                 ; root·2
        rol m_r + 1
        ; if rem >= trial: rem -= trial, root += 1
        sec
        lda m_t
        sbc n_tmp
        sta n_tmp + 3
        lda m_t + 1
        sbc n_tmp + 1
        tay
        lda m_t + 2
        sbc n_tmp + 2
        bcc +
        sta m_t + 2
        sty m_t + 1
        lda n_tmp + 3
        sta m_t
        inc m_r
+       dex
        bne -
        rts

!zone fdiv
; ---------------------------------------------------------------------------
; fdiv_sat: see the header. For num >= 0: q = num // d, saturated when
; num >= 32768·d. For num < 0: q = -((a + d - 1) // d) with a = -num,
; saturated (-32768) when a > 32768·d. When not saturated the quotient is
; below 2^16 and the dividend's high half below d, so 16 steps suffice.
; ---------------------------------------------------------------------------
fdiv_sat:
        lda m_q + 3
        sta m_sign
        bpl +
        jsr neg_q               ; a = -num (a = 2^31 stays 2^31 as unsigned)
+       ; t = 32768·d: byte0 = 0, byte1 = (d & 1) << 7, byte2 = d >> 1 low, byte3 = d >> 9
        lda #0
        sta m_t
        lda m_d
        and #1
        ror
        ror
        sta m_t + 1             ; (d & 1) << 7
        lda m_d + 1
        lsr
        sta m_t + 3
        lda m_d
        ror
        sta m_t + 2
        ; compare a with t: a >= t (num >= 0) or a > t (num < 0) saturates
        lda m_q
        cmp m_t
        lda m_q + 1
        sbc m_t + 1
        lda m_q + 2
        sbc m_t + 2
        lda m_q + 3
        sbc m_t + 3
        bcc .fits               ; a < t
        bit m_sign
        bmi +
.satp:  lda #$ff
        sta a0
        lda #$7f
        sta a1
        rts
.satn:  lda #0
        sta a0
        lda #$80
        sta a1
        rts
+
        ; negative: a == t still fits (-32768)
        lda m_q
        eor m_t
        bne .satn
        lda m_q + 1
        eor m_t + 1
        bne .satn
        lda m_q + 2
        eor m_t + 2
        bne .satn
        lda m_q + 3
        eor m_t + 3
        bne .satn
.fits:  bit m_sign
        bpl +
        ; a += d - 1
        clc
        lda m_d
        sbc #0
        sta m_t
        lda m_d + 1
        sbc #0
        sta m_t + 1
        clc
        lda m_q
        adc m_t
        sta m_q
        lda m_q + 1
        adc m_t + 1
        sta m_q + 1
        bcc +
        inc m_q + 2
        bne +
        inc m_q + 3
+       ; 16 division steps: remainder starts as the high half (< d)
        lda m_q + 2
        sta m_r
        lda m_q + 3
        sta m_r + 1
        ldx #16
-       asl m_q
        rol m_q + 1
        rol m_r
        rol m_r + 1
        bcs .sub
        lda m_r
        cmp m_d
        lda m_r + 1
        sbc m_d + 1
        bcc .nx
.sub:   lda m_r
        sbc m_d
        sta m_r
        lda m_r + 1
        sbc m_d + 1
        sta m_r + 1
        inc m_q
.nx:    dex
        bne -
        ; quotient in m_q, m_q+1 (<= 32768)
        bit m_sign
        bmi .neg
        lda m_q
        sta a0
        lda m_q + 1
        sta a1
        rts
.neg:   sec
        lda #0
        sbc m_q
        sta a0
        lda #0
        sbc m_q + 1
        sta a1
        rts
