; ===========================================================================
; mv.s — matrix × vector by subset sums: y = sat16((W·x + bias) >> S)
;
; The hot path of the engine (over 3/4 of all cycles). W is int8 (R rows,
; C columns), x is int16 Q8.8, the sum is exact (32 bits), then shifted with
; floor and saturated, exactly as the spec's matvec / matvec_bias.
;
; WHY SUBSET SUMS. A 6502 has no multiply, and a quarter-square 8×16
; multiply plus a 32-bit accumulate costs ~75 cycles per weight. Instead:
;   * offset the weights to be unsigned: w' = w + 128 (0..255);
;   * for each group of 8 columns, tabulate all 256 subset sums of the 8
;     inputs, lifted by a bias B_g >= 0 that makes every entry >= 0:
;     S_g[m] = B_g + Σ_{bit i of m} x[8g+i]  (0 <= S_g[m] < 65536: 2 bytes);
;   * the link stage stores W as bit planes ("masks"): for plane b and group
;     g, the byte M_bg[r] has bit i = bit b of w'[r, 8g+i];
;   * then Σ_c w'·x = Σ_b 2^b Σ_g (S_g[M_bg[r]] - B_g): one 16-bit table add
;     per 8 bit-weights, i.e. ONE add per weight, and a doubling per plane
;     (Horner, planes 7..0).
; Building the S tables costs ~7K cycles per group, once per input vector;
; q, k and v share one build. An add is ~27 cycles (index load, two lanes,
; a rarely taken carry into a2/a3).
;
; THE BIAS. Each half-group (4 inputs) gets 256·(-Σ of its negative inputs'
; high bytes): floor(x/256)·256 <= x, so this covers the most negative
; subset sum, and S_g[m] <= Σ|x| + 2040 < 65536 while every |x| < 4096.
; The bias only lifts the table as far as the inputs' signs need: entries
; stay small (about Σ|x|/2), so a carry out of the low 16 bits of the
; accumulator is rare (it was ~1 add in 4 with a fixed +4096 offset).
;
; CORRECTIONS (all exact, and the same for every row). Every row adds every
; (plane, group) entry once, so the biases add 255·Σ_g B_g = 255·256·β
; (β = Σ of the bias high bytes), and Σ_c w·x = Σ w'·x - 128·X, X = Σ_c x.
; Horner doubles the starting value 7 times, so every row starts at
;   V = 2^23 - X - 510·β   (per input vector, computed by mv_build, > 0)
; and ends at 2^30 + Σ w·x. The 2^30 offset keeps every intermediate value in
; (0, 2^31) for C <= 128 (|Σ w·x| < 2^26), so a doubling never carries out
; of a3 and no CLC is needed after it. Padding columns (C up to 8·G) have
; w' = 0 (all mask bits clear) and x = 0; groups the kernel reads but the
; input does not fill (a test's short input) have entry 0 = 0, no bias.
;
; LARGE INPUTS. When some |x| >= 4096 the sums might not fit 16 bits; the
; input is split x = 4096·xh + xl (xh = x >> 12 in -8..7, xl = x & 4095) and
; the kernel runs twice: pass A over xh stores Σ w·xh per row (accA, raw);
; pass B over xl starts from V + 32·accA (×128 by Horner = 4096·accA).
;
; Entry points
;   mv_init   once at start: zero every S table's entry 0 (unbuilt groups read
;             only entry 0, through all-zero padding masks).
;   mv_prep   in: mv_xlo/mv_xhi = the input planes, mv_cols = C (1..128).
;             Checks the range, builds the S tables and V (fast path) or
;             marks the input for the split path. Cycles: ~7K per group +
;             ~80·C.
;   mv_apply  in: mv_desc = matrix descriptor, mv_ptr = output low plane,
;             mv_ptr2 = output high plane; mv_final = the last pass's finish
;             (mv_fin16: the normal one, picked by S; or a raw one).
;             Cycles (fast path): ~600 + R·(45 + 8·G·27 + 7·20 + finish
;             35..180: S in 5..8 takes an unrolled fast finish).
;   mv_prune_init  before the output layer: A bit 6 = only the argmax matters;
;             the output kernel (3) then drops rows that cannot be the first
;             maximum after plane 5, 4 or 3 (see mv_check): ~45% of its adds.
; Zero page: a0-a3, mv_* (see zp.s); the pruning also m_q, m_t, m_p.
; Uses S tables STAB, accA planes.
;
; Matrix descriptor (MD_SIZE bytes, written by lib/link or a test):
MD_ROWS   = 0                   ; R, 1..256 (0 = 256)
MD_KERNEL = 1                   ; 0: the G_ED kernel, 1: the G_FF kernel, 2: G_HD,
                                ; 3: G_ED with argmax pruning (the output layer)
