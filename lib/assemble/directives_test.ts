// Directives, one case each. Every expected image (load address and bytes) is what ACME 0.97
// produced for the same source and files (acme -f cbm).
import { assertEquals, assertRight } from "../std/assert.ts";
import { assembleText, hex } from "./testing.ts";

/** Extra files: text, or bytes written as "hex:0102...". */
const files = (extra: Record<string, string> = {}): Record<string, string | Uint8Array> =>
  Object.fromEntries(
    Object.entries(extra).map(([path, v]) => [
      path,
      v.startsWith("hex:") ? Uint8Array.from(v.slice(4).match(/../g)!, (h) => parseInt(h, 16)) : v,
    ]),
  );

const image = (src: string, extra?: Record<string, string>): string => {
  const a = assertRight(assembleText(src, files(extra)));
  return `load $${a.loadAddress.toString(16).padStart(4, "0")}: ${hex(a.bytes)}`;
};

const CASES: readonly (readonly [string, string, string, Record<string, string>?])[] = [
  [
    "!byte and its aliases",
    "* = $1000\n!byte 1, -128, 255\n!by 2\n!8 3\n!08 4",
    "load $1000: 01 80 ff 02 03 04",
  ],
  [
    "!word and its aliases",
    "* = $1000\n!word $1234, -2\n!wo 1\n!16 2\n!le16 $abcd",
    "load $1000: 34 12 fe ff 01 00 02 00 cd ab",
  ],
  [
    "big-endian and wider forms",
    "* = $1000\n!be16 $abcd\n!24 $123456\n!le24 $abcdef\n!be24 $abcdef\n!32 $12345678\n!le32 $89abcdef\n!be32 $89abcdef",
    "load $1000: ab cd 56 34 12 ef cd ab ab cd ef 78 56 34 12 ef cd ab 89 89 ab cd ef",
  ],
  [
    "!hex",
    "* = $1000\n!hex 00 01 0a ff\n!h f0f1f2",
    "load $1000: 00 01 0a ff f0 f1 f2",
  ],
  [
    "!fill with and without a value",
    "* = $1000\n!fill 3\n!fi 2, $aa\n!fill 2, 'x'",
    "load $1000: 00 00 00 aa aa 78 78",
  ],
  [
    "!skip leaves a gap, counted in the image",
    "* = $1000\n!byte 1\n!skip 2\n!byte 2\n!skip 1",
    "load $1000: 01 00 00 02 00",
  ],
  [
    "!align pads with nop by default",
    "* = $1001\n!align 3, 0\n!byte 1\n!align 7, 5, $ee\n!byte 2",
    "load $1001: ea ea ea 01 02",
  ],
  [
    "!text uses the current table (raw at first)",
    '* = $1000\n!text "Ab1@[", 0\n!tx "z"',
    "load $1000: 41 62 31 40 5b 00 7a",
  ],
  [
    "!pet swaps cases",
    "* = $1000\n!pet \"Hello, World! @[]^_`{|}~\", 'a', 65",
    "load $1000: c8 45 4c 4c 4f 2c 20 d7 4f 52 4c 44 21 20 40 5b 5d 5e 5f 60 7b 7c 7d 7e 41 41",
  ],
  [
    "!scr converts to screen codes",
    "* = $1000\n!scr \"Hello, World! @[]^_`{|}~\", 'a', 65",
    "load $1000: 48 05 0c 0c 0f 2c 20 57 0f 12 0c 04 21 20 00 1b 1d 1e 1f 40 7b 7c 7d 7e 01 41",
  ],
  [
    "!raw leaves text alone",
    "* = $1000\n!raw \"Ab\", 'a'",
    "load $1000: 41 62 61",
  ],
  [
    "!scrxor converts and flips, numbers stay",
    '* = $1000\n!scrxor $80, "Ab", 1',
    "load $1000: c1 82 01",
  ],
  [
    "escapes in strings",
    '* = $1000\n!text "\\\\ \\" \\\' \\n \\t \\0 \\r"',
    "load $1000: 5c 20 22 20 27 20 0a 20 09 20 00 20 0d",
  ],
  [
    "!convtab changes the table, with or without a block",
    '* = $1000\n!ct pet\n!text "a"\nlda #\'a\'\n!convtab scr {\n!text "a"\nlda #"a"\n}\n!text "a"\n!ct raw\n!byte "a", \'a\'',
    "load $1000: 41 a9 41 01 a9 01 41 61 61",
  ],
  [
    "bytes above 127 pass through strings",
    '* = $1000\n!text "é"\n!pet "é"',
    "load $1000: c3 a9 c3 a9",
  ],
  [
    "!binary whole, sized, skipped, padded",
    '* = $1000\n!binary "data.bin"\n!bin "data.bin", 3\n!bin "data.bin",, 5\n!bin "data.bin", 2, 1\n!bin "data.bin", 4, 6',
    "load $1000: 01 02 03 04 05 06 07 08 01 02 03 06 07 08 02 03 07 08 00 00",
    { "data.bin": "hex:0102030405060708" },
  ],
  [
    "!source includes a file",
    '* = $1000\n!source "inc.s"\n!src "inc.s"\n!byte value',
    "load $1000: 01 01 07",
    { "inc.s": "value = 7\n!byte 1\n" },
  ],
  [
    "!pseudopc assembles for another address",
    "* = $1000\n!pseudopc $0400 {\nhere jmp here\n!word *\n}\n!word here, *",
    "load $1000: 4c 00 04 03 04 00 04 05 10",
  ],
  [
    "!for counts up and down, inclusive",
    "* = $1000\n!for i, 0, 3 { !byte i }\n!for i, 3, 1 { !byte i }\n!byte i",
    "load $1000: 00 01 02 03 03 02 01 00",
  ],
  [
    "!set allows redefinition",
    "* = $1000\n!set n = 1\n!byte n\n!set n = n + 1\n!byte n",
    "load $1000: 01 02",
  ],
  [
    "!if, else if, else",
    "* = $1000\n!if 1 { !byte 1 } else { !byte 2 }\n!if 0 {\n!byte 3\n} else if 2 > 1 {\n!byte 4\n} else {\n!byte 5\n}\n!if 0 { !byte 6 }",
    "load $1000: 01 04",
  ],
  [
    "!ifdef and !ifndef, with a block or one statement",
    "* = $1000\nknown = 1\n!ifdef known { !byte 1 } else { !byte 2 }\n!ifndef known !byte 3\n!ifndef unknown !byte 4\n!ifdef unknown { !byte 5 } else ifdef known { !byte 6 }",
    "load $1000: 01 04 06",
  ],
  [
    "skipped blocks need not parse",
    "* = $1000\n!if 0 {\n  what ( [ { ever\n  }\n}\n!byte 1",
    "load $1000: 01",
  ],
  [
    "!eof ends the file",
    "* = $1000\n!byte 1\n!eof\nnot assembler at all {",
    "load $1000: 01",
  ],
  [
    "!to, !cpu, !address are accepted",
    '!to "x.prg", cbm\n!cpu 6502\n* = $1000\n!addr a = 1\n!address {\nb = 2\n}\n!byte a, b',
    "load $1000: 01 02",
  ],
  [
    "several statements per line, and comments",
    '* = $1000\n!byte 1 : !byte 2:nop ; comment\nlda #4 // comment\n!text "a;b//c:d"',
    "load $1000: 01 02 ea a9 04 61 3b 62 2f 2f 63 3a 64",
  ],
  [
    "segments: the image starts at the lowest address written",
    "* = $1000\n* = $1004\n!byte 1\n* = $1002\n!byte 2\n* = $1006, overlay\n!byte 3",
    "load $1002: 02 00 01 00 03",
  ],
];

for (const [name, src, expected, extra] of CASES) {
  Deno.test(`directive: ${name}`, () => assertEquals(image(src, extra), expected));
}
