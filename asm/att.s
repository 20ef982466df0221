; ===========================================================================
; att.s — one attention head over the KV cache (and kv_store, its writer)
;
; In:  Q (ED), s_head = h, s_keys = t+1, and the layer's cache bases
;      KM_BASE (key masks) and VC_LO/HI_BASE
;      (value rows), set by step.s.
; Out: ATT[h·HD .. h·HD+HD-1].
;   score_j = Σ_d q_d·k_jd (exact, up to 2^33); sf_j = score_j >> 14;
;   m = max sf; w_j = EXP[min(127, m - sf_j)]; W = Σ w (0 -> 1);
;   out_d = sat16(floor(Σ_j w_j·v_jd / W)).
;
; SCORES by the matvec kernel (mv.s) with the keys as the matrix: k =
; 256·kh + kl, so score = 256·R_h + R_l + 128·Σq where R_h = Σ kh·q and
; R_l = Σ (kl-128)·q are two int8-matrix × q products over the keys 0..t
; (kv_store keeps each key as bit-plane masks and a row constant). The S
; tables are built once over q_h; a key then costs 2 × 8 table adds.
; sf = (R_h + ((R_l + 128·Σq) >> 8)) >> 6 (floors compose exactly).
;
; VALUES by quarter squares with one operand fixed (see math.s): w_j is
; fixed for a sweep over the head's dimensions, so the table bases
; FLO_0 ± w are patched once per key; keys with w_j = 0 are skipped.
; VALUE CACHE (per layer): VL[j·ED + d], VH[j·ED + d] (high byte XOR $80).
; Cycles: ~5K + ~1K per key for scores, ~90 per key·dim for values,
; ~700 per dim for the division.
; Zero page: s_*, m_*, fp*, n_*, and mv.s's.
; ===========================================================================

!zone att

; patch a 16-bit operand pair (lo plane at .op, hi plane at .op2) with
; (FLO_0 + .off + A:X) where A = low byte, X = high byte of a signed offset
!macro att_setop .op, .op2, .off {
        clc
        adc #<(FLO_0 + .off)
        sta .op + 1
        sta .op2 + 1
        txa
        adc #>(FLO_0 + .off)
        sta .op + 2
        clc
        adc #>(FHI - FLO)
        sta .op2 + 2
}

; ---------------------------------------------------------------------------
; att_head
; ---------------------------------------------------------------------------
att_head:
        ; h·HD: the head's first dimension
        lda s_head
        ldx #HD
        jsr mul8x8
        sta s_d
        ; --- scores by subset sums (mv.s): S tables over q_h, keys as rows ---
        clc
        adc #<Q_LO
        sta mv_xlo
        lda #>Q_LO
        adc #0
        sta mv_xlo + 1
        clc
        lda s_d
        adc #<Q_HI
        sta mv_xhi
        lda #>Q_HI
        adc #0
        sta mv_xhi + 1
        lda #HD
        sta mv_cols
        jsr mv_prep
        ; C = 128·Σq (32 bits) in s_acc
        lda #0
        sta s_acc
        sta s_acc + 1
        sta s_acc + 2
        sta s_acc + 3
        ldy s_d
        ldx #HD
-       clc
        lda s_acc + 1
        adc Q_LO,y
        sta s_acc + 1
        lda Q_HI,y
        bpl +
        dec s_acc + 3           ; sign of the 16-bit term into byte 3
+       adc s_acc + 2
        sta s_acc + 2
        bcc +
        inc s_acc + 3
+       iny
        dex
        bne -
        lda s_acc + 3           ; (Σq · 256) >> 1 = 128·Σq
        cmp #$80
        ror s_acc + 3
        ror s_acc + 2
        ror s_acc + 1
        ror s_acc
        ; this head's masks: 2·HMASK bytes per head
        lda s_head
        sta m_a
        lda #0
        sta m_a + 1
        lda #<(2 * HMASK)
        sta m_b
        lda #>(2 * HMASK)
        sta m_b + 1
        jsr mul16u
        clc
        lda KM_BASE
        adc m_p
        sta ATT_DESC + MD_MASKS
        lda KM_BASE + 1
        adc m_p + 1
        sta ATT_DESC + MD_MASKS + 1
        lda s_keys
        sta ATT_DESC + MD_ROWS
        lda #2                  ; the G_HD kernel, no bias, no shift (raw sums)
        sta ATT_DESC + MD_KERNEL
        lda #SL                 ; columns and planes are SL apart
        sta ATT_DESC + MD_STRIDE
        lda #0
        sta ATT_DESC + MD_BIAS
        sta ATT_DESC + MD_BIAS + 1
        sta ATT_DESC + MD_SHIFT
        ; R_h = Σ kh·q into RH0..3, then R_l = Σ (kl - 128)·q into RL0..3
        lda #<mv_fin_raw32
        sta mv_final
        lda #>mv_fin_raw32
        sta mv_final + 1
        lda #<ATT_DESC
        sta mv_desc
        lda #>ATT_DESC
        sta mv_desc + 1
        ldx #0
        jsr .raw
        clc
        lda ATT_DESC + MD_MASKS
        adc #<HMASK
        sta ATT_DESC + MD_MASKS
        lda ATT_DESC + MD_MASKS + 1
        adc #>HMASK
        sta ATT_DESC + MD_MASKS + 1
        ldx #8
        jsr .raw
        lda #<mv_fin16
        sta mv_final
        lda #>mv_fin16
        sta mv_final + 1
        ; sf_j = (R_h + ((R_l + C) >> 8)) >> 6 into SC0..SC2; m = max
        ldy #0
