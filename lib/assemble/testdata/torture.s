; torture.s: every construct our ACME subset supports, and all 151 documented opcodes in
; every addressing mode. acme_crosscheck_test.ts assembles this file with ACME 0.97 and with
; our assembler and wants the same PRG, byte for byte.

        !to "torture.prg", cbm  ; ignored (the output name is the caller's business)
        !cpu 6502

; ---------------------------------------------------------------- constants and literals
zp1     = $42                   ; defined before use: zero-page forms
abs1    = $1234
wide    = $0080                 ; leading zeros force 16-bit addressing
bits    = %0101.#.#             ; binary with . and #
octal   = &0777
hexc    = 0xbeef
binc    = 0b1100
chr     = 'A'
neg     = -5
!addr   screen = $0400          ; !address marks symbols for ACME's type checks only
!address {
border  = $d020
}
café    = 7                     ; bytes above 127 are name characters

        * = $1000               ; the lowest segment comes later, at $0ff0
start
        jmp main

; ---------------------------------------------------------------- expressions
expressions
        !byte 7/2, -7/2, -7 % 2, 7 % -2, -7 DIV 2, 7 MOD 4
        !byte 1 < 2, 1 > 2, 2 <= 2, 3 >= 4, 1 == 1, 1 = 2, 1 != 2, 1 <> 1, 2 >< 3
        !byte 2 ^ 3, 2 ^ 3 ^ 0, -2 ^ 2 + 10, !0, NOT 1 & $ff, not 2 & $ff
        !byte 6 & 3, 6 AND 5, 6 | 1, 6 OR 8, 6 XOR 3, 6 xor 5
        !byte 1 << 3, 1 LSL 2, 1 asl 1, 64 >> 2, 64 ASR 3, -64 >> 4 & $ff, $80 >>> 3, 8 LSR 1
        !byte <abs1, >abs1, ^$123456, <abs1 + 1, >abs1+1, <(abs1 + $100)
        !byte 1 + 2 * 3, (1 + 2) * 3, 10 - 2 - 3, 100 / 10 / 5, 2 * 3 % 4
        !byte 1 << 3 + 1, 1 + 2 & 3, 1 | 2 XOR 3, 6 & 3 | 8, 2 < 3 == 1
        !byte - 1, --1, - - 2, -(-3), 3 - -2, 5+-1
        !byte bits, octal & $ff, hexc & $ff, binc, chr, neg, café, 'z' - 'a'
        !byte '\n', '\t', '\\', '\'', '"', '\0', '\r'
        !word *, * + 2, * - start, -1, 65535, -32768
        !byte 12, $0c, %1100, &14, 0x0C, 0b1100

; ---------------------------------------------------------------- data directives
data
        !8 1, 2
        !08 3
        !by 4, -128, 255
        !byte $ff
        !16 $1234
        !wo $5678, -2
        !word data
        !le16 $abcd
        !be16 $abcd
        !24 $123456, -1
        !le24 $abcdef
        !be24 $abcdef
        !32 $12345678, -1
        !le32 $89abcdef
        !be32 $89abcdef
        !hex 00 01 0a ff
        !h f0f1f2
        !fill 3
        !fi 2, $aa
        !fill 2, 'x'
        !skip 2
        !align 3, 0
        !align 7, 5, $ee
        !byte $11 : !byte $22   : nop   // three statements on one line
        !binary "torture.bin"
        !bin "torture.bin", 4
        !bin "torture.bin", , 44
        !bin "torture.bin", 3, 10
        !binary "torture.bin", 6, 45   ; 3 bytes from the file, then zero padding

; ---------------------------------------------------------------- text
text
        !text "Raw Text 123", 0
        !tx "tx", 13
        !pet "Hello, PETSCII! [@] ^_`{|}~", 13, 0
        !scr "Hello, screen codes! [@] ^_`{|}~", 0
        !raw "raw", 'a'
        !scrxor $80, "Inverse", 1
        !text "esc: \\ \" \' \n \t \0 \r"
        !text "a;b//c:d"                ; comment characters inside a string
        !pet 'a', 'a' + 1, "b"
        !convtab pet
        !text "now pet", 'p'
        lda #'q'
        !convtab scr {
                !text "scr in block"
                lda #"s"
        }
        !text "pet again"
        !ct raw
        !text "raw again"
        !byte "r"
        !text ""
        !text "é"               ; UTF-8 bytes pass through unchanged

; ---------------------------------------------------------------- labels and zones
labels
colon:  nop
  indented nop                  ; a label not in the first column (ACME warns)
.local1 nop                     ; local to the default zone
        jmp .local1
@cheap  nop                     ; cheap local: until the next global label
        jmp @cheap
next_global
@cheap  nop                     ; a new scope
        bne @cheap
same_value = 5
same_value = 5                  ; redefinition with the same value is allowed
!set counter = 1
!set counter = counter + 1
        !byte counter

!zone first
.x      = 1
        !byte .x
!zn second
.x      = 2
        !byte .x
!zone outer {
.x      = 3
        !zone inner {
.x      = 4
                !byte .x
        }
        !byte .x                ; the outer zone continues after the block
- nop
        !zone {
- nop
                beq -           ; the inner zone's own anonymous label
        }
        beq -                   ; the outer one again
}
!zone                           ; an untitled zone
        !byte .y
.y      = 9                     ; a forward local reference

; ---------------------------------------------------------------- anonymous labels
anonymous
-       dex
        bne -
--      dey
-       dex
        bne -
        bne --
        beq +
        beq ++
        nop
+       nop
        beq +
++      nop
+       nop
        !word -, +, --, ++
+
++
        jmp +++
+++     nop
        ldx #3
-       dex : bne -             ; a loop on one line

; ---------------------------------------------------------------- macros
        !source "lib/macros.s"
        !src "lib/macros.s"     ; the guard skips the second inclusion

macros
        +inc16 zp1
        +inc16 abs1
        +inc16 abs1, 300
        +beq_far start
        +put_byte 1
        +put_byte 2             ; global parameter reassigned: no conflict
        +banner "hi", 2
        +squares 5
m_label +inc16 $fb              ; a label before a macro call
.outer  = 77
        +put_byte .outer        ; argument evaluated in the caller's zone

; ---------------------------------------------------------------- conditional assembly
conditions
!if 1 { !byte 1 } else { !byte 2 }
!if 0 {
        !byte 3
} else if 1 + 1 == 2 {
        !byte 4
} else {
        !byte 5
}
!if 0 { !byte 6 }
!if 0 {
        this line is never assembled, so it need not parse ( [ {
        }
}
!ifdef zp1 { !byte 7 } else { !byte 8 }
!ifndef no_such_symbol !byte 9
!ifdef no_such_symbol !byte 10
!ifndef zp1 { !byte 11 } else ifdef abs1 { !byte 12 }
!if * > $1000 {
        !byte 13
}

; ---------------------------------------------------------------- loops
loops
!for i, 0, 3 { !byte i }
!for i, 3, 1 { !byte i }
        !byte i                 ; END - 1 after counting down
!for row, 0, 2 {
        !for col, 0, 1 {
                !byte row * 16 + col
        }
}
!for n, 1, 3 {
-       dex
        bne -
}

; ---------------------------------------------------------------- offset assembly
pseudo
        ldx #pseudo_end - pseudo_start
-       lda pseudo_start - 1, x
        sta $0340 - 1, x
        dex
        bne -
pseudo_start
!pseudopc $0340 {
relocated
        lda #0
        jmp relocated
        !word *
}
pseudo_end
        !word relocated, *

; ---------------------------------------------------------------- zero page or absolute
addressing
        lda zp1                 ; defined earlier, < 256: zero page
        lda wide                ; $0080: leading zeros force absolute
        lda $0080
        lda 0128                ; decimal leading zeros do not force anything
        lda fwd_zp              ; not yet defined: absolute, in every pass
        lda fwd_zp,x
        lda <fwd_zp             ; byte extraction forces zero page
        lda fwd_zp & $ff        ; still absolute (the symbol was undefined in pass 1)
        ldx fwd_zp,y            ; absolute,y exists for ldx: absolute
        stx fwd_zp,y            ; stx has only zero page,y: zero page
        sty fwd_zp,x
        lda (fwd_zp),y
        lda (fwd_zp,x)
        lda fwd_alias           ; defined from a forward symbol: absolute too
        lda table_page          ; defined in an include before use: zero page
        lda+1 abs1 & $ff        ; postfix: force 8 bits
        lda+2 zp1               ; postfix: force 16 bits
        ldx+2 zp1,y
        jmp (fwd_vector)
        jmp (<abs1)             ; jmp (ind) only has a 16-bit form
        lda (zp1 + 1) * 2       ; parentheses that only group: not indirect
        lda (zp1),y
        lda ((zp1)),y
        lda ( zp1 , x )
        lda ( zp1 ) , y
        lda zp1 , x
        LDA zp1,X
        Lda (zp1),Y
        jmp *
        jmp * + 3
        bne * + 2
fwd_alias = fwd_zp + 1
fwd_zp  = $fa
fwd_vector = $fffc

; ---------------------------------------------------------------- branches at the limits
branches
        beq far_forward         ; +127
        !fill 127, $ea
far_forward
back_target
        !fill 126, $ea
        bne back_target         ; -128
        bcc back_target + 10

; ---------------------------------------------------------------- every opcode
opcodes_start
        ; implied and accumulator
        brk
        clc
        cld
        cli
        clv
        dex
        dey
        inx
        iny
        nop
        pha
        php
        pla
        plp
        rti
        rts
        sec
        sed
        sei
        tax
        tay
        tsx
        txa
        txs
        tya
        asl
        lsr
        rol
        ror
        ; the eight-mode group
        adc #1
        adc zp1
        adc zp1,x
        adc abs1
        adc abs1,x
        adc abs1,y
        adc (zp1,x)
        adc (zp1),y
        and #1
        and zp1
        and zp1,x
        and abs1
        and abs1,x
        and abs1,y
        and (zp1,x)
        and (zp1),y
        cmp #1
        cmp zp1
        cmp zp1,x
        cmp abs1
        cmp abs1,x
        cmp abs1,y
        cmp (zp1,x)
        cmp (zp1),y
        eor #1
        eor zp1
        eor zp1,x
        eor abs1
        eor abs1,x
        eor abs1,y
        eor (zp1,x)
        eor (zp1),y
        lda #1
        lda zp1
        lda zp1,x
        lda abs1
        lda abs1,x
        lda abs1,y
        lda (zp1,x)
        lda (zp1),y
        ora #1
        ora zp1
        ora zp1,x
        ora abs1
        ora abs1,x
        ora abs1,y
        ora (zp1,x)
        ora (zp1),y
        sbc #1
        sbc zp1
        sbc zp1,x
        sbc abs1
        sbc abs1,x
        sbc abs1,y
        sbc (zp1,x)
        sbc (zp1),y
        sta zp1
        sta zp1,x
        sta abs1
        sta abs1,x
        sta abs1,y
        sta (zp1,x)
        sta (zp1),y
        ; read-modify-write
        asl zp1
        asl zp1,x
        asl abs1
        asl abs1,x
        lsr zp1
        lsr zp1,x
        lsr abs1
        lsr abs1,x
        rol zp1
        rol zp1,x
        rol abs1
        rol abs1,x
        ror zp1
        ror zp1,x
        ror abs1
        ror abs1,x
        dec zp1
        dec zp1,x
        dec abs1
        dec abs1,x
        inc zp1
        inc zp1,x
        inc abs1
        inc abs1,x
        ; index registers
        ldx #1
        ldx zp1
        ldx zp1,y
        ldx abs1
        ldx abs1,y
        ldy #1
        ldy zp1
        ldy zp1,x
        ldy abs1
        ldy abs1,x
        stx zp1
        stx zp1,y
        stx abs1
        sty zp1
        sty zp1,x
        sty abs1
        cpx #1
        cpx zp1
        cpx abs1
        cpy #1
        cpy zp1
        cpy abs1
        bit zp1
        bit abs1
        ; jumps and branches
        jmp abs1
        jmp (abs1)
        jsr abs1
-       bcc -
        bcs -
        beq -
        bmi -
        bne -
        bpl -
        bvc -
        bvs -
opcodes_end

; ---------------------------------------------------------------- main and segments
main
        ldx #0
-       lda message,x
        beq +
        jsr $ffd2
        inx
        bne -
+       rts
message !pet "torture", 13, 0

        * = $0ff0               ; a segment below the first: the image starts here
        !byte $f0, $f1
        * = $0ff8, overlay
        !word main

        * = $1000 + (pseudo_end & $0f00) + $1000   ; a later segment past a gap
late    !byte 1, 2, 3
!if (late & $ff) != 0 { !error "late is not page aligned" }
!eof
Everything after !eof is ignored, even text that does not parse: lda lda lda { "
