// Macros: parameters, per-call scopes, overloading by argument count, nesting.
// Every expected image is what ACME 0.97 produced for the same source (acme -f cbm).
import { assertEquals, assertRight } from "../std/assert.ts";
import { assembleText, hex } from "./testing.ts";

const image = (src: string, extra?: Record<string, string>): string => {
  const a = assertRight(assembleText(src, extra));
  return `load $${a.loadAddress.toString(16).padStart(4, "0")}: ${hex(a.bytes)}`;
};

const CASES: readonly (readonly [string, string, string, Record<string, string>?])[] = [
  [
    "a macro with local parameters",
    "* = $1000\n!macro add .a, .b {\n!byte .a + .b\n}\n+add 1, 2\n+add 3, 4",
    "load $1000: 03 07",
  ],
  [
    "local labels and anonymous labels inside a macro are per call",
    "* = $1000\n!macro wait .n {\nldx #.n\n.loop dex\nbne .loop\n- dey\nbne -\nbeq +\n+\n}\n+wait 1\n+wait 2",
    "load $1000: a2 01 ca d0 fd 88 d0 fd f0 00 a2 02 ca d0 fd 88 d0 fd f0 00",
  ],
  [
    "macros are told apart by their number of arguments",
    "* = $1000\n!macro m .a {\n!byte .a\n}\n!macro m .a, .b {\n!byte .b, .a\n}\n!macro m {\n!byte 0\n}\n+m 1\n+m 2, 3\n+m",
    "load $1000: 01 03 02 00",
  ],
  [
    "global parameters are reassigned on each call",
    "* = $1000\n!macro put value {\n!byte value\n}\n+put 1\n+put 2\n!byte value",
    "load $1000: 01 02 02",
  ],
  [
    "arguments are evaluated in the caller's zone",
    "* = $1000\n!macro put .v {\n.x = 9\n!byte .v, .x\n}\n.x = 5\n+put .x\n!byte .x",
    "load $1000: 05 09 05",
  ],
  [
    "a macro calls another, with a string argument",
    '* = $1000\n!macro str .s {\n!pet .s\n}\n!macro line .s {\n+str .s\n!byte 13\n}\n+line "Hi"',
    "load $1000: c8 49 0d",
  ],
  [
    "a label on the line of a call",
    "* = $1000\n!macro two {\nnop\nnop\n}\nstart +two\n!word start",
    "load $1000: ea ea 00 10",
  ],
  [
    "the macro's zone does not leak",
    "* = $1000\n!macro z {\n!zone inside\n.x = 5\n}\n.x = 1\n+z\n!byte .x",
    "load $1000: 01",
  ],
  [
    "macros survive an include guard in later passes",
    '* = $1000\n!src "lib.s"\n!src "lib.s"\n+m\nlda fwd\nfwd = 1',
    "load $1000: ea ad 01 00",
    { "lib.s": "!ifdef lib_done !eof\nlib_done = 1\n!macro m {\nnop\n}\n" },
  ],
];

for (const [name, src, expected, extra] of CASES) {
  Deno.test(`macro: ${name}`, () => assertEquals(image(src, extra), expected));
}
