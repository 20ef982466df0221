; ===========================================================================
; zp.s — the engine's zero page
;
; The engine owns $02-$8F, BASIC's part of the zero page. main.s saves those
; 142 bytes on entry and puts them back before returning to BASIC, so BASIC's
; pointers (program start, variables, TXTPTR) survive and RUN works again.
; The KERNAL's part ($90-$FF) is never touched: the screen editor and the
; keyboard IRQ keep working while the engine runs.
;
; Names are grouped by owner; a routine's header says which it uses.
; ===========================================================================

ZP_FIRST = $02                  ; first byte main.s saves/restores
ZP_LAST  = $8f                  ; last byte main.s saves/restores

; --- mv.s: the matrix-vector product (hot; every byte is zero page) ---------
a0       = $02                  ; 32-bit accumulator of one row, a0 lowest
a1       = $03
a2       = $04
a3       = $05
mv_v0    = $06                  ; V, every row's starting value (24 bits, mv.s)
mv_v1    = $07
mv_v2    = $08
mv_xlo   = $09                  ; word: the input vector's low-byte plane
mv_xhi   = $0b                  ; word: the input vector's high-byte plane
mv_cols  = $0d                  ; C, real columns of the input (1..128)
mv_ngrp  = $0e                  ; groups the S tables are built for, ceil(C/8)
mv_slow  = $0f                  ; bit 7: the input needs the two-pass (split) path
mv_desc  = $10                  ; word: the matrix descriptor being applied
mv_rows  = $12                  ; R (0 means 256)
mv_r16   = $13                  ; word: R as 16 bits (for address arithmetic)
mv_shift = $15                  ; S = s_w + post (signed)
mv_chain = $16                  ; bit 7: rows start from 32·accA (second pass)
mv_bias  = $17                  ; bit 7: add the bias planes in the finish
mv_fin   = $18                  ; word: finish routine the kernel calls per row
mv_kern  = $1a                  ; word: kernel entry (jmp (mv_kern))
mv_ptr   = $1c                  ; word: scratch pointer (patching, builds)
mv_ptr2  = $1e                  ; word: scratch pointer
mv_cnt   = $20                  ; loop counters
mv_cnt2  = $21
mv_g8    = $22                  ; 8·g of the group being built
mv_bl    = $23                  ; B[h], the high-nibble partial sum (build)
mv_bh    = $24
mv_page  = $25                  ; S table page of the group being built

; --- math.s / nn.s: scratch for multiplies, divisions, norms ----------------
m_a      = $26                  ; word/long operands and results
m_b      = $28
m_p      = $2a                  ; 32-bit product p0..p3
m_t      = $2e                  ; 4 bytes scratch
m_q      = $32                  ; 32-bit dividend / quotient
m_r      = $36                  ; 16/24-bit remainder
m_d      = $39                  ; 16-bit divisor
m_sign   = $3b                  ; sign flags
m_cnt    = $3c
fp0      = $3d                  ; word: QS table pointers (f(a+b), f(b-a))
fp1      = $3f
fp2      = $41
fp3      = $43
n_i      = $45                  ; element index
n_n      = $46                  ; element count
n_ptr    = $47                  ; word
n_ptr2   = $49                  ; word
n_ptr3   = $4b                  ; word
n_s      = $4d                  ; shift
n_tmp    = $4e                  ; 4 bytes

; --- step.s / att: attention and decoding state -------------------------------
s_pos    = $52                  ; position t of the token being fed
s_tok    = $53                  ; the token being fed
s_layer  = $54                  ; layer index
s_head   = $55                  ; head index
s_j      = $56                  ; key index
s_d      = $57                  ; dimension index
s_keys   = $58                  ; t+1, keys to attend to
s_max    = $59                  ; 3 bytes: the best scaled score m
s_w      = $5c                  ; word: W = sum of the softmax weights
s_ptr    = $5e                  ; word
s_ptr2   = $60                  ; word
s_ldesc  = $62                  ; word: the current layer's descriptor block
s_t      = $64                  ; 8 bytes scratch for products
s_acc    = $6c                  ; 5 bytes: a score / numerator accumulator

; --- tok.s / main.s: the front end -------------------------------------------
u_len    = $71                  ; length of the typed line
u_n      = $72                  ; ids in the prompt
u_i      = $73
u_k      = $74
u_ptr    = $75                  ; word
u_ptr2   = $77                  ; word
u_ctx    = $79                  ; tokens in the context
u_gen    = $7a                  ; tokens generated this turn
u_col    = $7b                  ; border colour cycling
u_tmp    = $7c

; --- shift_sat32 (mv.s) -------------------------------------------------------
a4       = $7d                  ; fifth accumulator byte for left shifts
sh_cnt   = $7e
mv_shv   = $7f                  ; word: this matrix's normal finish (fast by S, or mv_fin16)
s_nolog  = $82                  ; bit 7: step skips the logits (prompt tokens);
                                ; bit 6: only their argmax matters (generation)
mv_final = $83                  ; word: the finish of the last pass (mv_fin16 or raw)
kv_tm    = $85                  ; 8 bytes: a bit-plane transposition (kv_store)
mv_beta  = $8d                  ; word: β, the sum of the S tables' bias high bytes
