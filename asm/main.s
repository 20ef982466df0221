; ===========================================================================
; main.s — the program a person sees: title, YOU> prompt, C64> replies
;
; start     RUN / SYS entry. Saves what it changes (zero page $02-$8F, the
;           stack pointer, $01, $D018, $D020, the case-switch lock $0291,
;           SID volume), banks BASIC out ($01 = $36: the soul's tables may sit
;           under the BASIC ROM), builds its tables (everything it modifies is
;           set up here, so RUN works again), shows the title screen and loops:
;   YOU>    a line is read with CHRIN (the KERNAL screen editor, so DEL and
;           cursor keys work), at most 80 characters;
;           empty or blank: prompt again; "q" alone: back to BASIC;
;           too many tokens for the context: say so, prompt again;
;   C64>    feed [SEP] + ids + [SEP] through step, then generate greedily:
;           argmax (the soul's rule), stop at PAD/SEP/END or a full context;
;           each token is printed as soon as it exists, with a SID blip on
;           voice 1, while the border flashes once per layer.
; Zero page: everything (see zp.s); KERNAL: CHROUT, CHRIN.
; ===========================================================================

!zone main

CHROUT  = $ffd2
CHRIN   = $ffcf
BORDER  = $d020
VIC_MEM = $d018
SID     = $d400
MODE    = $0291                 ; bit 7: shift+C= case switching locked
LINE_MAX = 88                   ; longest line kept (the editor gives <= 80)

start:
        tsx
        stx SAVE_SP
        ldx #0
-       lda ZP_FIRST,x
        sta ZPSAVE,x
        inx
        cpx #ZP_LAST - ZP_FIRST + 1
        bne -
        lda $01
        sta SAVE_01
        lda VIC_MEM
        sta SAVE_D018
        lda BORDER
        sta SAVE_BORDER
        lda MODE
        sta SAVE_MODE
        lda #$36                ; BASIC ROM out, KERNAL and I/O in
        sta $01
        jsr engine_init
        ; lowercase character set, case switching locked, clear screen
        lda #14
        jsr CHROUT
        lda #8
        jsr CHROUT
        lda #147
        jsr CHROUT
        ldx #<TITLE_TEXT
        ldy #>TITLE_TEXT
        jsr print_str
.prompt:
        ldx #<YOU_TEXT
        ldy #>YOU_TEXT
        jsr print_str
        jsr read_line
        ; trim: find the first and last non-blank characters
        ldy #0
-       cpy u_len
        beq .prompt             ; empty or blank: just ask again
        lda LINE,y
        cmp #' '
        bne +
        iny
        bne -
+       sty u_i                 ; first non-blank
        ldy u_len
-       dey
        lda LINE,y
        cmp #' '
        beq -
        ; "q" alone?
        cpy u_i
        bne +
        lda LINE,y
        and #$7f                ; q or Q
        cmp #'Q'
        bne +
        jmp quit
+       lda u_len
        cmp #LINE_MAX + 1
        bcs .toolong
        jsr encode
        lda u_n
        cmp #SL - 2             ; [SEP] + ids + [SEP] must leave room: ids <= SL-3
        bcs .toolong
        jsr reply
        jmp .prompt
.toolong:
        ldx #<LONG_TEXT
        ldy #>LONG_TEXT
        jsr print_str
        jmp .prompt

; engine_init: every table and buffer the engine changes is set up here.
; The quarter squares (and the KV cache) live under the KERNAL ROM, so the
; engine runs with $01 = $35 and interrupts off (see feed); the RAM vectors
; at $FFFA/$FFFE then point at an RTI in case of RESTORE (NMI).
engine_init:
        lda #<nmi_rti
        sta $fffa
        sta $fffe
        lda #>nmi_rti
        sta $fffb
        sta $ffff
        jsr kernal_out
        jsr qs_init
        jsr kernal_in
        jsr mv_init
        lda #<mv_fin16
        sta mv_final
        lda #>mv_fin16
        sta mv_final + 1
        lda #0
        sta NA_LO
        sta NA_HI
        sta NB_LO
        sta NB_HI
        sta u_col
        sta s_nolog
        rts

; read_line: LINE/u_len from CHRIN up to RETURN (characters past LINE_MAX
; are counted but not kept, so an over-long line is reported, not cut)
read_line:
        lda #0
        sta u_len
-       jsr CHRIN
        cmp #13
        beq +
        ldy u_len
        cpy #LINE_MAX + 1
        bcs -
        sta LINE,y
        inc u_len
        bne -
+       lda #13                 ; CHRIN does not echo the RETURN
        jmp CHROUT

; reply: context = [SEP] + IDS + [SEP], then greedy generation
reply:
        ldx #<C64_TEXT
        ldy #>C64_TEXT
        jsr print_str
        lda #0
        sta s_pos
        lda #$80                ; prompt tokens: no logits needed but the last
        sta s_nolog
        lda #1                  ; SEP
        jsr feed
        lda #0
        sta u_i
-       ldy u_i
        cpy u_n
        beq +
        lda IDS,y
        jsr feed
        inc u_i
        bne -
+       lda #$40                ; from the last prompt token on: only the
        sta s_nolog             ; argmax of the logits is read (step.s)
        lda #1
        jsr feed
.gen:   jsr argmax              ; A = next id (the soul's rule)
        cmp #0                  ; PAD, SEP, END: the model ends the reply
        beq reply_end_model
        cmp #1
        beq reply_end_model
        cmp #3
        beq reply_end_model
        ldx s_pos               ; no position left for it: the context is full
        cpx #SL
        bcs reply_end_full
        pha
        jsr blip_on
        pla
        pha
        jsr tok_print
        jsr blip_off
        pla
        jsr feed                ; even into the last position: its logits say
        jmp .gen                ; whether the model would end the reply there

; The two ways a reply ends. The host (lib/link/session.ts) watches these
; labels to report the stop reason; on the C64 both just end the line.
reply_end_full:                 ; the context is full
        clc
        bcc .end
reply_end_model:                ; the model chose PAD, SEP or END
        nop                     ; (its own address, apart from .end)
.end:   lda SAVE_BORDER
        sta BORDER
        lda #13
        jmp CHROUT

; feed: step with A at position s_pos, then s_pos + 1 (KERNAL banked out)
feed:   sta s_tok
        jsr kernal_out
        jsr step
        jsr kernal_in
        inc s_pos
        rts

kernal_out:
        sei
        lda #$35                ; RAM at $E000-$FFFF, I/O still in
        sta $01
        rts
kernal_in:
        lda #$36                ; KERNAL back (BASIC stays out)
        sta $01
        cli
        rts
nmi_rti:
        rti

; think_tick: called by step once per layer (the thinking border)
think_tick:
        inc u_col
        lda u_col
        and #$0f
        sta BORDER
        rts

blip_on:
        lda #$0f                ; volume
        sta SID + $18
        lda #$00                ; attack 2 ms, decay 6 ms
        sta SID + $05
        lda #$a0                ; sustain 10, release 6 ms
        sta SID + $06
        lda #$00
        sta SID + $00
        lda #$1c                ; ~1.7 kHz
        sta SID + $01
        lda #$11                ; triangle, gate on
        sta SID + $04
        rts
blip_off:
        ldx #0                  ; keep the gate open ~1.3 ms
-       dex
        bne -
        lda #$10                ; gate off: the release ends the blip
        sta SID + $04
        rts

; quit: put everything back and return to BASIC
quit:
        lda #142                ; uppercase character set
        jsr CHROUT
        lda SAVE_MODE
        sta MODE
        lda SAVE_D018
        sta VIC_MEM
        lda SAVE_BORDER
        sta BORDER
        lda #0
        sta SID + $04
        sta SID + $18
        ldx #0
-       lda ZPSAVE,x
        sta ZP_FIRST,x
        inx
        cpx #ZP_LAST - ZP_FIRST + 1
        bne -
        ; the saved bytes may sit under the BASIC ROM: read them before $01
        ldx SAVE_SP
        lda SAVE_01
        txs
        sta $01
        rts

; print_str: zero-terminated PETSCII at Y:X
print_str:
        stx u_ptr2
        sty u_ptr2 + 1
        ldy #0
-       lda (u_ptr2),y
        beq +
        sty u_tmp
        jsr CHROUT
        ldy u_tmp
        iny
        bne -
+       rts

YOU_TEXT:  !pet 13, "YOU> ", 0       ; capitals: shifted PETSCII ($C1-$DA)
C64_TEXT:  !pet "C64> ", 0
