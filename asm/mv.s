; ===========================================================================
; mv.s — matrix × vector by subset sums: y = sat16((W·x + bias) >> S)
;
; The hot path of the engine (over 3/4 of all cycles). W is int8 (R rows,
; C columns), x is int16 Q8.8, the sum is exact (32 bits), then shifted with
; floor and saturated, exactly as the spec's matvec / matvec_bias.
;
; WHY SUBSET SUMS. A 6502 has no multiply, and a quarter-square 8×16
; multiply plus a 32-bit accumulate costs ~75 cycles per weight. Instead:
;   * offset both operands to be unsigned: w' = w + 128 (0..255) and
;     u' = x + 4096 (0..8191, when every |x| < 4096, the usual case);
;   * for each group of 8 columns, tabulate all 256 subset sums of the 8
;     inputs: S_g[m] = Σ_{bit i of m} u'[8g+i] (< 65536, so 2 bytes);
;   * the link stage stores W as bit planes ("masks"): for plane b and group
;     g, the byte M_bg[r] has bit i = bit b of w'[r, 8g+i];
;   * then Σ_c w'·u' = Σ_b 2^b Σ_g S_g[M_bg[r]]: one 16-bit table add per
;     8 bit-weights, i.e. ONE add per weight, and a doubling per plane
;     (Horner, planes 7..0).
; Building the S tables costs ~7K cycles per group, once per input vector;
; q, k and v share one build. An add is ~30 cycles (index load, two lanes,
; a rarely taken carry into a2/a3).
;
; CORRECTIONS (all exact). With Wsum_r = Σ_c w[r,c] over the real columns:
;   Σ_c w·x = Σ w'·u' - 4096·Wsum_r - 128·U,   U = Σ_c u'.
; Horner doubles the starting value 7 times, so the row starts at
;   init = K_r - U,   K_r = 2^23 - 32·Wsum_r   (link-time, 3 bytes, > 0)
; and ends at 2^30 + Σ w·x. The 2^30 offset keeps every intermediate value in
; (0, 2^31) for C <= 128 (|Σ w·x| < 2^29), so a doubling never carries out
; of a3 and no CLC is needed after it. Padding columns (C up to 8·G) have
; w' = 0 (all mask bits clear) and are left out of Wsum and U.
;
; LARGE INPUTS. When some |x| >= 4096 the sums would not fit 16 bits; the
; input is split x = 4096·xh + xl (xh = x >> 12 in -8..7, xl = x & 4095) and
; the kernel runs twice: pass A over xh stores Σ w·xh per row (accA, raw);
; pass B over xl starts from init + 32·accA (×128 by Horner = 4096·accA).
;
; Entry points
;   mv_init   once at start: zero every S table's entry 0 (unbuilt groups read
;             only entry 0, through all-zero padding masks).
;   mv_prep   in: mv_xlo/mv_xhi = the input planes, mv_cols = C (1..128).
;             Checks the range, builds the S tables (fast path) or marks the
;             input for the split path. Cycles: ~7.3K per group + 40·C.
;   mv_apply  in: mv_desc = matrix descriptor, mv_ptr = output low plane,
;             mv_ptr2 = output high plane. Cycles (fast path): ~600 + R·(
;             110 + 8·G·30 + 7·20 + finish 60..180).
; Zero page: a0-a3, mv_* (see zp.s). Uses S tables STAB, accA planes.
;
; Matrix descriptor (MD_SIZE bytes, written by lib/link or a test):
MD_ROWS   = 0                   ; R, 1..256 (0 = 256)
MD_KERNEL = 1                   ; 0: the G_ED kernel, 1: the G_FF kernel, 2: G_HD
MD_MASKS  = 2                   ; word: 8·G mask columns of R bytes, in kernel order
MD_KTAB   = 4                   ; word: K_r as 3 planes of R bytes (lo, mid, hi)
MD_BIAS   = 6                   ; word: bias planes (lo R bytes, then hi), 0 = none
MD_SHIFT  = 8                   ; signed byte S = s_w + post
MD_STRIDE = 9                   ; bytes from one mask column (and K/bias plane)
                                ; to the next: R, or SL for the key cache (0 = 256)
