import { assert, assertEquals } from "../std/assert.ts";
import { createRng } from "../vectors/random.ts";
import {
  deshift,
  EXP_TABLE,
  EXP_TABLE_ROUNDED,
  expTable,
  floorDiv,
  isqrt,
  sat16,
  shiftRight,
} from "./mod.ts";

Deno.test("isqrt is the floor square root (checked by squaring, with BigInt)", () => {
  const rng = createRng(1);
  const ns = [0, 1, 2, 3, 4, 24, 25, 26, 2 ** 31 - 1, 2 ** 32, 2 ** 40 + 12345];
  for (let i = 0; i < 2000; i++) ns.push(rng.int(0, 2 ** 31));
  for (const n of ns) {
    const r = BigInt(isqrt(n)), b = BigInt(n);
    assert(r * r <= b && (r + 1n) * (r + 1n) > b, `isqrt(${n}) = ${r}`);
  }
});

Deno.test("shiftRight floors like a BigInt arithmetic shift; negative shifts go left", () => {
  const rng = createRng(2);
  for (let i = 0; i < 2000; i++) {
    const v = rng.int(-(2 ** 40), 2 ** 40), n = rng.int(0, 20);
    assertEquals(shiftRight(v, n), Number(BigInt(v) >> BigInt(n)));
  }
  assertEquals(shiftRight(-1, 1), -1);
  assertEquals(shiftRight(3, -2), 12);
});

Deno.test("floorDiv rounds toward negative infinity", () => {
  assertEquals([floorDiv(7, 2), floorDiv(-7, 2), floorDiv(-1, 255), floorDiv(0, 3)], [
    3,
    -4,
    -1,
    0,
  ]);
});

Deno.test("sat16 and deshift", () => {
  assertEquals([sat16(40000), sat16(-40000), sat16(5)], [32767, -32768, 5]);
  assertEquals(deshift(3, 5), 24); // 3 << 3
  assertEquals(deshift(-3, 10), -1); // -3 >> 2 floors
  assertEquals(deshift(1, 8), 1);
});

Deno.test("EXP table: the spec's values at points worked out by hand", () => {
  assertEquals(EXP_TABLE.length, 128);
  assertEquals(EXP_TABLE[0], 255);
  assertEquals(EXP_TABLE[1], 240); // 255 e^(-1/16) = 239.55
  assertEquals(EXP_TABLE[16], 94); // 255 / e = 93.81
  assertEquals(EXP_TABLE[32], 35); // 255 / e^2 = 34.51
  assertEquals(EXP_TABLE[126], 1); // 255 e^(-126/16) = 0.098, clamped to 1
  assertEquals(EXP_TABLE[127], 0);
  for (let i = 1; i < 128; i++) assert(EXP_TABLE[i] <= EXP_TABLE[i - 1]);
});

Deno.test("EXP table, rounded rule: the same values, but small weights round to 0", () => {
  assertEquals(EXP_TABLE_ROUNDED.length, 128);
  assertEquals(EXP_TABLE_ROUNDED[0], 255);
  assertEquals(EXP_TABLE_ROUNDED[1], 240);
  assertEquals(EXP_TABLE_ROUNDED[16], 94);
  assertEquals(EXP_TABLE_ROUNDED[88], 1); // 255 e^(-88/16) = 1.04
  assertEquals(EXP_TABLE[88], 1);
  assertEquals(EXP_TABLE_ROUNDED[99], 1); // 255 e^(-99/16) = 0.523
  assertEquals(EXP_TABLE_ROUNDED[100], 0); // 255 e^(-100/16) = 0.491
  assertEquals(EXP_TABLE[100], 1); // the legacy table clamps it to 1
  assertEquals(EXP_TABLE_ROUNDED[127], 0);
  // The tables differ exactly where the legacy one clamps a weight below one half up to 1.
  for (let i = 0; i < 127; i++) {
    const exact = 255 * Math.exp(-i / 16);
    assertEquals(EXP_TABLE_ROUNDED[i] !== EXP_TABLE[i], exact < 0.5, `EXP[${i}]`);
  }
  assertEquals(expTable("legacy"), EXP_TABLE);
  assertEquals(expTable("rounded"), EXP_TABLE_ROUNDED);
});