.sf:    clc
        lda RL0,y
        adc s_acc
        lda RL1,y               ; (only the carry of byte 0 matters)
        adc s_acc + 1
        sta s_t
        lda RL2,y
        adc s_acc + 2
        sta s_t + 1
        lda RL3,y
        adc s_acc + 3
        sta s_t + 2
        and #$80                ; >> 8: sign into the fourth byte
        beq +
        lda #$ff
+       sta s_t + 3
        clc
        lda RH0,y
        adc s_t
        sta s_t
        lda RH1,y
        adc s_t + 1
        sta s_t + 1
        lda RH2,y
        adc s_t + 2
        sta s_t + 2
        lda RH3,y
        adc s_t + 3
        sta s_t + 3
        asl s_t                 ; >> 6 = << 2, then drop a byte
        rol s_t + 1
        rol s_t + 2
        rol s_t + 3
        asl s_t
        rol s_t + 1
        rol s_t + 2
        rol s_t + 3
        lda s_t + 1
        sta SC0,y
        lda s_t + 2
        sta SC1,y
        lda s_t + 3
        sta SC2,y
        cpy #0
        beq .newmax
        lda s_max               ; max < sf ?
        cmp SC0,y
        lda s_max + 1
        sbc SC1,y
        lda s_max + 2
        sbc SC2,y
        bvc +
        eor #$80
+       bpl .nomax
.newmax:
        lda SC0,y
        sta s_max
        lda SC1,y
        sta s_max + 1
        lda SC2,y
        sta s_max + 2
.nomax: iny
        cpy s_keys
        beq +
        jmp .sf
+       jmp .weights

; one raw "matvec" over the keys into RH (X = 0) or RL (X = 8) planes
.raw:   lda ATT_RAW,x
        sta mv_r0 + 1
        lda ATT_RAW + 1,x
        sta mv_r0 + 2
        lda ATT_RAW + 2,x
        sta mv_r1 + 1
        lda ATT_RAW + 3,x
        sta mv_r1 + 2
        lda ATT_RAW + 4,x
        sta mv_r2 + 1
        lda ATT_RAW + 5,x
        sta mv_r2 + 2
        lda ATT_RAW + 6,x
        sta mv_r3 + 1
        lda ATT_RAW + 7,x
        sta mv_r3 + 2
        jmp mv_apply
ATT_RAW:
        !word RH0, RH1, RH2, RH3, RL0, RL1, RL2, RL3

.weights:
        ; w_j = EXP[min(127, m - sf_j)], W = Σ w
        lda #0
        sta s_w
        sta s_w + 1
        ldy #0
.wj:    sec
        lda s_max
        sbc SC0,y
        tax
        lda s_max + 1
        sbc SC1,y
        sta s_t
        lda s_max + 2
        sbc SC2,y
        ora s_t
        bne .far                ; difference >= 256
        cpx #127
        bcc +
.far:   ldx #127
+       lda EXP_TABLE,x
        sta WJ,y
        clc
        adc s_w
        sta s_w
        bcc +
        inc s_w + 1
+       iny
        cpy s_keys
        bne .wj
        ; 32768·W (bytes 1..3; byte 0 is 0) for the numerators, from the true
        ; W before the 0 -> 1 rule (a w_j of 255 always exists, so W >= 255)
        lda s_w + 1
        lsr
        sta s_acc + 3
        lda s_w
        ror
        sta s_acc + 2
        lda #0
        ror
        sta s_acc + 1
        lda s_w
        ora s_w + 1
        bne +
        inc s_w
