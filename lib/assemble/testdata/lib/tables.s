; Included by lib/macros.s: defines a macro that emits a table with !for.

!macro squares .count {
        !for .i, 0, .count - 1 {
                !byte (.i * .i) & $ff
        }
}

table_page = $c0                ; a constant, defined before use: zero page when small