MD_MASKS  = 2                   ; word: 8·G mask columns of R bytes, in kernel order
MD_BIAS   = 4                   ; word: bias planes (lo R bytes, then hi), 0 = none
MD_SHIFT  = 6                   ; signed byte S = s_w + post
MD_STRIDE = 7                   ; bytes from one mask column (and bias plane)
                                ; to the next: R, or SL for the key cache (0 = 256)
MD_SIZE   = 8
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
        bcc +                   ; a carry into a2 is rare (small entries)
        clc
        inc a2
        bne +
        inc a3
+
}
MV_ADD_SIZE = 26

; --- argmax pruning (the output kernel only): after plane p's doubling the
; row's final sum is at most 2^(p-1)·acc + (2^p - 1)·Pmax (Pmax = Σ_g the
; largest S_g entry: every later plane adds at most that). When that is below
; M, the largest final sum of an eligible row so far, the row cannot be the
; argmax: it is dropped. Check slot .s holds T' (four immediates, patched by
; mv_newmax): no borrow in T' - acc, i.e. acc <= T', drops the row; else C
; ends clear, as the next add needs. T' = 0 never drops (acc > 0).
!macro mv_check .s {
        lda #0                  ; T' (patched)
        cmp a0
        lda #0
        sbc a1
        lda #0
        sbc a2
        lda #0
        sbc a3
        bcc +
        jmp mvp_pruned
+
}
MV_CHK_SIZE = 21

; --- one bit plane: G adds, then (unless last) the Horner doubling and (when
; .chk > 0) pruning check slot .chk ------------------------------------------
!macro mv_plane .G, .last, .chk {
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
        !if .chk = 1 {
mvp_c1: +mv_check 1
        }
        !if .chk = 2 {
mvp_c2: +mv_check 2
        }
        !if .chk = 3 {
mvp_c3: +mv_check 3
        }
}
MV_DBL_SIZE = 8

