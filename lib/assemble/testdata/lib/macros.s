; Macros for torture.s, included from there. Nested includes name paths from the root
; (ACME resolves them relative to the working directory; we try the includer's directory
; first, then the root, so both find this file the same way).

!ifdef macros_included !eof     ; include guard: ACME's idiom, true from the 2nd inclusion on
macros_included = 1

; 16-bit increment with a local label and an anonymous one inside the macro's own zone.
!macro inc16 .addr {
        inc .addr
        bne +
        inc .addr + 1
+
}

; Same name, two parameters: ACME tells macros apart by their number of arguments.
!macro inc16 .addr, .step {
        lda .addr
        clc
        adc #<.step
        sta .addr
        lda .addr + 1
        adc #>.step
        sta .addr + 1
}

; A far branch built from a local label.
!macro beq_far .target {
        bne .skip
        jmp .target
.skip
}

; Global parameter names are simply reassigned at each call.
!macro put_byte value {
        !byte value
}

; A macro calling a macro, and using a string parameter.
!macro banner .text, .length {
        !byte .length
        !pet .text
        +put_byte 0
}

!source "lib/tables.s"          ; nested include, root-relative path
