/**
 * The integer reference's building blocks, one per spec operation. Each is pure and returns a
 * fresh Int16Array (activations are Q8.8 in int16). Names match the golden-vector files.
 *
 * @module
 */
import type { ArgmaxRule, QBias, QMatrix, SoftmaxRule } from "../soul/types.ts";
import { argmaxFirstId } from "../soul/types.ts";
import { deshift, EXP_SIZE, expTable, floorDiv, isqrt, sat16, shiftRight } from "./arith.ts";

/** `post` shift for q, k, v, proj, fc1, fc2. */
export const POST_HIDDEN = 1;
/** `post` shift for the output logits. */
export const POST_LOGITS = 0;

/** h = sat16(deshift(te[tok], s_te) + deshift(pe[pos], s_pe)), per dimension. */
export const embed = (te: QMatrix, pe: QMatrix, tok: number, pos: number): Int16Array => {
  const n = te.cols, h = new Int16Array(n);
  for (let i = 0; i < n; i++) {
    h[i] = sat16(deshift(te.data[tok * n + i], te.shift) + deshift(pe.data[pos * n + i], pe.shift));
  }
  return h;
};

/** y_r = sat16((Σ_c W[r,c]·x[c] (+ bias[r])) >> (s_w + post)). */
export const matvecBias = (
  w: QMatrix,
  bias: QBias | undefined,
  x: ArrayLike<number>,
  post: number,
): Int16Array => {
  const y = new Int16Array(w.rows), n = w.cols, shift = w.shift + post;
  for (let r = 0; r < w.rows; r++) {
    let acc = bias ? bias.data[r] : 0;
    const row = r * n;
    for (let c = 0; c < n; c++) acc += w.data[row + c] * x[c];
    y[r] = sat16(shiftRight(acc, shift));
  }
  return y;
};

/** Matrix-vector product without bias. */
export const matvec = (w: QMatrix, x: ArrayLike<number>, post: number): Int16Array =>
  matvecBias(w, undefined, x, post);

/** The scalar factor rmsnorm multiplies by: min(32767, 2^19 // max(1, isqrt(ms))). */
export const rmsInverse = (x: ArrayLike<number>): number => {
  let sum = 0;
  for (let i = 0; i < x.length; i++) {
    const xs = x[i] >> 4;
    sum += xs * xs;
  }
  const ms = Math.max(1, floorDiv(sum, x.length));
  const r = Math.max(1, isqrt(ms));
  return Math.min(32767, floorDiv(2 ** 19, r));
};

/** y_i = sat16((((x_i · inv) >> 15) · g_i) >> s_g). */
export const rmsnorm = (x: ArrayLike<number>, g: QMatrix): Int16Array => {
  const inv = rmsInverse(x), y = new Int16Array(x.length);
  for (let i = 0; i < x.length; i++) {
    y[i] = sat16(shiftRight(shiftRight(x[i] * inv, 15) * g.data[i], g.shift));
  }
  return y;
};

/**
 * The integer softmax weights of one query over keys 0..t: `sf_j = (q·k_j) >> 14`,
 * `w_j = EXP[min(127, max_i sf_i - sf_j)]` from the softmax rule's table, and their sum
 * (0 counts as 1, the divisor attentionHead uses).
 */
export const softmaxWeights = (
  q: ArrayLike<number>,
  keys: readonly ArrayLike<number>[],
  rule: SoftmaxRule = "legacy",
): { readonly weights: readonly number[]; readonly total: number } => {
  const table = expTable(rule);
  const sf = keys.map((k) => {
    let score = 0;
    for (let i = 0; i < q.length; i++) score += q[i] * k[i];
    return shiftRight(score, 14);
  });
  const m = Math.max(...sf);
  const weights = sf.map((s) => table[Math.min(EXP_SIZE - 1, Math.max(0, m - s))]);
  return { weights, total: weights.reduce((a, b) => a + b, 0) || 1 };
};

/**
 * One attention head for one query: `q` (headDim values), keys and values of positions
 * 0..t (each headDim values), weighed by the softmax rule's EXP table. Returns the head's
 * output (headDim values).
 */
export const attentionHead = (
  q: ArrayLike<number>,
  keys: readonly ArrayLike<number>[],
  values: readonly ArrayLike<number>[],
  rule: SoftmaxRule = "legacy",
): Int16Array => {
  const d = q.length, n = keys.length;
  const { weights: w, total } = softmaxWeights(q, keys, rule);
  const out = new Int16Array(d);
  for (let i = 0; i < d; i++) {
    let acc = 0;
    for (let j = 0; j < n; j++) acc += w[j] * values[j][i];
    out[i] = sat16(floorDiv(acc, total));
  }
  return out;
};

/** h + y, saturated (the residual add). */
export const residual = (h: ArrayLike<number>, y: ArrayLike<number>): Int16Array => {
  const out = new Int16Array(h.length);
  for (let i = 0; i < h.length; i++) out[i] = sat16(h[i] + y[i]);
  return out;
};

/** max(0, x) per element. */
export const relu = (x: ArrayLike<number>): Int16Array => {
  const out = new Int16Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = x[i] > 0 ? x[i] : 0;
  return out;
};

/** The next token: the first maximum over ids argmaxFirstId(rule)..VS-1. */
export const argmax = (logits: ArrayLike<number>, rule: ArgmaxRule): number => {
  let best = argmaxFirstId(rule);
  for (let i = best + 1; i < logits.length; i++) if (logits[i] > logits[best]) best = i;
  return best;
};
