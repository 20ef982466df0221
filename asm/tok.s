; ===========================================================================
; tok.s — the tokenizer on the C64, exactly as the host's encode/decode
;
; encode    in: LINE (u_len PETSCII characters). out: IDS (u_n ids).
;           1. each character -> CHARMAP[c] (link built it from the vocab's
;              one-character strings; shifted letters map like unshifted
;              ones, which is the host's lowercasing; anything else is UNK);
;           2. each merge rule in list order (MERGE_L/R/M, NMERGES of them),
;              left to right, non-overlapping, compacting IDS in place (the
;              write index never passes the read index).
;           Cycles: ~25 per id per rule (~40K for a 20-character line).
; tok_print in: A = id. Prints its string (TOK_OFF_LO/HI, TOK_LEN) with
;           CHROUT; specials have length 0.
; Zero page: u_*.
; ===========================================================================

!zone tok

encode:
        ldy #0
-       cpy u_len
        beq +
        ldx LINE,y
        lda CHARMAP,x
        sta IDS,y
        iny
        bne -
+       sty u_n
        lda #0
        sta u_k                 ; rule index
.rule:  lda u_k
        cmp #NMERGES
        beq .done
        lda u_n
        cmp #2
        bcc .done               ; nothing left to merge
        ldx u_k
        ldy #0                  ; read index
        sty u_i                 ; write index
.scan:  cpy u_n
        beq .next
        lda IDS,y
        iny
        cmp MERGE_L,x
        bne .keep
        cpy u_n                 ; is there a right neighbour?
        beq .keep
        lda IDS,y
        cmp MERGE_R,x
        beq .merge
        lda IDS - 1,y           ; not a pair: keep the left one
.keep:  sty u_tmp
        ldy u_i
        sta IDS,y
        inc u_i
        ldy u_tmp
        jmp .scan
.merge: iny                     ; consume the right one too
        lda MERGE_M,x
        jmp .keep
.next:  lda u_i
        sta u_n
        inc u_k
        jmp .rule
.done:  rts

tok_print:
        tax
        lda TOK_LEN,x
        beq .none
        sta u_tmp
        lda TOK_OFF_LO,x
        sta u_ptr
        lda TOK_OFF_HI,x
        sta u_ptr + 1
        ldy #0
-       lda (u_ptr),y
        sty u_i
        jsr CHROUT
        ldy u_i
        iny
        cpy u_tmp
        bne -
.none:  rts
