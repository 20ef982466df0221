; ===========================================================================
; step.s — feed one token: the whole transformer for one new position
;
; In:  s_tok = the token, s_pos = its position t (0..SL-1); the KV cache
;      holds positions 0..t-1 of every layer.
; Out: LOGITS (VS int16) for the next token (skipped when s_nolog bit 7 is
;      set; with bit 6 set only the argmax is kept exact: rows that cannot
;      be the first maximum hold -32768); the cache gains position t.
; Exactly the lead's step(): embed; per layer xn = rmsnorm(h, n1);
; q, k, v = W·xn (>> s+1); attention per head over keys 0..t;
; h = sat16(h + proj·att); yn = rmsnorm(h, n2); z = relu(fc1·yn + b1);
; h = sat16(h + fc2·z + b2); finally logits = out·rmsnorm(h, norm) (>> s).
; Only position t is computed: earlier positions live in the cache (KV
; caching gives the same integers as recomputing everything). A prompt
; token without logits (s_nolog bit 7) stops after the last layer's kv_store.
;
; Layer records (LREC_SIZE bytes each at LAYERS, written by lib/link):
LR_N1   = 0                     ; word: n1 gains (ED int8)
LR_N1S  = 2                     ; byte: n1 shift
LR_Q    = 3                     ; word: q matrix descriptor (see mv.s)
LR_K    = 5                     ; word: k descriptor
LR_V    = 7                     ; word: v descriptor
LR_PROJ = 9                     ; word: proj descriptor
LR_N2   = 11                    ; word: n2 gains
LR_N2S  = 13                    ; byte: n2 shift
LR_FC1  = 14                    ; word: fc1 descriptor (biased)
LR_FC2  = 16                    ; word: fc2 descriptor (biased)
LREC_SIZE = 18
;
; Calls think_tick (main.s) once per layer: the border flash.
; Cycles: ~1.5M-1.8M for the default shape, growing with t (tools/bench.ts c64).
; Zero page: everything in zp.s except u_*.
; ===========================================================================

!zone step

; mv_xlo/mv_xhi = vector planes; Y:X = address of lo plane, A = length;
; the hi plane follows at lo + length... (not used: planes are named)
!macro mv_input .lo, .hi, .n {
        lda #<.lo
        sta mv_xlo
        lda #>.lo
        sta mv_xlo + 1
        lda #<.hi
        sta mv_xhi
        lda #>.hi
        sta mv_xhi + 1
        lda #.n
        sta mv_cols
        jsr mv_prep
}

!macro mv_output .lo, .hi {
        lda #<.lo
        sta mv_ptr
        lda #>.lo
        sta mv_ptr + 1
        lda #<.hi
        sta mv_ptr2
        lda #>.hi
        sta mv_ptr2 + 1
}

; mv_desc = the word at (s_ldesc) + .field
!macro mv_desc_of .field {
        ldy #.field
        lda (s_ldesc),y
        sta mv_desc
        iny
        lda (s_ldesc),y
        sta mv_desc + 1
}

step:
        jsr embed
        lda #<LAYERS
        sta s_ldesc
        lda #>LAYERS
        sta s_ldesc + 1
        ; cache planes of layer 0
        lda #<KV_KM
        sta KM_BASE
        lda #>KV_KM
        sta KM_BASE + 1
        lda #<KV_VL
        sta VC_LO_BASE
        lda #>KV_VL
        sta VC_LO_BASE + 1
        lda #<KV_VH
        sta VC_HI_BASE
        lda #>KV_VH
        sta VC_HI_BASE + 1
        lda #0
        sta s_layer
.layer: jsr think_tick
        ; xn = rmsnorm(h, n1)
        ldy #LR_N1
        lda (s_ldesc),y
        sta n_ptr
        iny
        lda (s_ldesc),y
        sta n_ptr + 1
        iny
        lda (s_ldesc),y
        sta n_s
        jsr rmsnorm
        ; k, v, q from one set of S tables
        +mv_input XN_LO, XN_HI, ED
        +mv_desc_of LR_K
        +mv_output KT_LO, KT_HI
        jsr mv_apply
        +mv_desc_of LR_V
        +mv_output VT_LO, VT_HI
        jsr mv_apply
        jsr kv_store
        ; a prompt token whose logits nobody reads needs nothing more from the
        ; last layer: the cache has its k and v, and the rest (q, attention,
        ; feed-forward) only feeds this position's h, which is not kept
        bit s_nolog
        bpl +
        lda s_layer
        cmp #NL - 1
        bne +
        rts
+       +mv_desc_of LR_Q
        +mv_output Q_LO, Q_HI
        jsr mv_apply
        ; attention, head by head
        ldx s_pos
        inx
        stx s_keys
        lda #0
        sta s_head
-       jsr att_head
        inc s_head
        lda s_head
        cmp #NH
        bne -
        ; h += proj·att
        +mv_input ATT_LO, ATT_HI, ED
        +mv_desc_of LR_PROJ
        +mv_output Y_LO, Y_HI
        jsr mv_apply
        jsr residual
        ; yn = rmsnorm(h, n2); z = relu(fc1·yn + b1)
        ldy #LR_N2
        lda (s_ldesc),y
        sta n_ptr
        iny
        lda (s_ldesc),y
        sta n_ptr + 1
        iny
        lda (s_ldesc),y
        sta n_s
        jsr rmsnorm
        +mv_input XN_LO, XN_HI, ED
        +mv_desc_of LR_FC1
        +mv_output Z_LO, Z_HI
        jsr mv_apply
        jsr relu
        ; h += fc2·z + b2
        +mv_input Z_LO, Z_HI, FF
        +mv_desc_of LR_FC2
        +mv_output Y_LO, Y_HI
        jsr mv_apply
        jsr residual
        ; next layer: record, cache planes
        clc
        lda s_ldesc
        adc #LREC_SIZE
        sta s_ldesc
        bcc +
        inc s_ldesc + 1