+
        ; numerators in two unsigned parts per dimension d (3 bytes each):
        ;   L_d = Σ_j w_j·vl_jd,  H_d = Σ_j w_j·vh'_jd  (vh' = v_hi XOR $80),
        ; so Σ_j w_j·v_jd = L + 256·(H - 128·W) = L + 256·H - 32768·W. Both
        ; products read the same unsigned quarter-square bases, and a 16-bit
        ; product adds into 3 bytes (the third only on a carry): cheaper than
        ; one signed 32-bit sum. A key with w_j = 0 adds nothing: skipped.
        ldy #HD - 1
        lda #0
-       sta NL0,y
        sta NL1,y
        sta NL2,y
        sta NH0,y
        sta NH1,y
        sta NH2,y
        dey
        bpl -
        sta s_j
        ; value rows: VC + j·ED + h·HD, j = 0 first, then += ED
        clc
        lda VC_LO_BASE
        adc s_d                 ; (s_d = h·HD from the start)
        sta .vl + 1
        lda VC_LO_BASE + 1
        adc #0
        sta .vl + 2
        clc
        lda VC_HI_BASE
        adc s_d
        sta .vh + 1
        lda VC_HI_BASE + 1
        adc #0
        sta .vh + 2
        jmp .vj
.vnext: clc
        lda .vl + 1
        adc #ED
        sta .vl + 1
        bcc +
        inc .vl + 2
+       clc
        lda .vh + 1
        adc #ED
        sta .vh + 1
        bcc .vj
        inc .vh + 2
.vj:
        ; bases for w = w_j: f(v + w) and f(v - w), w·v = f(v + w) - f(v - w)
        ldy s_j
        lda WJ,y
        bne +
        jmp .vskip              ; w_j = 0: nothing to add
+       sta s_t
        ldx #0
        +att_setop .p0, .p0h, 0
        lda s_t
        ldx #0
        +att_setop .p1, .p1h, 0
        lda s_t                 ; -w as 16 bits (w >= 1: high byte $ff)
        eor #$ff
        clc
        adc #1
        sta s_t + 3
        ldx #$ff
        +att_setop .m0, .m0h, 0
        lda s_t + 3
        ldx #$ff
        +att_setop .m1, .m1h, 0
        ldy #0
.vd:
.vl:    ldx $ffff,y             ; L += w·vl
.p0:    lda $ffff,x
        sec
.m0:    sbc $ffff,x
        sta s_t
.p0h:   lda $ffff,x
.m0h:   sbc $ffff,x
        tax
        clc
        lda s_t
        adc NL0,y
        sta NL0,y
        txa
        adc NL1,y
        sta NL1,y
        bcc +
        lda NL2,y               ; (C set: +1)
        adc #0
        sta NL2,y
+
.vh:    ldx $ffff,y             ; H += w·vh'
.p1:    lda $ffff,x
        sec
.m1:    sbc $ffff,x
        sta s_t
.p1h:   lda $ffff,x
.m1h:   sbc $ffff,x
        tax
        clc
        lda s_t
        adc NH0,y
        sta NH0,y
        txa
        adc NH1,y
        sta NH1,y
        bcc +
        lda NH2,y
        adc #0
        sta NH2,y
+       iny
        cpy #HD
        bne .vd
.vskip: inc s_j
        lda s_j
        cmp s_keys
        beq +
        jmp .vnext
+
        ; out_d = sat16(floor(NUM_d / W)), NUM = L + 256·H - 32768·W
        lda s_head
        ldx #HD
        jsr mul8x8
        sta s_t + 7
        lda s_w
        sta m_d
        lda s_w + 1
        sta m_d + 1
        lda #0
        sta s_d
.div:   ldy s_d
        clc
        lda NL0,y
        sta m_q
        lda NL1,y
        adc NH0,y
        sta m_q + 1
        lda NL2,y
        adc NH1,y
        sta m_q + 2
        lda NH2,y
        adc #0
        sta m_q + 3
        sec
        lda m_q + 1
        sbc s_acc + 1
        sta m_q + 1
        lda m_q + 2
        sbc s_acc + 2
        sta m_q + 2
        lda m_q + 3
        sbc s_acc + 3
        sta m_q + 3
        jsr fdiv_sat
        lda s_d
        clc
        adc s_t + 7             ; h·HD
        tay
        lda a0
        sta ATT_LO,y
        lda a1
        sta ATT_HI,y
        inc s_d
        lda s_d
        cmp #HD
        bne .div
        rts

; A = A·X (low byte), for small products (< 256)
mul8x8:
        jsr mul8x8w
        lda m_p
        rts

; m_p (16 bits) = A·X, unsigned 8×8
mul8x8w:
        jsr qs_ptrs
        txa
        tay
        lda (fp0),y
        sec
        sbc (fp1),y
        sta m_p
        lda (fp2),y
        sbc (fp3),y
        sta m_p + 1
        rts
