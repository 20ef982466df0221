// The result's other parts: the listing, the symbol map and the PRG. Opcode bytes and cycle
// counts below are from the 6502 datasheet (lda #: a9, 2 cycles; sta abs,x: 9d, 5; lda abs,x:
// bd, 4 plus a page cross; bne: d0, 2 plus taken/page cross; rts: 60, 6).
import { assertEquals, assertRight, assertStringIncludes } from "../std/assert.ts";
import { toPrg } from "./assemble.ts";
import { assembleText } from "./testing.ts";

const PROGRAM = `; copy a page
        * = $c000
start   ldx #0
-       lda $0400,x
        sta $0500,x
        inx
        bne -
        rts
`;

Deno.test("listing: line, address, bytes, cycles and source", () => {
  const lines = assertRight(assembleText(PROGRAM)).listing.split("\n");
  assertEquals(lines.slice(0, 9), [
    "; main.s",
    "     1                                           ; copy a page",
    "     2    c000                                           * = $c000",
    "     3    c000  a2 00                      2     start   ldx #0",
    "     4    c002  bd 00 04                   4+    -       lda $0400,x",
    "     5    c005  9d 00 05                   5             sta $0500,x",
    "     6    c008  e8                         2             inx",
    "     7    c009  d0 f7                      2+            bne -",
    "     8    c00b  60                         6             rts",
  ]);
});

Deno.test("listing: long data is cut, one line holds several statements, macros are marked", () => {
  const src = "* = $1000\n!fill 10, 1\nlda #1 : rts\n!macro m {\nnop\n}\n+m\n";
  const listing = assertRight(assembleText(src)).listing;
  assertStringIncludes(listing, "1000  01 01 01 01 01 01 01 01 ...");
  assertStringIncludes(listing, "100a  a9 01 60                   2 6   lda #1 : rts");
  assertStringIncludes(listing, "     5+   100d  ea                         2     nop");
});

Deno.test("listing: an included file gets a header, and the includer resumes after it", () => {
  const listing = assertRight(
    assembleText('* = $1000\n!source "inc.s"\nrts\n', { "inc.s": "; included\nnop\n" }),
  ).listing;
  const headers = listing.split("\n").filter((l) => l.startsWith(";"));
  assertEquals(headers, ["; main.s", "; inc.s", "; main.s"]);
});

Deno.test("symbols: global labels and constants, sorted; no locals or anonymous labels", () => {
  const src = "* = $1000\nzeta = 3\nalpha nop\n.local nop\n- nop\n@cheap nop\nbeta\n";
  const a = assertRight(assembleText(src, {}, { defines: { SHAPE: 20 } }));
  assertEquals([...a.symbols], [["SHAPE", 20], ["alpha", 0x1000], ["beta", 0x1004], ["zeta", 3]]);
});

Deno.test("prg: a little-endian load address, then the bytes", () => {
  const a = assertRight(assembleText("* = $0801\n!byte 1, 2\n"));
  assertEquals(a.loadAddress, 0x0801);
  assertEquals([...toPrg(a)], [0x01, 0x08, 1, 2]);
});

Deno.test("prg: a program that emits nothing is empty", () => {
  const a = assertRight(assembleText("x = 1\n"));
  assertEquals([a.loadAddress, a.bytes.length], [0, 0]);
});

Deno.test("defines: predefined symbols behave like early constants (zero page when small)", () => {
  const a = assertRight(
    assembleText("* = $1000\nlda ZP\nlda BIG\n", {}, { defines: { ZP: 0x42, BIG: 0x1234 } }),
  );
  assertEquals([...a.bytes], [0xa5, 0x42, 0xad, 0x34, 0x12]);
});
