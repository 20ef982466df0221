// Expressions: ACME's operators, priorities, division and literals. Every expected byte
// string below is what ACME 0.97 produced for the same source (acme -f plain).
import { assertEquals, assertLeft, assertRight } from "../std/assert.ts";
import { assembleText, hex } from "./testing.ts";

const bytesOf = (src: string) => hex(assertRight(assembleText(`* = $1000\n${src}\n`)).bytes);

const CASES: readonly (readonly [string, string, string])[] = [
  [
    "division truncates toward zero",
    "!byte 7/2, -7/2, 7 DIV 2, -7 div 2, 100 / 10 / 5",
    "03 fd 03 fd 02",
  ],
  ["remainder takes the dividend's sign", "!byte 7 % 4, -7 % 2, 7 % -2, 7 MOD 4", "03 ff 01 03"],
  [
    "comparisons give 1 or 0",
    "!byte 1 < 2, 1 > 2, 2 <= 2, 3 >= 4, 1 == 1, 1 = 2, 1 != 2, 1 <> 1, 2 >< 3",
    "01 00 01 00 01 00 01 00 01",
  ],
  ["^ is power, right-associative", "!byte 2 ^ 3, 2 ^ 3 ^ 0, 3 ^ 0, 0 ^ 0", "08 02 01 01"],
  ["unary minus binds looser than power", "!byte -2 ^ 2 + 10", "06"],
  ["! and NOT complement", "!byte !0, NOT 1 & $ff, not 2 & $ff, !$f0 & $ff", "ff fe fd 0f"],
  [
    "bitwise operators and their word forms",
    "!byte 6 & 3, 6 AND 5, 6 | 1, 6 OR 8, 6 XOR 3, 6 xor 5",
    "02 04 07 0e 05 03",
  ],
  [
    "shifts: << and >> arithmetic, >>> logical",
    "!byte 1 << 3, 1 LSL 2, 1 asl 1, 64 >> 2, 64 ASR 3, -64 >> 4 & $ff, $80 >>> 3, 8 LSR 1",
    "08 04 02 10 08 fc 10 04",
  ],
  [
    "byte extraction binds looser than +",
    "!byte <$1234, >$1234, ^$123456, <$1234 + 1, >$1234+1, <($1234 + $100), <$12ff + 1",
    "34 12 12 35 12 34 00",
  ],
  [
    "priorities of binary operators",
    "!byte 1 + 2 * 3, (1 + 2) * 3, 10 - 2 - 3, 2 * 3 % 4, 1 << 3 + 1, 1 + 2 & 3, 1 | 2 XOR 3, 6 & 3 | 8, 2 < 3 == 1, 3 & 2 == 2",
    "07 09 05 02 10 03 01 0a 01 01",
  ],
  [
    "negation and double minus",
    "!byte - 1, --1, - - 2, -(-3), 3 - -2, 5+-1, ---1",
    "ff 01 02 03 05 04 ff",
  ],
  [
    "number literals in every base",
    "!byte 12, $0c, $0C, %1100, %..##.., &14, 0x0c, 0b1100, 0b##.., 0250",
    "0c 0c 0c 0c 0c 0c 0c 0c 0c fa",
  ],
  [
    "character literals and escapes",
    "!byte 'a', 'z' - 'a', '\\n', '\\t', '\\\\', '\\'', '\"', '\\0', '\\r', ' '",
    "61 19 0a 09 5c 27 22 00 0d 20",
  ],
  [
    "* is the address where the statement starts",
    "!word *, * + 2\n!word *\nnop\n!word * - 1",
    "00 10 02 10 04 10 ea 06 10",
  ],
  ["words and negatives", "!word -1, 65535, -32768, $1234 * 2", "ff ff ff ff 00 80 68 24"],
  [
    "32-bit values",
    "!32 $7fffffff + 1, 1 << 31, (1 << 32) >> 1, -2",
    "00 00 00 80 00 00 00 80 00 00 00 80 fe ff ff ff",
  ],
  [
    "64-bit wrap-around; shift counts modulo 64",
    "!32 1 << -1, 1 << 64, 1 << 65, 256 >> -1, 256 >> 65, -256 >> 65, 1 << 63 >> 62, 3 << 70, 2 ^ 64, $100000000 * $100000001",
    "00 00 00 00 01 00 00 00 02 00 00 00 00 00 00 00 80 00 00 00 80 ff ff ff fe ff ff ff c0 00 00 00 00 00 00 00 00 00 00 00",
  ],
  [
    "- names an anonymous label only before the end of an operand",
    "- nop\n!word -, (-), - - 1, -- - 1\n!byte <-, >-",
    "ea 00 10 00 10 01 00 ff ff 00 10",
  ],
];

for (const [name, src, expected] of CASES) {
  Deno.test(`expr: ${name}`, () => assertEquals(bytesOf(src), expected));
}

Deno.test("expr: 0X and 0B are not number prefixes (ACME: lower case only)", () => {
  assertLeft(assembleText("* = $1000\n!byte 0X0C\n"), "main.s:2:");
});

Deno.test("expr: a string cannot take part in arithmetic", () => {
  assertLeft(
    assembleText('* = $1000\n!byte "a" + 1\n'),
    "main.s:2:11",
    "cannot be applied to a string",
  );
});

Deno.test("expr: division by zero, also when the zero comes from a later definition", () => {
  assertLeft(assembleText("* = $1000\n!byte 1/0\n"), "main.s:2:8", "division by zero");
  assertLeft(assembleText("* = $1000\n!byte 1/fwd\nfwd = 0\n"), "main.s:2:8", "division by zero");
});

Deno.test("expr: a negative exponent is an error", () => {
  assertLeft(assembleText("* = $1000\n!byte 2 ^ -1\n"), "main.s:2:9", "negative exponent");
});

Deno.test("expr: floating-point literals are refused clearly", () => {
  assertLeft(assembleText("* = $1000\n!byte 1.5\n"), "main.s:2:7", "floating-point");
});
