// Addressing modes: which form ACME picks (zero page or absolute) and how operands are written.
// Every expected image is what ACME 0.97 produced for the same source (acme -f cbm).
import { assertEquals, assertRight } from "../std/assert.ts";
import { assembleText, hex } from "./testing.ts";

const image = (src: string, extra?: Record<string, string>): string => {
  const a = assertRight(assembleText(src, extra));
  return `load $${a.loadAddress.toString(16).padStart(4, "0")}: ${hex(a.bytes)}`;
};

const CASES: readonly (readonly [string, string, string, Record<string, string>?])[] = [
  [
    "a symbol defined before use and below 256 selects zero page",
    "zp = $42\n* = $1000\nlda zp\nlda zp,x\nldx zp,y\nlda $ff\nlda 255\nlda $100",
    "load $1000: a5 42 b5 42 b6 42 a5 ff a5 ff ad 00 01",
  ],
  [
    "a forward reference selects absolute, in every pass",
    "* = $1000\nlda fwd\nlda fwd,x\nfwd = $12\nlda fwd",
    "load $1000: ad 12 00 bd 12 00 ad 12 00",
  ],
  [
    "a symbol defined from a forward one is absolute too",
    "* = $1000\nlda alias\nalias = fwd + 1\nlda alias\nfwd = $10",
    "load $1000: ad 11 00 ad 11 00",
  ],
  [
    "a backward label in zero page is zero page",
    "* = $00fd\nhere nop\nlda here",
    "load $00fd: ea a5 fd",
  ],
  [
    "byte extraction forces zero page, masking does not",
    "* = $1000\nlda <fwd\nlda >fwd\nlda fwd & $ff\nfwd = $1234",
    "load $1000: a5 34 a5 12 ad 34 00",
  ],
  [
    "modes with only a zero-page form use it even for forward references",
    "* = $1000\nstx fwd,y\nsty fwd,x\nlda (fwd),y\nlda (fwd,x)\nldx fwd,y\nfwd = $20",
    "load $1000: 96 20 94 20 b1 20 a1 20 be 20 00",
  ],
  [
    "modes with only an absolute form use it for small values",
    "* = $1000\njmp $12\njsr $34\njmp ($56)\nlda $12,y\njmp (<$1234)",
    "load $1000: 4c 12 00 20 34 00 6c 56 00 b9 12 00 6c 34 00",
  ],
  [
    "leading zeros force absolute (hex, binary, octal; not decimal)",
    "* = $1000\nlda $00fa\nlda $0fa\nlda 0x00fa\nlda %000000001\nlda &0372\nlda 00250\nwide = $0080\nlda wide\nlda wide + 1\nlda <wide",
    "load $1000: ad fa 00 ad fa 00 ad fa 00 ad 01 00 ad fa 00 a5 fa ad 80 00 ad 81 00 a5 80",
  ],
  [
    "postfixes +1 and +2 choose the size",
    "* = $1000\nlda+2 $12\nlda+1 $1234 & $ff\nldx+2 $12,y\nlda+1 #1",
    "load $1000: ad 12 00 a5 34 be 12 00 a9 01",
  ],
  [
    "accumulator mode is the bare mnemonic; 'asl a' addresses symbol a",
    "* = $1000\na = $10\nasl\nlsr\nrol\nror\nasl a\nlsr a",
    "load $1000: 0a 4a 2a 6a 06 10 46 10",
  ],
  [
    "parentheses that only group are not indirect",
    "* = $1000\nlda (1 + 2) * 3\nlda (3) + 1\njmp ((3))\nlda ((3)),y",
    "load $1000: a5 09 a5 04 6c 03 00 b1 03",
  ],
  [
    "operand syntax allows blanks and either case",
    "* = $1000\nlda ( $12 , x )\nlda ( $12 ) , y\nlda $12 , X\nLDA $12,Y\nLdA #1",
    "load $1000: a1 12 b1 12 b5 12 b9 12 00 a9 01",
  ],
  [
    "immediate accepts -128..255 and one-character strings",
    '* = $1000\nlda #-128\nlda #255\nlda #<$1234\nlda #>$1234\nlda #"a"',
    "load $1000: a9 80 a9 ff a9 34 a9 12 a9 61",
  ],
  [
    "negative values in one-size modes wrap",
    "* = $1000\nlda (-1),y\nstx -1,y\njmp -1",
    "load $1000: b1 ff 96 ff 4c ff ff",
  ],
];

for (const [name, src, expected, extra] of CASES) {
  Deno.test(`addressing: ${name}`, () => assertEquals(image(src, extra), expected));
}

Deno.test("addressing: branches reach exactly -128 and +127", () => {
  // ACME 0.97: d0 80 (back 128) and f0 7f (forward 127); `bne *` is d0 fe, `bne * + 2` d0 00.
  const src = "* = $1000\nback\n!fill 126\nbne back\nbeq fwd\n!fill 127\nfwd\nbne *\nbne * + 2";
  const bytes = assertRight(assembleText(src)).bytes;
  assertEquals(hex(bytes.subarray(126, 130)), "d0 80 f0 7f");
  assertEquals(hex(bytes.subarray(257)), "d0 fe d0 00");
});
