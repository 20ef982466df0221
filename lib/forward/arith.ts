/**
 * The integer primitives of the spec's arithmetic (`../shared/spec/soul-v3.md`), exactly.
 * Values are plain JS numbers holding exact integers (every sum here stays far below 2^53).
 *
 * @module
 */
import { roundHalfEven } from "../quantize/quantize.ts";
import type { SoftmaxRule } from "../soul/types.ts";

/** Clamp to int16. */
export const sat16 = (v: number): number => (v > 32767 ? 32767 : v < -32768 ? -32768 : v);

/** Arithmetic (flooring) shift right by n; a negative n shifts left. Exact for any integer. */
export const shiftRight = (v: number, n: number): number =>
  n >= 0 ? Math.floor(v / 2 ** n) : v * 2 ** -n;

/** Floor division (rounds toward negative infinity). `den` must be nonzero. */
export const floorDiv = (num: number, den: number): number => Math.floor(num / den);

/** Floor square root of a non-negative integer (exact, by integer Newton steps). */
export const isqrt = (n: number): number => {
  if (n < 2) return n;
  let x = Math.floor(Math.sqrt(n));
  while (x * x > n) x--;
  while ((x + 1) * (x + 1) <= n) x++;
  return x;
};

/** A weight at shift s as Q8.8: `v << (8 - s)` if s <= 8, else `v >> (s - 8)`. */
export const deshift = (v: number, s: number): number => shiftRight(v, s - 8);

/** Size of the softmax table. */
export const EXP_SIZE = 128;

/**
 * The "legacy" softmax table (v3's): EXP[i] = round(255 × e^(-i/16)) clamped to [1, 255] for
 * 1 <= i <= 126, EXP[0] = 255, EXP[127] = 0: the softmax weight of a score `i` steps (of 1/4
 * in q·k units) below the best.
 */
export const EXP_TABLE: readonly number[] = Array.from(
  { length: EXP_SIZE },
  (_, i) =>
    i === 0
      ? 255
      : i === EXP_SIZE - 1
      ? 0
      : Math.min(255, Math.max(1, roundHalfEven(255 * Math.exp(-i / 16)))),
);

/**
 * The "rounded" softmax table (this project's format may choose it): EXP[i] =
 * round(255 × e^(-i/16)) without the clamp, so EXP[i] = 0 from i = 100 (255·e^(-100/16) =
 * 0.49) on, and EXP[127] = 0 as in the legacy table.
 */
export const EXP_TABLE_ROUNDED: readonly number[] = Array.from(
  { length: EXP_SIZE },
  (_, i) => (i === EXP_SIZE - 1 ? 0 : roundHalfEven(255 * Math.exp(-i / 16))),
);

/** The EXP table of a softmax rule. */
export const expTable = (rule: SoftmaxRule): readonly number[] =>
  rule === "rounded" ? EXP_TABLE_ROUNDED : EXP_TABLE;