; --- a kernel for G groups: +0 jmp patch, +3 jmp rows -----------------------
; patch: in mv_ptr2 = mask base, mv_r16 = R. Writes the 8·G mask operands
; into this kernel.
; rows:  runs rows Y = 0..R-1, calling (mv_fin) after each.
; .prune = 1: the output kernel, with pruning checks after planes 5, 4, 3 and
; the tracking of M (see mv_check, mv_prune_init).
!macro mv_kernel .G, .prune {
        jmp .patch
        jmp .rows
.patch:
        lda #<(.first + 1)
        sta mv_ptr              ; mv_ptr walks the operands
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
        lda #MV_DBL_SIZE        ; skip the doubling between planes
        !if .prune {
        ldx mv_cnt2             ; and the checks after planes 5, 4, 3
        cpx #7
        bcs +
        cpx #4
        bcc +
        lda #MV_DBL_SIZE + MV_CHK_SIZE
+
        }
        clc
        adc mv_ptr
        sta mv_ptr
        bcc +
        inc mv_ptr + 1
+       dec mv_cnt2
        bne .pl
        rts

.rows:  lda mv_fin              ; this pass's finish into the jsr below
        sta .fin + 1
        lda mv_fin + 1
        sta .fin + 2
        lda #$2c                ; no chain: the jsr becomes BIT abs (a no-op)
        bit mv_chain
        bpl +
        lda #$20                ; JSR
+       sta .chain
        ldy #0
.row:   lda mv_v0               ; every row starts at V (3 bytes, > 0; a3 = 0)
        sta a0
        lda mv_v1
        sta a1
        lda mv_v2
        sta a2
        lda #0
        sta a3
.chain: jsr mv_chain_init       ; second pass: + 32·accA[r] (else BIT, patched)
        clc
.first:
        +mv_plane .G, 0, 0      ; plane 7 (the weight's top bit)
        +mv_plane .G, 0, 0
        +mv_plane .G, 0, .prune * 1 ; plane 5
        +mv_plane .G, 0, .prune * 2
        +mv_plane .G, 0, .prune * 3 ; plane 3
        +mv_plane .G, 0, 0
        +mv_plane .G, 0, 0
        +mv_plane .G, 1, 0      ; plane 0
        !if .prune {
        cpy #ARGMAX_FIRST       ; an eligible row above M: the new M
        bcc +
mvp_m:  lda #0                  ; M (patched), M - acc borrows when acc > M
        cmp a0
        lda #0
        sbc a1
        lda #0
        sbc a2
        lda #0
        sbc a3
        bcs +
        jsr mv_newmax
+
        }
.fin:   jsr $ffff               ; the finish (patched from mv_fin)
.next:  iny
        cpy mv_rows
        beq +
        jmp .row
+       rts
        !if .prune {
mvp_pruned:
        jsr mv_satn             ; a dropped row's logit: -32768, which never wins
        jmp .next
        }
}

; --- the kernels (ED columns, FF columns, one head's columns; shared when equal)
mv_kernel_ed:
        +mv_kernel G_ED, 0
!if G_FF = G_ED {
mv_kernel_ff = mv_kernel_ed
} else {
mv_kernel_ff:
        +mv_kernel G_FF, 0
}
!if G_HD = G_ED {
mv_kernel_hd = mv_kernel_ed
} else {
!if G_HD = G_FF {
mv_kernel_hd = mv_kernel_ff
} else {
mv_kernel_hd:                   ; attention scores: keys as rows, a head as columns
        +mv_kernel G_HD, 0
}
}

mv_kernel_out:                  ; the output layer: G_ED with argmax pruning
        +mv_kernel G_ED, 1

; ---------------------------------------------------------------------------
; mv_prune_init: before the output layer's mv_apply (after its mv_prep).
; In: A bit 6 set = only the argmax matters (step's s_nolog). Then, on the fast
; path, rows that cannot be the argmax are dropped (their logit -32768: they
; never beat the first maximum, which is always kept exact); else every
; logit is exact (thresholds 0, M = $ffffffff which no row exceeds).
; Pmax = 256·β + Σ of the positive inputs (into m_q). ~60·C cycles.
; ---------------------------------------------------------------------------
mv_prune_init:
        and #$40
        beq +
        bit mv_slow
        bmi +
        lda #0                  ; argmax only: M = 0 (the first eligible row
        beq ++                  ; becomes M)
+       lda #$ff                ; exact: M = $ffffffff
++      sta mvp_m + 1
        sta mvp_m + 5
        sta mvp_m + 9
        sta mvp_m + 13
        ldx #0                  ; T' = 0 in all three slots
        ldy #3
-       lda MVP_SLOTS,x
        sta mv_ptr
        lda MVP_SLOTS + 1,x
        sta mv_ptr + 1
        jsr .tzero
        inx
        inx
        dey
        bne -
        ; Pmax = 256·β (mv_beta, from mv_build) + Σ positive x
        lda #0
        sta m_q
        sta m_q + 3
        lda mv_beta
        sta m_q + 1
        lda mv_beta + 1
        sta m_q + 2
        ldy #0
-       lda UB_HI,y
        bmi +
        clc
        lda m_q
        adc UB_LO,y
        sta m_q
        lda m_q + 1
        adc UB_HI,y
        sta m_q + 1
        bcc +
        inc m_q + 2
+       iny
        cpy mv_cols
        bne -
        rts
; T' = 0: the four immediates of the slot at (mv_ptr)
.tzero: sty mv_cnt
        lda #0
        ldy #1
        sta (mv_ptr),y
        ldy #5
        sta (mv_ptr),y
        ldy #9
        sta (mv_ptr),y
        ldy #13
        sta (mv_ptr),y
        ldy mv_cnt
        rts

MVP_SLOTS:
        !word mvp_c1, mvp_c2, mvp_c3

; ---------------------------------------------------------------------------
; mv_newmax: the kernel found a row whose final sum (a0..a3) beats M: M = it,
; then each slot's T' = floor((D - 1) / 2^(p-1)), D = M - (2^p - 1)·Pmax
; (p = 5, 4, 3), or 0 when D <= 0. Y preserved. ~700 cycles, a few times
; per token.
; ---------------------------------------------------------------------------
mv_newmax:
        sty mv_cnt2
        lda a0
        sta mvp_m + 1
        lda a1
        sta mvp_m + 5
        lda a2
        sta mvp_m + 9
        lda a3
        sta mvp_m + 13
        ldx #0                  ; slot 1..3 = X / 2 + 1, p = 5 - X / 2
.slot:  lda MVP_SLOTS,x
        sta mv_ptr
        lda MVP_SLOTS + 1,x
        sta mv_ptr + 1
        ; m_t = Pmax << p
        lda m_q
        sta m_t
        lda m_q + 1
        sta m_t + 1
        lda m_q + 2
        sta m_t + 2
        lda #0
        sta m_t + 3
        txa
        lsr
        eor #$ff
        sec
        adc #5                  ; p = 5 - X / 2
        sta mv_cnt
        tay
-       asl m_t
        rol m_t + 1
        rol m_t + 2
        rol m_t + 3
        dey
        bne -
        ; m_p = M + Pmax - m_t - 1 = D - 1
        clc
        lda a0
        adc m_q
        sta m_p
        lda a1
        adc m_q + 1
        sta m_p + 1
        lda a2
        adc m_q + 2
        sta m_p + 2
        lda a3
        adc #0
        sta m_p + 3
        clc                     ; (C clear: minus one more)
        lda m_p
        sbc m_t
        sta m_p
        lda m_p + 1
        sbc m_t + 1
        sta m_p + 1
        lda m_p + 2
        sbc m_t + 2
        sta m_p + 2
        lda m_p + 3
        sbc m_t + 3
        sta m_p + 3
        bpl +
        jsr .tzero              ; D - 1 < 0: never drop
        jmp .nexts
+       ldy mv_cnt              ; >> (p - 1)
        dey
-       lsr m_p + 3
        ror m_p + 2
        ror m_p + 1
        ror m_p
        dey
        bne -
        ldy #1
        lda m_p
        sta (mv_ptr),y
        ldy #5
        lda m_p + 1
        sta (mv_ptr),y
        ldy #9
        lda m_p + 2
        sta (mv_ptr),y
        ldy #13
        lda m_p + 3
        sta (mv_ptr),y
.nexts: inx
        inx
        cpx #6
        beq +
        jmp .slot
+       ldy mv_cnt2
        rts

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
        ldy #0                  ; copy x into UB (the build reads it there)
-       lda (mv_xhi),y          ; while checking |x| < 4096 <=> high byte
        sta UB_HI,y             ; in -16..15
        clc
        adc #16
        and #$e0
        bne .slow
        lda (mv_xlo),y
        sta UB_LO,y
        iny
        cpy mv_cols
        bne -
        lda #0
        sta mv_slow
        jmp mv_build
.slow:  lda #$80
        sta mv_slow
        rts

; the input of pass A: x >> 12, in -8..7
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
        sta UB_LO,y
        ldx #$00                ; high byte: the sign extension
        and #$80
        beq +
        dex
+       txa
        sta UB_HI,y
        iny
        cpy mv_cols
        bne -
        jmp mv_build

; the input of pass B: x & 4095
mv_u_lo:
        ldy #0
-       lda (mv_xlo),y
        sta UB_LO,y
        lda (mv_xhi),y
        and #$0f
        sta UB_HI,y
        iny
        cpy mv_cols
        bne -
        ; fall through

; A[.l] = A[.p] + x[8g + .i] (in the entry block) and B[.l] likewise from
; x[8g + 4 + .i]; Y = 8g. 16-bit wrapping adds: every A and B is >= 0 (the
; bias), so the true sums are in 0..65535 and the wrap is exact.
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

; --- the bias of a half group: A = 256·A' where A' = -Σ of the negative
; high bytes of x[8g + .i .. 8g + .i + 3] (Y = 8g)
!macro mv_half_bias .i {
        lda #0
        sta mv_bl
        ldx #4
-       lda UB_HI + .i,y
        bpl +
        eor #$ff                ; -hi = (hi XOR $ff) + 1 (C set)
        sec
        adc mv_bl
        sta mv_bl
+       iny
        dex
        bne -
        lda mv_bl
}

; one row of 16 S entries: B[.h] into mv_bl/bh, then the entry block
!macro mv_h .h {
        lda NB_LO + .h
        sta mv_bl
        lda NB_HI + .h
        sta mv_bh
        ldx #16 * .h
        jsr mv_sblk
}

; ---------------------------------------------------------------------------
; mv_build: V (see CORRECTIONS) in mv_v0..2, β in mv_beta; S tables for groups
; 0..ngrp-1 from UB_LO/HI (entries C..8·ngrp-1 are zeroed first: padding);
; entry 0 of the groups ngrp..G_MAX-1 zeroed (no bias there).
; ---------------------------------------------------------------------------
mv_build:
        ; pad x with zeros up to 8·ngrp
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
+       ; V = 2^23 - Σ_g (A[15] + B[15]) - 254·β: A[15] + B[15] = B_g +
        ; the group's Σ x, so this is 2^23 - X - 510·β (see CORRECTIONS)
        lda #0
        sta mv_v0
        sta mv_v1
        sta mv_beta
        sta mv_beta + 1
        lda #$80
        sta mv_v2
        ; the groups
        lda #0
        sta NB_LO               ; B[0] low byte (its high byte is the bias)
        sta mv_g8
        lda #>STAB
        sta mv_page
.grp:   ; the biases: A[0] (entry block, high byte), B[0] (NB), β += both
        ldy mv_g8
        +mv_half_bias 0
        sta mv_sblk + 0*MV_SENT_SIZE + MV_SENT_AHI
        clc
        adc mv_beta
        sta mv_beta
        bcc +
        inc mv_beta + 1
+       +mv_half_bias 0         ; (Y = 8g + 4 now)
        sta NB_HI
        clc
        adc mv_beta
        sta mv_beta
        bcc +
        inc mv_beta + 1
+       ; A[l] (low nibble, x[8g..8g+3]) straight into the entry block's
        ; immediates, B[h] (x[8g+4..8g+7]) into NB: A[l] = A[l & (l-1)] + x[ctz l]
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
        ; V -= A[15] + B[15] (each < 65536)
        sec
        lda mv_v0
        sbc mv_sblk + 15*MV_SENT_SIZE + MV_SENT_ALO
        sta mv_v0
        lda mv_v1
        sbc mv_sblk + 15*MV_SENT_SIZE + MV_SENT_AHI
        sta mv_v1
        bcs +
        dec mv_v2
+       sec
        lda mv_v0
        sbc NB_LO + 15
        sta mv_v0
        lda mv_v1
        sbc NB_HI + 15
        sta mv_v1
        bcs +
        dec mv_v2
+       ; the entry block's stores: this group's pages
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
        ; S[16h + l] = A[l] + B[h], h = 0..15 (unrolled: C stays clear)
        clc
        +mv_h 0
        +mv_h 1
        +mv_h 2
        +mv_h 3
        +mv_h 4
        +mv_h 5
        +mv_h 6
        +mv_h 7
        +mv_h 8
        +mv_h 9
        +mv_h 10
        +mv_h 11
        +mv_h 12
        +mv_h 13
        +mv_h 14
        +mv_h 15
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
+       ; unfilled groups (mv_page is group ngrp's): entry 0 = 0, no bias
        lda #0
        sta mv_ptr
        tay
        ldx mv_ngrp
-       cpx #G_MAX
        beq +
        lda mv_page
        sta mv_ptr + 1
        tya
        sta (mv_ptr),y          ; low lane
        inc mv_ptr + 1
        sta (mv_ptr),y          ; high lane
        inc mv_page
        inc mv_page
        inx
        bne -
+       ; V -= 254·β = 256·β - 2·β (β < 2^12)
        sec
        lda mv_v1
        sbc mv_beta
        sta mv_v1
        lda mv_v2
        sbc mv_beta + 1
        sta mv_v2
        lda mv_beta
        asl
        tax                     ; 2β, low byte
        lda mv_beta + 1
        rol
        tay                     ; 2β, high byte
        txa
        clc
        adc mv_v0
        sta mv_v0
        tya
        adc mv_v1
        sta mv_v1
        bcc +
        inc mv_v2
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
        sta mv_ol2 + 1
        lda mv_ptr + 1
        sta mv_ol + 2
        sta mv_ol2 + 2
        lda mv_ptr2
        sta mv_oh + 1
        sta mv_oh2 + 1
        lda mv_ptr2 + 1
        sta mv_oh + 2
        sta mv_oh2 + 2
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
        ; shift: this matrix's normal finish, a fast one for 5 <= S <= 8
        ldy #MD_SHIFT
        lda (mv_desc),y
        sta mv_shift
        sec
        sbc #5
        cmp #4
        bcs +
        eor #3                  ; k = 8 - S = 3 - (S - 5)
        asl
        tax
        lda MV_FAST + 1,x
        tay
        lda MV_FAST,x
        tax
        jmp ++
+       ldx #<mv_fin16
        ldy #>mv_fin16
++      stx mv_shv
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
        jsr .setfin
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
        jsr .setfin
.run:   jmp (mv_kern)

; mv_fin = the last pass's finish: mv_final, where mv_fin16 (the normal
; finish) stands for this matrix's own (mv_shv)
.setfin:
        lda mv_final
        ldx mv_final + 1
        cmp #<mv_fin16
        bne +
        cpx #>mv_fin16
        bne +
        lda mv_shv
        ldx mv_shv + 1
+       sta mv_fin
        stx mv_fin + 1
        rts

MV_KERNELS:
        !word mv_kernel_ed, mv_kernel_ff, mv_kernel_hd, mv_kernel_out
MV_FAST:                        ; the fast finishes by k = 8 - S
        !word mv_fin_k0, mv_fin_k1, mv_fin_k2, mv_fin_k3

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

; the normal finish for S outside 5..8: remove 2^30, add the bias, then
; shift_sat32 (the general shift with floor and saturation) and store
mv_fin16:
        lda a3
        sec
        sbc #$40
        sta a3
        bit mv_bias
        bpl +
        jsr mv_addbias
+       ldx mv_shift
        jsr shift_sat32
mv_ol:  sta $ffff,y             ; A = low byte
        lda a1
mv_oh:  sta $ffff,y
        rts

; acc += bias[r] (sign extended)
mv_addbias:
        ldx #0
        clc
mv_bl0: lda $ffff,y
        adc a0
        sta a0
mv_bh0: lda $ffff,y
        bpl +
        dex
+       adc a1
        sta a1
        txa
        adc a2
        sta a2
        txa
        adc a3
        sta a3
        rts

; the fast finishes, S = 8 - .k (0 <= k <= 3: the usual case): add the bias,
; then k doublings mod 2^32, which turn the 2^30 offset into 2^(30+k) mod
; 2^32 ($40, $80 or nothing in a3), removed from a3 only for the check: the
; result is a2:a1 when a3 is its sign extension (valid as |acc| < 2^29),
; else it saturates.
!macro mv_fin_fast .k {
        bit mv_bias
        bpl +
        jsr mv_addbias
+
        !if .k > 0 {
        asl a0
        rol a1
        rol a2
        rol a3
        }
        !if .k > 1 {
        asl a0
        rol a1
        rol a2
        rol a3
        }
        !if .k > 2 {
        asl a0
        rol a1
        rol a2
        rol a3
        }
        lda a3
        !if .k = 0 {
        sec
        sbc #$40
        }
        !if .k = 1 {
        eor #$80
        }
        bmi .neg
        bne .sp
        lda a2
        bmi .sp
        jmp mv_st21
.neg:   cmp #$ff
        bne .sn
        lda a2
        bpl .sn
        jmp mv_st21
.sp:    jmp mv_satp
.sn:    jmp mv_satn
}

mv_fin_k0:
        +mv_fin_fast 0
mv_fin_k1:
        +mv_fin_fast 1
mv_fin_k2:
        +mv_fin_fast 2
mv_fin_k3:
        +mv_fin_fast 3

mv_satp:                        ; +32767
        lda #$ff
        sta a1
        lda #$7f
        sta a2
        bne mv_st21
mv_satn:                        ; -32768
        lda #$00
        sta a1
        lda #$80
        sta a2
mv_st21:                        ; store the int16 a2:a1
        lda a1
mv_ol2: sta $ffff,y
        lda a2
mv_oh2: sta $ffff,y
        rts

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
