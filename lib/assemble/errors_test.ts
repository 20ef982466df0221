// Errors: each names file:line:column and what was expected. (acme_crosscheck_test.ts checks
// that ACME 0.97 rejects the same kinds of sources.)
import { assertEquals, assertLeft } from "../std/assert.ts";
import { assemble } from "./assemble.ts";
import { assembleText, vfs } from "./testing.ts";

const rejects = (src: string, ...fragments: string[]) =>
  assertLeft(assembleText(`* = $1000\n${src}\n`), ...fragments);

Deno.test("error: every error is of kind assemble and has a location", () => {
  const e = rejects("  ldz #1");
  assertEquals([e.kind, e.file, e.line, e.column], ["assemble", "main.s", 2, 3]);
});

Deno.test("error: unknown mnemonic", () => {
  rejects("  ldz #1", 'main.s:2:3: unknown mnemonic "ldz"');
  rejects("loop ldz #1", 'main.s:2:6: unknown mnemonic "ldz"');
});

Deno.test("error: unknown or unsupported directive", () => {
  rejects("!bogus 1", 'main.s:2:1: unknown directive "!bogus"');
  rejects("!initmem 0", "main.s:2:1: the directive !initmem is not supported");
  rejects("!cpu 65c02", 'main.s:2:6: only the 6502 is supported, not "65c02"');
});

Deno.test("error: bad addressing mode", () => {
  rejects("sta #1", 'main.s:2:6: "sta" cannot take an immediate operand (#); its addressing modes');
  rejects("inx $12", 'main.s:2:5: "inx" cannot take an address operand');
  rejects("lda", 'main.s:2:1: "lda" needs an operand');
  rejects("lda ($12)", 'main.s:2:6: "lda" cannot take an (indirect) operand');
  rejects("lda ($12),x", "main.s:2:12: the 6502 has no (address),x mode");
  rejects("bne #1", 'main.s:2:1: "bne" takes a branch target address');
  rejects("jmp+1 $12", 'main.s:2:7: "jmp" has no 8-bit form');
});

Deno.test("error: undefined symbols, locals and anonymous labels", () => {
  rejects("lda nowhere", 'main.s:2:5: undefined symbol "nowhere"');
  rejects("!byte .x", 'main.s:2:7: undefined symbol ".x"');
  rejects("foo\n@x nop\nbar\nbne @x", 'main.s:5:5: undefined symbol "@x"');
  rejects("bne -", 'main.s:2:5: no anonymous label "-" in this zone');
  rejects("beq +", 'main.s:2:5: no anonymous label "+" after this point (in this zone)');
});

Deno.test("error: duplicate symbols and macros", () => {
  rejects("foo nop\nfoo nop", 'main.s:3:1: symbol "foo" is already defined (at main.s:2)');
  rejects("n = 1\nn = 2", 'main.s:3:1: symbol "n" is already defined');
  rejects(
    "!macro m {\n}\n!macro m {\n}",
    'main.s:4:1: macro "m" with 0 parameter(s) is already defined (at main.s:2)',
  );
});

Deno.test("error: a branch out of range says by how many bytes", () => {
  rejects(
    "beq far\n!fill 128\nfar",
    "main.s:2:5: branch target out of range by 1 byte (offset +128",
  );
  rejects(
    "back\n!fill 128\nbne back",
    "main.s:4:5: branch target out of range by 2 bytes (offset -130",
  );
  rejects("bne -1", "main.s:2:5: branch target -1 is outside $0000-$ffff");
});

Deno.test("error: values out of range", () => {
  rejects("!byte 1, 300", "main.s:2:10: value 300 does not fit in 8 bits (-128..255)");
  rejects("!byte -129", "main.s:2:7: value -129 does not fit in 8 bits");
  rejects("!word 65536", "main.s:2:7: value 65536 does not fit in 16 bits (-32768..65535)");
  rejects("lda #256", "main.s:2:6: immediate value 256 ($100) does not fit in 8 bits");
  rejects("ldx #$0ff", "main.s:2:6: immediate value 255 ($ff) is written with leading zeros");
  rejects("stx $100,y", "main.s:2:5: address 256 ($100) does not fit in 8 bits");
  rejects("lda $10000", "main.s:2:5: address 65536 ($10000) does not fit in 16 bits");
  rejects(
    "lda -1",
    "main.s:2:5: negative address -1: cannot choose between zero page and absolute",
  );
  rejects("!fill 2, 256", "main.s:2:10: fill value 256 does not fit in 8 bits");
  rejects('!text "a", 256', "main.s:2:12: value 256 does not fit in 8 bits");
  rejects('!byte "ab"', "main.s:2:7: a data item must be a number or one character");
});

