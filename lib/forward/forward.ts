/**
 * The whole-context forward pass: every position of every layer, then the logits of the last
 * position. This is the spec's definition, written layer by layer; `step.ts` computes the same
 * numbers one position at a time.
 *
 * @module
 */
import { E } from "../deps.ts";
import type { Result } from "../pipeline.ts";
import type { Soul } from "../soul/types.ts";
import {
  attentionHead,
  embed,
  matvec,
  matvecBias,
  POST_HIDDEN,
  POST_LOGITS,
  relu,
  residual,
  rmsnorm,
} from "./primitives.ts";
import { checkContext } from "./validate.ts";

/** Per-head slice of a vector. */
export const headSlice = (v: Int16Array, head: number, headDim: number): Int16Array =>
  v.subarray(head * headDim, (head + 1) * headDim);

/** The residual stream of every position after all layers (Q8.8). */
export const hiddenStates = (soul: Soul, ids: readonly number[]): Int16Array[] => {
  const { heads, headDim } = soul.shape;
  let h = ids.map((tok, pos) => embed(soul.te, soul.pe, tok, pos));
  for (const layer of soul.layers) {
    const xn = h.map((x) => rmsnorm(x, layer.n1));
    const q = xn.map((x) => matvec(layer.q, x, POST_HIDDEN));
    const k = xn.map((x) => matvec(layer.k, x, POST_HIDDEN));
    const v = xn.map((x) => matvec(layer.v, x, POST_HIDDEN));
    h = h.map((x, t) => {
      const att = new Int16Array(x.length);
      for (let hd = 0; hd < heads; hd++) {
        const keys = k.slice(0, t + 1).map((kj) => headSlice(kj, hd, headDim));
        const vals = v.slice(0, t + 1).map((vj) => headSlice(vj, hd, headDim));
        att.set(
          attentionHead(headSlice(q[t], hd, headDim), keys, vals, soul.softmax),
          hd * headDim,
        );
      }
      return residual(x, matvec(layer.proj, att, POST_HIDDEN));
    });
    h = h.map((x) => {
      const z = relu(matvecBias(layer.fc1, layer.fc1Bias, rmsnorm(x, layer.n2), POST_HIDDEN));
      return residual(x, matvecBias(layer.fc2, layer.fc2Bias, z, POST_HIDDEN));
    });
  }
  return h;
};

/** The logits of one final hidden state. */
export const logitsOf = (soul: Soul, h: Int16Array): Int16Array =>
  matvec(soul.out, rmsnorm(h, soul.norm), POST_LOGITS);

/** Logits (VS int16 values) of the last position of a context of 1..SL token ids. */
export const forward = (soul: Soul, ids: readonly number[]): Result<Int16Array> => {
  const ok = checkContext(soul, ids);
  if (E.isLeft(ok)) return ok;
  const h = hiddenStates(soul, ids);
  return E.right(logitsOf(soul, h[h.length - 1]));
};
