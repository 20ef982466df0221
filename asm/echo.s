; echo.s - the echo demo: read a line through the KERNAL, print it back, repeat.
;
; The smallest program that exercises what the chat program needs from the machine: a BASIC
; stub so that LOAD and RUN start it, the lower/upper case character set, line input with the
; screen editor (CHRIN), and output (CHROUT). The C64 harness's end-to-end test runs it.
;
; ------------------------------------------------------------------------------------------
; ECHO                                                    entry: START ($080D, SYS 2061 / RUN)
; ------------------------------------------------------------------------------------------
; Function:   Switch to the lower/upper case set, then loop: print the prompt "> ", read a
;             line with CHRIN, start a new line, print the line back, start a new line. An
;             empty line or a line "q" ends the loop and returns to BASIC, which prints READY.
; Inputs:     typed lines (keyboard, through the screen editor); at most 80 characters each,
;             as the editor's logical lines are
; Outputs:    the screen. A, X, Y, flags undefined on return.
; Zero page:  none
; Memory:     LENGTH (1 byte) and LINE (80 bytes) in free RAM just past the program
; Stack:      2 bytes (one JSR level; the KERNAL uses more)
; Calls:      CHROUT $FFD2 (A, X, Y kept), CHRIN $FFCF (X, Y kept)
; Cycles:     the KERNAL's: about 200 per character printed, more when the screen scrolls
; ------------------------------------------------------------------------------------------

CHROUT  = $ffd2                 ; print the PETSCII character in A
CHRIN   = $ffcf                 ; next character of the typed line in A ($0d at its end)

CR      = $0d                   ; RETURN
LOWER   = $0e                   ; printing this selects the lower/upper case set
KEY_Q   = $51                   ; the Q key unshifted: "q" in the lower/upper case set
MAXLEN  = 80                    ; characters in a logical screen line

        * = $0801

; BASIC stub: 10 SYS 2061
        !word stub_end          ; link to the next BASIC line
        !word 10                ; line number
        !byte $9e               ; SYS token
        !text "2061"            ; START in decimal
        !byte 0                 ; end of the line
stub_end
        !word 0                 ; end of the program

START
        lda #LOWER
        jsr CHROUT

prompt  ldx #0                  ; print the prompt
-       lda prompt_text,x
        beq read
        jsr CHROUT
        inx
        bne -

read    ldy #0                  ; Y = characters stored so far
-       jsr CHRIN
        cmp #CR
        beq got_line
        cpy #MAXLEN
        bcs -                   ; (never: the editor hands out at most 80 characters)
        sta LINE,y
        iny
        bne -

got_line
        sty LENGTH
        cpy #0
        beq done                ; an empty line ends the demo
        cpy #1
        bne echo
        lda LINE
        cmp #KEY_Q
        beq done                ; so does "q"

echo    lda #CR                 ; CHRIN leaves the cursor after the text: a new line first
        jsr CHROUT
        ldx #0
-       lda LINE,x
        jsr CHROUT
        inx
        cpx LENGTH
        bne -
        lda #CR
        jsr CHROUT
        jmp prompt

done    rts                     ; back to BASIC

prompt_text
        !text "> "
        !byte 0

; Free RAM after the program (not part of the file).
LENGTH  = *
LINE    = * + 1
