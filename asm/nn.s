; ===========================================================================
; nn.s — the other primitives: embed, rmsnorm, residual, relu, argmax
;
; Vectors are int16 Q8.8 stored as two planes: NAME_LO[i], NAME_HI[i].
;
; embed     in: s_tok, s_pos, EMB_K = (8 - s_te, 8 - s_pe).
;           out: H (ED). h = sat16(deshift(te) + deshift(pe))
;           with deshift(v, s) = v << (8-s) or v >> (s-8) (floor), 24-bit exact
;           for the shifts link accepts (-7..16). ~110 cycles/dim.
; rmsnorm   in: H, n_ptr = gains (ED int8), n_s = gain shift. out: XN.
;           xs = h >> 4; ms = max(1, Σxs² // ED); r = max(1, isqrt(ms));
;           inv = min(32767, 2^19 // r); y = sat16((((h·inv) >> 15)·g) >> s),
;           the last shift by sat8_k when 5 <= s <= 8. ~450 cycles/dim + 3K.
; residual  H = sat16(H + Y) over ED. ~40 cycles/dim.
; relu      Z = max(0, Z) over FF. ~15 cycles/dim.
; argmax    A = first maximum of LOGITS over ARGMAX_FROM..VS-1 (ARGMAX_FROM is
;           the byte ARGMAX_FIRST: 4 legacy, 3 "end"). ~35/id.
; Zero page: m_*, n_*, a0-a3 (via shift_sat32).
; ===========================================================================

!zone nn

; m_t..m_t+2 = deshift(A as int8, X = 8 - s) in 24 bits
deshift24:
        sta m_t
        ldy #0
        cmp #$80
        bcc +
        dey
+       sty m_t + 1
        sty m_t + 2
        txa
        beq .done
        bmi .right
-       asl m_t
        rol m_t + 1
        rol m_t + 2
        dex
        bne -
.done:  rts
.right: lda m_t + 2
-       cmp #$80
        ror
        ror m_t + 1
        ror m_t
        inx
        bne -
        sta m_t + 2
        rts

embed:
        ; n_ptr = te + tok·ED, n_ptr2 = pe + pos·ED
        lda s_tok
        sta m_a
        lda #0
        sta m_a + 1
        sta m_b + 1
        lda #ED
        sta m_b
        jsr mul16u
        clc
        lda m_p
        adc #<TE_DATA
        sta n_ptr
        lda m_p + 1
        adc #>TE_DATA
        sta n_ptr + 1
        lda s_pos
        sta m_a
        jsr mul16u
        clc
        lda m_p
        adc #<PE_DATA
        sta n_ptr2
        lda m_p + 1
        adc #>PE_DATA
        sta n_ptr2 + 1
        lda #0
        sta n_i
-       ldy n_i
        lda (n_ptr2),y
        ldx EMB_K + 1           ; 8 - s_pe
        jsr deshift24
        lda m_t
        sta a0
        lda m_t + 1
        sta a1
        lda m_t + 2
        sta a2
        ldy n_i
        lda (n_ptr),y
        ldx EMB_K               ; 8 - s_te
        jsr deshift24
        clc
        lda a0
        adc m_t
        sta a0
        lda a1
        adc m_t + 1
        sta a1
        lda a2
        adc m_t + 2
        sta a2
        and #$80                ; sign into a3
        beq +
        lda #$ff
+       sta a3
        ldx #0
        jsr shift_sat32
        ldy n_i
        sta H_LO,y
        lda a1
        sta H_HI,y
        iny
        sty n_i
        cpy #ED
        bne -
        rts

rmsnorm:
        ; Σ (h >> 4)² in n_tmp (32 bits)
        lda #0
        sta n_tmp
        sta n_tmp + 1
        sta n_tmp + 2
        sta n_tmp + 3
        sta n_i
-       ldy n_i
        lda H_HI,y
        sta m_a + 1
        lda H_LO,y
        ldx #4
--      lsr m_a + 1             ; arithmetic >> 4: shift, then restore sign
        ror
        dex
        bne --
        sta m_a
        lda H_HI,y
        bpl +
        lda m_a + 1
        ora #$f0
        sta m_a + 1
+       jsr square
        clc
        lda n_tmp
        adc m_p
        sta n_tmp
        lda n_tmp + 1
        adc m_p + 1
        sta n_tmp + 1
        lda n_tmp + 2
        adc m_p + 2
        sta n_tmp + 2
        lda n_tmp + 3
        adc m_p + 3
        sta n_tmp + 3
        inc n_i
        lda n_i
        cmp #ED
        bne -
        ; ms = max(1, sum // ED)
        ldx #3
-       lda n_tmp,x
        sta m_q,x
        dex
        bpl -
!if (ED & (ED - 1)) = 0 {       ; ED a power of two: the division is a shift
        ldx #0
-       lda ED_BITS,x
        beq +
        lsr m_q + 3
        ror m_q + 2
        ror m_q + 1
        ror m_q
        inx
        bne -
+
} else {
        lda #ED
        sta m_d
        lda #0
        sta m_d + 1
        jsr udiv32
}
        jsr .atleast1
        ; r = max(1, isqrt(ms))
        jsr isqrt32
        lda m_r
        ora m_r + 1
        bne +
        inc m_r
+       lda m_r
        sta m_d
        lda m_r + 1
        sta m_d + 1
        ; inv = min(32767, 2^19 // r)
        lda #0
        sta m_q
        sta m_q + 1
        sta m_q + 3
        lda #$08
        sta m_q + 2
        jsr udiv32
        lda m_q + 2
        ora m_q + 3
        bne .cap
        lda m_q + 1
        bpl +
.cap:   lda #$ff
        sta m_q
        lda #$7f
        sta m_q + 1
+       ; the final shift: sat8_k (k = 8 - n_s) for 5 <= n_s <= 8, else the
        ; general shift_sat32 (|t·g| < 2^22, so sat8_k applies)
        lda n_s
        sec
        sbc #5
        cmp #4
        bcs ++
        eor #3
        tax
        lda SAT8_LO,x
        sta .shift + 1
        lda SAT8_HI,x
        sta .shift + 2
        bne +++                 ; (always: a code page is never 0)
++      lda #<.gen
        sta .shift + 1
        lda #>.gen
        sta .shift + 2
+++
        ; patch the products with inv = 256·ih + il (fixed for the whole norm):
        ; h·inv = hl·il + 256·(hl·ih + hh·il) + 65536·hh·ih, indexed by hl and
        ; by hh XOR $80 (see att.s for the table bases)
        lda m_q
        ldx #0
        +att_setop .a_p, .a_ph, 0
        lda m_q
        ldx #0
        +att_setop .c_p, .c_ph, -128
        lda m_q + 1
        ldx #0
        +att_setop .b_p, .b_ph, 0
        lda m_q + 1
        ldx #0
        +att_setop .d_p, .d_ph, -128
        lda m_q                 ; -il, -ih as 16 bits
        jsr .neg16
        +att_setop .a_m, .a_mh, 0
        lda m_t
        ldx m_t + 1
        +att_setop .c_m, .c_mh, -128
        lda m_q + 1
        jsr .neg16
        +att_setop .b_m, .b_mh, 0
        lda m_t
        ldx m_t + 1
        +att_setop .d_m, .d_mh, -128
        ; y_i
        ldy #0
.elem:  sty n_i
        ldx H_LO,y              ; hl
.a_p:   lda $ffff,x             ; A = hl·il
        sec
.a_m:   sbc $ffff,x
        sta m_p
.a_ph:  lda $ffff,x
.a_mh:  sbc $ffff,x
        sta m_p + 1
.b_p:   lda $ffff,x             ; B = hl·ih
        sec
.b_m:   sbc $ffff,x
        sta m_t
.b_ph:  lda $ffff,x
.b_mh:  sbc $ffff,x
        sta m_t + 1
        lda H_HI,y
        eor #$80
        tax                     ; hh'
.c_p:   lda $ffff,x             ; C = hh·il (signed)
        sec
.c_m:   sbc $ffff,x
        sta m_t + 2
.c_ph:  lda $ffff,x
.c_mh:  sbc $ffff,x
        sta m_t + 3
.d_p:   lda $ffff,x             ; D = hh·ih (signed)
        sec
.d_m:   sbc $ffff,x
        sta m_p + 2
.d_ph:  lda $ffff,x
.d_mh:  sbc $ffff,x
        sta m_p + 3
        ; mid = B + C (B >= 0, C signed): third byte in X
        ldx #0
        lda m_t + 3
        bpl +
        dex
+       clc
        lda m_t
        adc m_t + 2
        sta m_t
        lda m_t + 1
        adc m_t + 3
        sta m_t + 1
        bcc +
        inx
+       ; p = A + 256·mid + 65536·D
        clc
        lda m_p + 1
        adc m_t
        sta m_p + 1
        lda m_p + 2
        adc m_t + 1
        sta m_p + 2
        txa
        adc m_p + 3
        sta m_p + 3
        ; t = p >> 15 = bytes 2..3 of p << 1
        asl m_p + 1
        rol m_p + 2
        rol m_p + 3
        ; t·g, g = the int8 gain
        lda (n_ptr),y
        jsr mul16x8s
.shift: jsr $ffff               ; >> n_s with saturation (patched, see above)
        ldy n_i
        sta XN_LO,y
        lda a1
        sta XN_HI,y
        iny
        cpy #ED
        beq +
        jmp .elem
+       rts
; the general final shift
.gen:   ldx n_s
        jmp shift_sat32
; m_t:m_t+1 (and X) = -A as 16 bits (A unsigned)
.neg16: eor #$ff
        clc
        adc #1
        sta m_t
        lda #$ff
        adc #0
        sta m_t + 1
        tax
        lda m_t
        rts
!if (ED & (ED - 1)) = 0 {
ED_BITS:                        ; one nonzero byte per bit of log2(ED), then 0
        !if ED >= 2 { !byte 1 }
        !if ED >= 4 { !byte 1 }
        !if ED >= 8 { !byte 1 }
        !if ED >= 16 { !byte 1 }
        !if ED >= 32 { !byte 1 }
        !if ED >= 64 { !byte 1 }
        !if ED >= 128 { !byte 1 }
        !byte 0
}
.atleast1:
        lda m_q
        ora m_q + 1
        ora m_q + 2
        ora m_q + 3
        bne +
        inc m_q
+       rts

; m_p = m_a² (m_a signed, |m_a| <= 2048 here): f(2a) = a² for |a| <= 255
; (the usual case: |h| < 4096) with one table read, else mul16u.
square:
        lda m_a + 1
        bpl +
        sec
        lda #0
        sbc m_a
        sta m_a
        lda #0
        sbc m_a + 1
        sta m_a + 1
+       bne .big
        lda #0
        sta m_p + 2
        sta m_p + 3
        lda m_a
        asl
        tax
        bcs +
        lda FLO_0,x
        sta m_p
        lda FHI_0,x
        sta m_p + 1
        rts
+       lda FLO_0 + 256,x
        sta m_p
        lda FHI_0 + 256,x
        sta m_p + 1
        rts
.big:   lda m_a
        sta m_b
        lda m_a + 1
        sta m_b + 1
        jmp mul16u

; a0..a3 = t·g with t = m_p+2:m_p+3 (s16) and g = A (s8), by quarter squares:
; t·|g| = tl·|g| + 256·th·|g| (th as unsigned, minus 65536·|g| when t < 0),
; negated when g < 0. ~180 cycles. Y preserved.
mul16x8s:
        sta m_sign
        cmp #$80
        bcc +
        eor #$ff
        adc #0                  ; C set: |g| = -g
+       sta m_b                 ; |g|
        jsr qs_ptrs
        sty n_tmp + 3
        ldy m_p + 2             ; tl·|g|
        lda (fp0),y
        sec
        sbc (fp1),y
        sta a0
        lda (fp2),y
        sbc (fp3),y
        sta a1
        ldy m_p + 3             ; th·|g| (th unsigned)
        lda (fp0),y
        sec
        sbc (fp1),y
        sta a2
        lda (fp2),y
        sbc (fp3),y
        sta a3
        clc                     ; a1..a3 += th·|g| << 8
        lda a1
        adc a2
        sta a1
        lda a3
        adc #0
        sta a2
        lda #0
        adc #0
        sta a3
        lda m_p + 3             ; t < 0: minus |g| << 16
        bpl +
        sec
        lda a2
        sbc m_b
        sta a2
        lda a3
        sbc #0
        sta a3
+       lda m_sign              ; g < 0: negate
        bpl +
        sec
        lda #0
        sbc a0
        sta a0
        lda #0
        sbc a1
        sta a1
        lda #0
        sbc a2
        sta a2
        lda #0
        sbc a3
        sta a3
+       ldy n_tmp + 3
        rts

; ---------------------------------------------------------------------------
; sat8_k: a0/a1 = sat16(a0..a3 >> (8 - k)), k = 3, 2, 1, 0 by entry point,
; for |a0..a3| < 2^29 (k doublings cannot overflow, and the result is a2:a1
; when a3 is its sign extension). A = a0, Y preserved. ~25 + 20·k cycles:
; the shift_sat32 of a shift in 5..8 without its general loops.
; ---------------------------------------------------------------------------
sat8_3: asl a0
        rol a1
        rol a2
        rol a3
sat8_2: asl a0
        rol a1
        rol a2
        rol a3
sat8_1: asl a0
        rol a1
        rol a2
        rol a3
sat8_0: lda a3
        bmi .sneg
        bne .splus
        lda a2
        bmi .splus
.sok:   ldx a1
        stx a0
        sta a1
        txa
        rts
.sneg:  cmp #$ff
        bne .sminus
        lda a2
        bpl .sminus
        bmi .sok
.splus: lda #$ff
        sta a0
        lda #$7f
        sta a1
        lda #$ff
        rts
.sminus:
        lda #$00
        sta a0
        lda #$80
        sta a1
        lda #$00
        rts
SAT8_LO: !byte <sat8_0, <sat8_1, <sat8_2, <sat8_3
SAT8_HI: !byte >sat8_0, >sat8_1, >sat8_2, >sat8_3

residual:
        ldy #0
-       clc
        lda H_LO,y
        adc Y_LO,y
        sta H_LO,y
        lda H_HI,y
        adc Y_HI,y
        bvc +                   ; signed overflow: saturate toward the operands' sign
        lda Y_HI,y
        bmi .neg
        lda #$ff
        sta H_LO,y
        lda #$7f
        bne +
.neg:   lda #0
        sta H_LO,y
        lda #$80
+       sta H_HI,y
        iny
        cpy #ED
        bne -
        rts

relu:
        ldy #0
-       lda Z_HI,y
        bpl +
        lda #0
        sta Z_HI,y
        sta Z_LO,y
+       iny
        cpy #FF
        bne -
        rts

; argmax: Y = best id; compares signed 16-bit, strict > keeps the first maximum
argmax:
        ldy ARGMAX_FROM         ; 4 (legacy) or 3 ("end")
        sty n_i
        lda LOGITS_LO,y
        sta n_tmp
        lda LOGITS_HI,y
        sta n_tmp + 1
        iny
        beq .end                ; (VS = 256 and only one candidate)
-       cpy #<VS
        beq .end
        lda n_tmp               ; best < logit[y] ?  (signed)
        cmp LOGITS_LO,y
        lda n_tmp + 1
        sbc LOGITS_HI,y
        bvc +
        eor #$80
+       bpl .next               ; best >= logit: keep
        sty n_i
        lda LOGITS_LO,y
        sta n_tmp
        lda LOGITS_HI,y
        sta n_tmp + 1
.next:  iny
        bne -
.end:   ldy n_i
        tya
        rts