MD_SIZE   = 10
; Kernel block order: block i = (7 - b)·G + g reads mask column i, which the
; link stage stores at MD_MASKS + i·R.
; ===========================================================================

!zone mv

; --- one table add: plane b, group .g (26 bytes, operand at +1 patched) -----
!macro mv_add .g {
        ldx $ffff,y             ; M_bg[r]: which of the group's 8 inputs
        lda STAB + .g*512,x     ; S_g[m], low lane
        adc a0                  ; (carry is always clear here)
        sta a0
        lda STAB + .g*512 + 256,x ; S_g[m], high lane
        adc a1
        sta a1
        bcc +                   ; a carry into a2 happens ~1 add in 4
        clc
        inc a2
        bne +
        inc a3
+
}
MV_ADD_SIZE = 26

; --- one bit plane: G adds, then (unless last) the Horner doubling ----------
!macro mv_plane .G, .last {
        +mv_add 0
        !if .G > 1 { +mv_add 1 }
        !if .G > 2 { +mv_add 2 }
        !if .G > 3 { +mv_add 3 }
        !if .G > 4 { +mv_add 4 }
        !if .G > 5 { +mv_add 5 }
        !if .G > 6 { +mv_add 6 }
        !if .G > 7 { +mv_add 7 }
        !if .G > 8 { +mv_add 8 }
        !if .G > 9 { +mv_add 9 }
        !if .G > 10 { +mv_add 10 }
        !if .G > 11 { +mv_add 11 }
        !if .G > 12 { +mv_add 12 }
        !if .G > 13 { +mv_add 13 }
        !if .G > 14 { +mv_add 14 }
        !if .G > 15 { +mv_add 15 }
        !if .last = 0 {
        asl a0                  ; acc *= 2; acc < 2^31 so C ends clear
        rol a1
        rol a2
        rol a3
        }
}
MV_DBL_SIZE = 8