+       ldx #2                  ; values: one plane per layer
-       clc
        lda KM_BASE,x
        adc #<KV_PLANE
        sta KM_BASE,x
        lda KM_BASE + 1,x
        adc #>KV_PLANE
        sta KM_BASE + 1,x
        inx
        inx
        cpx #6
        bne -
        clc                     ; key masks
        lda KM_BASE
        adc #<KM_LAYER
        sta KM_BASE
        lda KM_BASE + 1
        adc #>KM_LAYER
        sta KM_BASE + 1
        inc s_layer
        lda s_layer
        cmp #NL
        beq +
        jmp .layer
+       ; logits = out · rmsnorm(h, norm), unless this is a prompt token whose
        ; logits nobody reads (s_nolog: only the KV cache matters then)
        bit s_nolog
        bpl +
        rts
+       lda #<NORM_G
        sta n_ptr
        lda #>NORM_G
        sta n_ptr + 1
        lda #NORM_SHIFT
        sta n_s
        jsr rmsnorm
        +mv_input XN_LO, XN_HI, ED
        lda s_nolog             ; bit 6: only the argmax matters (mv.s)
        jsr mv_prune_init
        lda #<OUT_DESC
        sta mv_desc
        lda #>OUT_DESC
        sta mv_desc + 1
        +mv_output LOGITS_LO, LOGITS_HI
        jmp mv_apply

; kv_store: the new k and v (KT, VT) into the cache at position t = s_pos
;   keys, for the score kernel (mv.s with keys as rows): per head, two
;   "matrices" of int8 weights, kh (w' = k_hi XOR $80) and kl - 128 (w' =
;   k_lo), as bit-plane masks (column (7-b)·G_HD + g, row t; the kernel
;   needs no per-row constant, mv.s);
;   values: VL[t·ED + d] = v_lo, VH[t·ED + d] = v_hi XOR $80 (att.s).
kv_store:
        lda KM_BASE
        sta s_ptr
        lda KM_BASE + 1
        sta s_ptr + 1
        lda #0
        sta s_head
        sta s_d                 ; h·HD
.head:  lda #0
        sta s_j                 ; matrix: 0 = kh, 1 = kl
.mat:
        ; masks, group by group
        lda #0
        sta s_w                 ; g
        sta s_w + 1             ; 8g
.grp:   ldx #0                  ; TB[i] = w' of dim h·HD + 8g + i (0 past the head)
-       stx u_tmp
        lda s_w + 1
        clc
        adc u_tmp
        cmp #HD
        bcs +
        adc s_d                 ; (C clear)
        tay
        jsr .wprime
        jmp ++
+       lda #0
++      sta TB,x
        inx
        cpx #8
        bne -
        jsr kv_transpose
        ; p = s_ptr + g·SL + t; then plane 7..0 at p, p + G_HD·SL, ...
        lda s_w
        ldx #SL
        jsr mul8x8w
        clc
        lda s_ptr
        adc m_p
        sta n_ptr3
        lda s_ptr + 1
        adc m_p + 1
        sta n_ptr3 + 1
        ldx #7
-       ldy s_pos
        lda kv_tm,x
        sta (n_ptr3),y
        clc
        lda n_ptr3
        adc #<(G_HD * SL)
        sta n_ptr3
        lda n_ptr3 + 1
        adc #>(G_HD * SL)
        sta n_ptr3 + 1
        dex
        bpl -
        lda s_w + 1
        clc
        adc #8
        sta s_w + 1
        inc s_w
        lda s_w
        cmp #G_HD
        bne .grp
        ; next matrix / head
        clc
        lda s_ptr
        adc #<HMASK
        sta s_ptr
        lda s_ptr + 1
        adc #>HMASK
        sta s_ptr + 1
        inc s_j
        lda s_j
        cmp #2
        beq +
        jmp .mat
+       lda s_d
        clc
        adc #HD
        sta s_d
        inc s_head
        lda s_head
        cmp #NH
        beq +
        jmp .head
+       ; values: row t
        lda s_pos
        ldx #ED
        jsr mul8x8w
        clc
        lda VC_LO_BASE
        adc m_p
        sta s_ptr
        lda VC_LO_BASE + 1
        adc m_p + 1
        sta s_ptr + 1
        clc
        lda VC_HI_BASE
        adc m_p
        sta s_ptr2
        lda VC_HI_BASE + 1
        adc m_p + 1
        sta s_ptr2 + 1
        ldy #0
-       lda VT_LO,y
        sta (s_ptr),y
        lda VT_HI,y
        eor #$80
        sta (s_ptr2),y
        iny
        cpy #ED
        bne -
        rts

; A = w' of key dimension Y for matrix s_j (0: k_hi XOR $80, 1: k_lo)
.wprime:
        lda s_j
        bne +
        lda KT_HI,y
        eor #$80
        rts
+       lda KT_LO,y
        rts

; kv_tm[b] bit i = bit b of TB[i] (an 8×8 bit transpose). ~500 cycles.
kv_transpose:
        ldx #7
-       lda TB,x
        lsr
        rol kv_tm
        lsr
        rol kv_tm + 1
        lsr
        rol kv_tm + 2
        lsr
        rol kv_tm + 3
        lsr
        rol kv_tm + 4
        lsr
        rol kv_tm + 5
        lsr
        rol kv_tm + 6
        lsr
        rol kv_tm + 7
        dex
        bpl -
        rts