Deno.test("error: include cycles and missing files", () => {
  const cycle = vfs({ "main.s": '* = $1000\n!source "a.s"\n', "a.s": '!source "main.s"\n' });
  assertLeft(assemble("main.s", cycle), "a.s:1:1: include cycle: main.s -> a.s -> main.s");
  rejects(
    '!source "nope.s"',
    'main.s:2:1: cannot find the source file "nope.s" (looked for nope.s)',
  );
  rejects('!bin "nope.bin"', 'main.s:2:1: cannot find the binary file "nope.bin"');
  assertLeft(assemble("missing.s", vfs({})), "missing.s: no such source file");
});

Deno.test("error: errors in an included file name that file", () => {
  const files = vfs({ "main.s": '* = $1000\n!source "lib/a.s"\n', "lib/a.s": "nop\n lda #300\n" });
  assertLeft(assemble("main.s", files), "lib/a.s:2:7: immediate value 300");
});

Deno.test("error: errors in a macro body name the body's line", () => {
  rejects("!macro m .v {\n  lda #.v\n}\n+m 1\n+m 999", "main.s:3:8: immediate value 999");
});

Deno.test("error: !error, !serious, with their text", () => {
  rejects('!error "too big: ", 300, " bytes"', "main.s:2:1: !error: too big: 300 (0x12c) bytes");
  rejects('!if * > $0fff { !error "past $0fff" }', "main.s:2:17: !error: past $0fff");
  rejects('!serious "stop"', "main.s:2:1: !serious: stop");
});

Deno.test("error: macros called before their definition or with the wrong count", () => {
  rejects(
    "+m\n!macro m {\n}",
    'main.s:2:1: macro "m" is not defined (a macro must be defined before',
  );
  rejects("!macro m .a {\n}\n+m 1, 2", 'main.s:4:1: macro "m" takes 1 argument(s), not 2');
});

Deno.test("error: values ACME needs when the line is reached", () => {
  rejects(
    "!fill n\nn = 3",
    'main.s:2:7: the !fill count must be known when this line is reached (undefined symbol "n")',
  );
  rejects("!if later { nop }\nlater = 1", "main.s:2:5: an !if condition must be known");
  assertLeft(
    assembleText("* = later\nlater = $1000\n"),
    "main.s:1:5: the address in '* =' must be known",
  );
});

Deno.test("error: no program counter, or code past $ffff", () => {
  assertLeft(
    assembleText("lda #1\n"),
    "main.s:1:1: the program counter is not set: start with '* = address'",
  );
  assertLeft(assembleText("* = $fffe\n!byte 1, 2, 3\n"), "main.s:2:13: the code runs past $ffff");
});

Deno.test("error: syntax errors", () => {
  rejects('!text "abc', 'main.s:2:7: unterminated string: missing "');
  rejects("!byte '\\q'", "main.s:2:8: unsupported escape '\\q'");
  rejects("!byte ''", "main.s:2:7: empty character literal");
  rejects("!byte 1 +", "main.s:2:10: expected an expression, found end of line");
  rejects("foo = ( 3", "main.s:2:10: expected ')', found end of line");
  rejects("lda #1 2", "main.s:2:8: expected the end of the statement, found '2'");
  rejects("!if 1 {\nnop", "main.s:2:7: this '{' is never closed: missing '}'");
  rejects("}", "main.s:2:1: unexpected '}' outside a block");
  rejects("* 1000", "main.s:2:3: expected '=' after '*'");
  rejects("lda #[1]", "main.s:2:6: lists are not supported");
  rejects("!source <lib.s>", "main.s:2:9: library paths <...> are not supported");
});

Deno.test("error: bad defines", () => {
  assertLeft(
    assembleText("* = 0\n", {}, { defines: { "1x": 3 } }),
    'define "1x": not a valid global symbol name',
  );
  assertLeft(
    assembleText("* = 0\n", {}, { defines: { X: 1.5 } }),
    'define "X": 1.5 is not an integer',
  );
  assertLeft(
    assembleText("* = 0\nX = 2\n", {}, { defines: { X: 1 } }),
    'main.s:2:1: symbol "X" is already defined (by the defines option)',
  );
});

Deno.test("error: an undefined local names its zone", () => {
  rejects("!zone parser\n!byte .x", 'main.s:3:7: undefined symbol ".x" in zone parser');
});

Deno.test("error: pathological input gives an error, not an exception", () => {
  rejects(`!byte ${"(".repeat(10_000)}1${")".repeat(10_000)}`, "nested more than 256 levels deep");
  rejects(
    `${"!if 1 {\n".repeat(1000)}nop${"\n}".repeat(1000)}`,
    "nested more than 256 levels deep",
  );
  rejects(`!byte ${"9".repeat(400)}`, "main.s:2:7: number too large");
  rejects("!macro m {\n+m\n}\n+m", "main.s:3:1: macro calls and !source nest more than 64 deep");
  rejects("!fill 1000000000000", "main.s:2:1: the code runs past $ffff");
  rejects("!for i, 0, 10000000 { }", "main.s:2:1: !for would loop 10000001 times");
});
