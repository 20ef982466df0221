/**
 * The 6502 assembler: the subset of ACME 0.97's syntax that soul64's sources use, with ACME's
 * meaning, so the same files assemble byte for byte as with ACME itself
 * (acme_crosscheck_test.ts holds us to that).
 *
 * ```ts
 * const files = new Map([["main.s", new TextEncoder().encode("* = $c000\n rts\n")]]);
 * const r = assemble("main.s", files, { defines: { CTX: 20 } }); // Either<SoulError, Assembled>
 * ```
 *
 * Supported: `* = addr` (segments; gaps are 0), labels (global, `.local` per `!zone` or macro
 * call, `@cheap` between global labels, anonymous `+`/`++`/`-`/`--`), `name = expr`, `!set`,
 * ACME's expressions (operators, priorities, C-style division, `<`/`>`/`^` byte extraction,
 * `$`/`%`/`&`/`0x`/`0b`/`'c'` literals, `*`), all 151 documented opcodes in every addressing
 * mode with ACME's choice between zero page and absolute (a symbol ever used before its
 * definition keeps absolute; leading zeros and `+1`/`+2` postfixes force a size), `!byte`/`!8`,
 * `!word`/`!16`, `!24`, `!32` and `!be..` forms, `!hex`, `!fill`, `!skip`, `!align`, `!text`,
 * `!pet`, `!scr`, `!raw`, `!scrxor`, `!convtab`, `!binary [size[, skip]]`, `!source`, `!zone`,
 * `!if`/`!ifdef`/`!ifndef` with `else`, `!for`, `!macro`/`+call`, `!pseudopc`, `!error`,
 * `!serious`, `!warn` (silent), `!eof`, `:` between statements, `;` and `//` comments.
 * `!to`, `!cpu 6502`, `!sl` and `!address` are accepted and change nothing.
 *
 * Not supported (a clear error instead): floating point, lists and functions (`int()`, ...),
 * `!do`, `!while`, `!initmem`, `!xor`, conversion-table files, `<library>` paths,
 * call-by-reference macro arguments (`~`), `&` (unpseudopc), other CPUs and undocumented
 * opcodes, `* =` inside `!pseudopc`. Integers are exact to ±2^53 (ACME: 64-bit). ACME's
 * warnings (oversized addressing, segment overlap) are not reported.
 *
 * Modules: scanner.ts (lexical rules), expr_parse.ts and parser.ts (source → ast.ts trees),
 * value.ts and evaluate.ts (arithmetic), encode.ts and opcodes.ts (instructions), charset.ts
 * (text), files.ts (includes), symbols.ts, pass.ts (one pass), assemble.ts (passes to a fixed
 * point), listing.ts.
 *
 * @module
 */
export { assemble, type Assembled, type AssembleOptions, toPrg } from "./assemble.ts";
export {
  cyclesText,
  type ExtraCycles,
  isMnemonic,
  MODE_LENGTH,
  modesOf,
  OPCODE_TABLE,
  type OpcodeEntry,
  opcodeEntry,
  type OperandMode,
} from "./opcodes.ts";
