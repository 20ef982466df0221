// Labels and scopes: global, colon and indented labels, zones, cheap locals, anonymous labels.
// Every expected image is what ACME 0.97 produced for the same source (acme -f cbm).
import { assertEquals, assertRight } from "../std/assert.ts";
import { assembleText, hex } from "./testing.ts";

const image = (src: string, extra?: Record<string, string>): string => {
  const a = assertRight(assembleText(src, extra));
  return `load $${a.loadAddress.toString(16).padStart(4, "0")}: ${hex(a.bytes)}`;
};

const CASES: readonly (readonly [string, string, string, Record<string, string>?])[] = [
  [
    "labels: plain, with a colon, indented",
    "* = $1000\nfirst nop\nsecond: nop\n  third nop\n!word first, second, third",
    "load $1000: ea ea ea 00 10 01 10 02 10",
  ],
  [
    "locals belong to their zone",
    "* = $1000\n.x = 1\n!zone a\n.x = 2\n!byte .x\n!zone\n.x = 3\n!byte .x",
    "load $1000: 02 03",
  ],
  [
    "a zone block nests, and the outer zone resumes after it",
    "* = $1000\n.x = 1\n!zone inner {\n.x = 2\n!byte .x\n}\n!byte .x",
    "load $1000: 02 01",
  ],
  [
    "a zone started inside !if persists",
    "* = $1000\n.x = 1\n!if 1 {\n!zone z\n.x = 2\n}\n!byte .x",
    "load $1000: 02",
  ],
  [
    "forward local references",
    "* = $1000\n!byte .later\n.later = 5",
    "load $1000: 05",
  ],
  [
    "cheap locals live between global labels",
    "* = $1000\nfirst\n@l nop\nbeq @l\nsecond\n@l nop\nconstant = 5\nbeq @l\n!zone\nbeq @l",
    "load $1000: ea f0 fd ea f0 fd f0 fb",
  ],
  [
    "anonymous labels: -, --, +, ++",
    "* = $1000\n-- nop\n- nop\nbne -\nbne --\nbeq +\nbeq ++\n+ nop\n++ nop\n!word -, --",
    "load $1000: ea ea d0 fd d0 fa f0 02 f0 01 ea ea 01 10 00 10",
  ],
  [
    "+ always means the next one, - the previous one",
    "* = $1000\n- nop\n- nop\nbeq -\nbeq +\n+ nop\n+ nop\nbeq -",
    "load $1000: ea ea f0 fd f0 00 ea ea f0 f7",
  ],
  [
    "anonymous labels are local to their zone",
    "* = $1000\nbeq +\n!zone a {\n+ nop\n- nop\n}\n+ nop\nbeq -\n- nop",
    "load $1000: f0 02 ea ea ea f0 00 ea",
  ],
  [
    "redefining a symbol with the same value is allowed",
    "* = $1000\nn = 5\nn = 5\n!byte n",
    "load $1000: 05",
  ],
  [
    "symbol names may hold bytes above 127",
    "* = $1000\ncafé = 7\n!byte café",
    "load $1000: 07",
  ],
];

for (const [name, src, expected, extra] of CASES) {
  Deno.test(`labels: ${name}`, () => assertEquals(image(src, extra), expected));
}

Deno.test("labels: a long chain of forward aliases resolves (one pass per link)", () => {
  // s0 = s1 + 1, s1 = s2 + 1, ..., s49 = 1, in this order: each pass settles one more link.
  // (ACME 0.97 gives 50 = $32 too.)
  const chain = Array.from({ length: 49 }, (_, i) => `s${i} = s${i + 1} + 1`);
  const src = `* = $1000\n!byte s0\n${chain.join("\n")}\ns49 = 1\n`;
  assertEquals(image(src), "load $1000: 32");
});