; --- a kernel for G groups: +0 jmp patch, +3 jmp rows -----------------------
; patch: in mv_ptr2 = mask base, mv_r16 = R, mv_ptr = K base. Writes the 8·G
; mask operands and the three K operands into this kernel.
; rows:  runs rows Y = 0..R-1, calling (mv_fin) after each.
!macro mv_kernel .G {
        jmp .patch
        jmp .rows
.patch:
        lda #<(.first + 1)
        sta mv_ptr              ; mv_ptr walks the operands (K base saved first)
        lda #>(.first + 1)
        sta mv_ptr + 1
        lda #8
        sta mv_cnt2
.pl:    lda #.G
        sta mv_cnt
.pg:    ldy #0
        lda mv_ptr2
        sta (mv_ptr),y
        iny
        lda mv_ptr2 + 1
        sta (mv_ptr),y
        clc                     ; next mask column: += R
        lda mv_ptr2
        adc mv_r16
        sta mv_ptr2
        lda mv_ptr2 + 1
        adc mv_r16 + 1
        sta mv_ptr2 + 1
        clc                     ; next operand: += block size
        lda mv_ptr
        adc #MV_ADD_SIZE
        sta mv_ptr
        bcc +
        inc mv_ptr + 1
+       dec mv_cnt
        bne .pg
        clc                     ; skip the doubling between planes
        lda mv_ptr
        adc #MV_DBL_SIZE
        sta mv_ptr
        bcc +
        inc mv_ptr + 1
+       dec mv_cnt2
        bne .pl
        ; K operands: K base, +R, +2R
        ldy #MD_KTAB
        lda (mv_desc),y
        sta .k0 + 1
        clc
        adc mv_r16
        sta .k1 + 1
        iny
        lda (mv_desc),y
        sta .k0 + 2
        adc mv_r16 + 1
        sta .k1 + 2
        clc
        lda .k1 + 1
        adc mv_r16
        sta .k2 + 1
        lda .k1 + 2
        adc mv_r16 + 1
        sta .k2 + 2
        rts

.rows:  ldy #0
.row:   ; init = K_r - U   (3 bytes, > 0; a3 = 0)
.k0:    lda $ffff,y
        sec
        sbc mv_u0
        sta a0
.k1:    lda $ffff,y
        sbc mv_u1
        sta a1
.k2:    lda $ffff,y
        sbc mv_u2
        sta a2
        lda #0
        sta a3
        bit mv_chain
        bpl +
        jsr mv_chain_init       ; second pass: + 32·accA[r]
+       clc
.first:
        +mv_plane .G, 0         ; plane 7 (the weight's top bit)
        +mv_plane .G, 0
        +mv_plane .G, 0
        +mv_plane .G, 0
        +mv_plane .G, 0
        +mv_plane .G, 0
        +mv_plane .G, 0
        +mv_plane .G, 1         ; plane 0
        jsr mv_finish
        iny
        cpy mv_rows
        beq +
        jmp .row
+       rts
}

mv_finish:
        jmp (mv_fin)

; --- the kernels (ED columns, FF columns, one head's columns; shared when equal)
mv_kernel_ed:
        +mv_kernel G_ED
!if G_FF = G_ED {
mv_kernel_ff = mv_kernel_ed
} else {
mv_kernel_ff:
        +mv_kernel G_FF
}
!if G_HD = G_ED {
mv_kernel_hd = mv_kernel_ed
} else {
!if G_HD = G_FF {
mv_kernel_hd = mv_kernel_ff
} else {
mv_kernel_hd:                   ; attention scores: keys as rows, a head as columns
        +mv_kernel G_HD
}
}

; ---------------------------------------------------------------------------
; mv_init: zero entry 0 of every S table (see above). Cycles: ~20·G_MAX.
; ---------------------------------------------------------------------------
mv_init:
        ldx #0
        lda #>STAB
        sta mv_ptr + 1
        stx mv_ptr
        ldy #0
-       lda #0
        sta (mv_ptr),y          ; low lane, entry 0
        inc mv_ptr + 1
        sta (mv_ptr),y          ; high lane, entry 0
        inc mv_ptr + 1
        inx
        cpx #G_MAX
        bne -
        rts

; ---------------------------------------------------------------------------
; mv_prep: see the header. Out: mv_slow, and on the fast path U and S tables.
; ---------------------------------------------------------------------------
mv_prep:
        lda mv_cols             ; groups = ceil(C / 8)
        clc
        adc #7
        lsr
        lsr
        lsr
        sta mv_ngrp
        ldy #0                  ; |x| < 4096 <=> high byte in -16..15
-       lda (mv_xhi),y
        clc
        adc #16
        and #$e0
        bne .slow
        iny
        cpy mv_cols
        bne -
        lda #0
        sta mv_slow
        ; u' = x + 4096: low byte as is, high byte + $10
        ldy #0
-       lda (mv_xlo),y
        sta UB_LO,y
        lda (mv_xhi),y
        clc
        adc #$10
        sta UB_HI,y
        iny
        cpy mv_cols
        bne -
        jmp mv_build
.slow:  lda #$80
        sta mv_slow
        rts

; u' for pass A: (x >> 12) + 4096, x >> 12 in -8..7
mv_u_hi:
        ldy #0
-       lda (mv_xhi),y
        cmp #$80                ; arithmetic shift right by 4
        ror
        cmp #$80
        ror
        cmp #$80
        ror
        cmp #$80
        ror
        sta UB_LO,y             ; low byte of 4096 + v is v (mod 256)
        ldx #$10                ; high byte: $10, or $0f when v < 0
        and #$80
        beq +
        dex
+       txa
        sta UB_HI,y
        iny
        cpy mv_cols
        bne -
        jmp mv_build

; u' for pass B: (x & 4095) + 4096
mv_u_lo:
        ldy #0
-       lda (mv_xlo),y
        sta UB_LO,y
        lda (mv_xhi),y
        and #$0f
        ora #$10
        sta UB_HI,y
        iny
        cpy mv_cols
        bne -
        ; fall through

; A[.l] = A[.p] + u'[8g + .i] (in the entry block) and B[.l] likewise from
; u'[8g + 4 + .i]; Y = 8g.
!macro mv_ab .l, .p, .i {
        clc
        lda mv_sblk + .p*MV_SENT_SIZE + MV_SENT_ALO
        adc UB_LO + .i,y
        sta mv_sblk + .l*MV_SENT_SIZE + MV_SENT_ALO
        lda mv_sblk + .p*MV_SENT_SIZE + MV_SENT_AHI
        adc UB_HI + .i,y
        sta mv_sblk + .l*MV_SENT_SIZE + MV_SENT_AHI
        clc
        lda NB_LO + .p
        adc UB_LO + 4 + .i,y
        sta NB_LO + .l
        lda NB_HI + .p
        adc UB_HI + 4 + .i,y
        sta NB_HI + .l
}

; ---------------------------------------------------------------------------
; mv_build: U = Σ u'[0..C-1]; S tables for groups 0..ngrp-1 from UB_LO/HI
; (entries C..8·ngrp-1 are zeroed first: padding).
; ---------------------------------------------------------------------------
mv_build:
        ; pad u' with zeros up to 8·ngrp
        lda mv_ngrp
        asl
        asl
        asl
        sta mv_cnt
        ldy mv_cols
        lda #0
-       cpy mv_cnt
        beq +
        sta UB_LO,y
        sta UB_HI,y
        iny
        bne -
+       ; U = Σ u'
        lda #0
        sta mv_u0
        sta mv_u1
        sta mv_u2
        ldy #0
-       clc
        lda mv_u0
        adc UB_LO,y
        sta mv_u0
        lda mv_u1
        adc UB_HI,y
        sta mv_u1
        bcc +
        inc mv_u2
+       iny
        cpy mv_cols
        bne -
        ; the groups
        lda #0
        sta mv_g8
        lda #>STAB
        sta mv_page
.grp:   ; A[l] (low nibble, u'[8g..8g+3]) straight into the entry block's
        ; immediates, B[h] (u'[8g+4..8g+7]) into NB: A[l] = A[l & (l-1)] + u'[ctz l]
        ldy mv_g8
        +mv_ab 1, 0, 0
        +mv_ab 2, 0, 1
        +mv_ab 3, 2, 0
        +mv_ab 4, 0, 2
        +mv_ab 5, 4, 0
        +mv_ab 6, 4, 1
        +mv_ab 7, 6, 0
        +mv_ab 8, 0, 3
        +mv_ab 9, 8, 0
        +mv_ab 10, 8, 1
        +mv_ab 11, 10, 0
        +mv_ab 12, 8, 2
        +mv_ab 13, 12, 0
        +mv_ab 14, 12, 1
        +mv_ab 15, 14, 0
        ; the entry block's stores: this group's pages
        lda mv_page
        sta mv_sblk + 0*MV_SENT_SIZE + MV_SENT_LO_HI
        sta mv_sblk + 1*MV_SENT_SIZE + MV_SENT_LO_HI
        sta mv_sblk + 2*MV_SENT_SIZE + MV_SENT_LO_HI
        sta mv_sblk + 3*MV_SENT_SIZE + MV_SENT_LO_HI
        sta mv_sblk + 4*MV_SENT_SIZE + MV_SENT_LO_HI
        sta mv_sblk + 5*MV_SENT_SIZE + MV_SENT_LO_HI
        sta mv_sblk + 6*MV_SENT_SIZE + MV_SENT_LO_HI
        sta mv_sblk + 7*MV_SENT_SIZE + MV_SENT_LO_HI
        sta mv_sblk + 8*MV_SENT_SIZE + MV_SENT_LO_HI
        sta mv_sblk + 9*MV_SENT_SIZE + MV_SENT_LO_HI
        sta mv_sblk + 10*MV_SENT_SIZE + MV_SENT_LO_HI
        sta mv_sblk + 11*MV_SENT_SIZE + MV_SENT_LO_HI
        sta mv_sblk + 12*MV_SENT_SIZE + MV_SENT_LO_HI
        sta mv_sblk + 13*MV_SENT_SIZE + MV_SENT_LO_HI
        sta mv_sblk + 14*MV_SENT_SIZE + MV_SENT_LO_HI
        sta mv_sblk + 15*MV_SENT_SIZE + MV_SENT_LO_HI
        clc
        adc #1
        sta mv_sblk + 0*MV_SENT_SIZE + MV_SENT_HI_HI
        sta mv_sblk + 1*MV_SENT_SIZE + MV_SENT_HI_HI
        sta mv_sblk + 2*MV_SENT_SIZE + MV_SENT_HI_HI
        sta mv_sblk + 3*MV_SENT_SIZE + MV_SENT_HI_HI
        sta mv_sblk + 4*MV_SENT_SIZE + MV_SENT_HI_HI
        sta mv_sblk + 5*MV_SENT_SIZE + MV_SENT_HI_HI
        sta mv_sblk + 6*MV_SENT_SIZE + MV_SENT_HI_HI
        sta mv_sblk + 7*MV_SENT_SIZE + MV_SENT_HI_HI
        sta mv_sblk + 8*MV_SENT_SIZE + MV_SENT_HI_HI
        sta mv_sblk + 9*MV_SENT_SIZE + MV_SENT_HI_HI
        sta mv_sblk + 10*MV_SENT_SIZE + MV_SENT_HI_HI
        sta mv_sblk + 11*MV_SENT_SIZE + MV_SENT_HI_HI
        sta mv_sblk + 12*MV_SENT_SIZE + MV_SENT_HI_HI
        sta mv_sblk + 13*MV_SENT_SIZE + MV_SENT_HI_HI
        sta mv_sblk + 14*MV_SENT_SIZE + MV_SENT_HI_HI
        sta mv_sblk + 15*MV_SENT_SIZE + MV_SENT_HI_HI
        ; S[16h + l] = A[l] + B[h]
        ldx #0
        ldy #0
.h:     lda NB_LO,y
        sta mv_bl
        lda NB_HI,y
        sta mv_bh
        clc
        jsr mv_sblk
        txa
        clc
        adc #16
        tax
        iny
        cpy #16
        bne .h
        ; next group
        inc mv_page
        inc mv_page
        lda mv_g8
        clc
        adc #8
        sta mv_g8
        lsr
        lsr
        lsr
        cmp mv_ngrp
        beq +
        jmp .grp
+       rts

; one S entry: S[X + l] = A[l] + B[h] (C clear in and out: S < 65536).
; A[l] is an immediate and the stores' high bytes the group's pages: both
; patched once per group, so an entry costs 20 cycles.
!macro mv_sent .l {
        lda #0                  ; A[l], low (patched)
        adc mv_bl
        sta $ff00 + .l,x        ; S_g low lane (operand high byte patched)
        lda #0                  ; A[l], high (patched)
        adc mv_bh
        sta $ff00 + .l,x        ; S_g high lane
}
MV_SENT_SIZE  = 14
MV_SENT_ALO   = 1               ; offset of the low immediate
MV_SENT_LO_HI = 6               ; offset of the first store's operand high byte
MV_SENT_AHI   = 8               ; offset of the high immediate
MV_SENT_HI_HI = 13              ; offset of the second store's operand high byte

mv_sblk:
        +mv_sent 0
        +mv_sent 1
        +mv_sent 2
        +mv_sent 3
        +mv_sent 4
        +mv_sent 5
        +mv_sent 6
        +mv_sent 7
        +mv_sent 8
        +mv_sent 9
        +mv_sent 10
        +mv_sent 11
        +mv_sent 12
        +mv_sent 13
        +mv_sent 14
        +mv_sent 15
        rts

; n & (n-1) and the index of n's lowest set bit, n = 0..15
LB_CLR: !byte 0, 0, 0, 2, 0, 4, 4, 6, 0, 8, 8, 10, 8, 12, 12, 14
LB_IDX: !byte 0, 0, 1, 0, 2, 0, 1, 0, 3, 0, 1, 0, 2, 0, 1, 0

; ---------------------------------------------------------------------------
; mv_apply: see the header.
; ---------------------------------------------------------------------------
mv_apply:
        ; output operands of the finish
        lda mv_ptr
        sta mv_ol + 1
        lda mv_ptr + 1
        sta mv_ol + 2
        lda mv_ptr2
        sta mv_oh + 1
        lda mv_ptr2 + 1
        sta mv_oh + 2
        ; R
        ldy #MD_ROWS
        lda (mv_desc),y
        sta mv_rows
        ldy #MD_STRIDE
        lda (mv_desc),y
        sta mv_r16
        ldx #0
        cmp #0
        bne +
        inx                     ; 256
+       stx mv_r16 + 1
        ; shift: the fast finish for 5 <= S <= 8
        ldy #MD_SHIFT
        lda (mv_desc),y
        sta mv_shift
        ldx #<mv_sh_gen
        ldy #>mv_sh_gen
        sec
        sbc #5
        cmp #4
        bcs +
        eor #3                  ; k = 8 - S = 3 - (S - 5)
        sta mv_fastk
        ldx #<mv_sh_fast
        ldy #>mv_sh_fast
+       stx mv_shv
        sty mv_shv + 1
        ; bias: operands lo = base, hi = base + R
        ldy #MD_BIAS + 1
        lda (mv_desc),y
        sta mv_bias             ; nonzero page => biased (bias never in page 0)
        beq +
        sta mv_bl0 + 2
        dey
        lda (mv_desc),y
        sta mv_bl0 + 1
        clc
        adc mv_r16
        sta mv_bh0 + 1
        lda mv_bl0 + 2
        adc mv_r16 + 1
        sta mv_bh0 + 2
        lda #$80
        sta mv_bias
+       ; kernel: patch its operands
        ldy #MD_MASKS
        lda (mv_desc),y
        sta mv_ptr2
        iny
        lda (mv_desc),y
        sta mv_ptr2 + 1
        ldy #MD_KERNEL
        lda (mv_desc),y
        asl
        tax
        lda MV_KERNELS,x
        sta mv_ptr
        clc
        adc #3
        sta mv_kern
        lda MV_KERNELS + 1,x
        sta mv_ptr + 1
        adc #0
        sta mv_kern + 1
        jsr .patch
++      bit mv_slow
        bmi .split
        ; fast path: one pass
        lda #0
        sta mv_chain
        lda mv_final
        sta mv_fin
        lda mv_final + 1
        sta mv_fin + 1
        jmp (mv_kern)
.patch: jmp (mv_ptr)            ; the kernel's +0: patch its operands
.split: ; pass A over xh: raw sums into accA
        jsr mv_u_hi
        lda #0
        sta mv_chain
        lda #<mv_fin_raw
        sta mv_fin
        lda #>mv_fin_raw
        sta mv_fin + 1
        jsr .run
        ; pass B over xl, starting from 32·accA
        jsr mv_u_lo
        lda #$80
        sta mv_chain
        lda mv_final
        sta mv_fin
        lda mv_final + 1
        sta mv_fin + 1
.run:   jmp (mv_kern)

MV_KERNELS:
        !word mv_kernel_ed, mv_kernel_ff, mv_kernel_hd

; the raw finish of attention scores: acc - 2^30 (exact, 32 bits) into four
; planes whose operands att.s sets
mv_fin_raw32:
        lda a0
mv_r0:  sta $ffff,y
        lda a1
mv_r1:  sta $ffff,y
        lda a2
mv_r2:  sta $ffff,y
        lda a3
        sec
        sbc #$40
mv_r3:  sta $ffff,y
        rts

; acc += 32·accA[r] (accA: 3 planes, signed, |accA| < 2^17)
mv_chain_init:
        lda ACCA0,y
        sta m_t
        lda ACCA1,y
        sta m_t + 1
        lda ACCA2,y
        sta m_t + 2
        ldx #5
-       asl m_t
        rol m_t + 1
        rol m_t + 2
        dex
        bne -
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
        lda m_t + 2             ; sign of the (23-bit) addend into a3
        and #$80
        beq +
        lda #$ff
+       adc a3
        sta a3
        rts

; pass A finish: accA[r] = acc - 2^30 (fits 3 bytes)
mv_fin_raw:
        lda a0
        sta ACCA0,y
        lda a1
        sta ACCA1,y
        lda a2
        sta ACCA2,y
        rts

; the normal finish: remove 2^30, add the bias, then shift, saturate, store
; through (mv_shv): mv_sh_fast when 5 <= S <= 8 (the usual case: at most 3
; left shifts and the top 3 bytes are the result, valid as |acc| < 2^29),
; else the general shift_sat32.
mv_fin16:
        lda a3
        sec
        sbc #$40
        sta a3
        bit mv_bias
        bpl +
        ldx #0
        clc
mv_bl0: lda $ffff,y
        adc a0
        sta a0
mv_bh0: lda $ffff,y
        bpl ++
        dex
++      adc a1
        sta a1
        txa
        adc a2
        sta a2
        txa
        adc a3
        sta a3
+       jmp (mv_shv)

mv_sh_gen:
        ldx mv_shift
        jsr shift_sat32
mv_ol:  sta $ffff,y             ; A = low byte
        lda a1
mv_oh:  sta $ffff,y
        rts

mv_sh_fast:
        ldx mv_fastk
        beq +
-       asl a0
        rol a1
        rol a2
        rol a3
        dex
        bne -
+       lda a3                  ; int16 = a2:a1 when a3 is its sign extension
        bmi .fneg
        bne .fsp
        lda a2
        bmi .fsp
.fok:   ldx a1                  ; low byte
        sta a1                  ; high byte = a2
        txa
        jmp mv_ol
.fneg:  cmp #$ff
        bne .fsn
        lda a2
        bpl .fsn
        bmi .fok
.fsp:   lda #$7f
        sta a1
        lda #$ff
        jmp mv_ol
.fsn:   lda #$80
        sta a1
        lda #$00
        jmp mv_ol

; ---------------------------------------------------------------------------
; shift_sat32: a0..a3 = sat16(a0..a3 >> X) (X signed: negative shifts left)
; Out: a0/a1 = the int16 result, A = a0. Y preserved. Cycles: 40..200.
; ---------------------------------------------------------------------------
shift_sat32:
        txa
        bne +
        jmp .sat
+       bpl +
        jmp .left
+       and #7                  ; k = 8·n + b
        cmp #5
        bcs .up
        sta sh_cnt              ; b <= 4: b right shifts, then n whole bytes
        txa
        lsr
        lsr
        lsr
        tax
        lda sh_cnt
        beq .drop
        lda a3
-       cmp #$80                ; arithmetic shift right, floor
        ror
        ror a2
        ror a1
        ror a0
        dec sh_cnt
        bne -
        sta a3
.drop:  txa
        beq .sat
-       lda a1
        sta a0
        lda a2
        sta a1
        lda a3
        sta a2
        and #$80                ; sign fill
        beq +
        lda #$ff
+       sta a3
        dex
        bne -
        beq .sat
.up:    eor #7                  ; b >= 5: 8 - b left shifts into a4,
        adc #0                  ; (C set: 7 - b + 1)
        sta sh_cnt
        txa                     ; then n + 1 whole bytes
        lsr
        lsr
        lsr
        tax
        inx
        lda a3
        and #$80
        beq +
        lda #$ff
+       sta a4
-       asl a0
        rol a1
        rol a2
        rol a3
        rol a4
        dec sh_cnt
        bne -
-       lda a1
        sta a0
        lda a2
        sta a1
        lda a3
        sta a2
        lda a4
        sta a3
        and #$80
        beq +
        lda #$ff
+       sta a4
        dex
        bne -
.sat:   ; fits int16 when a3:a2:a1-bit-7 are all copies of the sign (a3's bit 7)
        lda a3
        bmi .neg
        ora a2
        bne .plus
        lda a1
        bmi .plus
        lda a0
        rts
.neg:   and a2
        cmp #$ff
        bne .minus
        lda a1
        bpl .minus
        lda a0
        rts
.plus:  lda #$7f
        sta a1
        lda #$ff
        sta a0
        rts
.minus: lda #$80
        sta a1
        lda #$00
        sta a0
        rts
.left:  ; saturate first, then double with saturation: sat16(v << k) equals
        ; k saturating doublings of sat16(v), so this is exact for any k
        jsr .sat
-       lda a1
        asl                     ; bit 7 of A = bit 14 of v
        eor a1                  ; differs from bit 15: doubling overflows
        bmi .lovf
        asl a0
        rol a1
        inx
        bne -
        lda a0
        rts
.lovf:  lda a1
        bmi .minus
        bpl .plus
