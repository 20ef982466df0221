/**
 * What the model looked at: the attention weights of every head of every layer, and the
 * residual stream after each layer, for one sequence of token ids, recomputed with the integer
 * reference's own primitives (the exported `embed`, `rmsnorm`, `matvec`, `attentionHead`, ...).
 *
 * A head's weight of query position t on key position j is the spec's
 * `EXP[min(127, m - s_j)] / Σ_i EXP[min(127, m - s_i)]` (EXP the soul's softmax table) with
 * `s_j = (q_t · k_j) >> 14` and `m = max_j s_j` — the integers `attentionHead` divides by,
 * shown here as a fraction. The layer outputs are computed with `attentionHead` itself, so the
 * last position's logits are exactly `forward`'s (a test checks this).
 *
 * @module
 */
import {
  attentionHead,
  E,
  embed,
  logitsOf,
  matvec,
  matvecBias,
  POST_HIDDEN,
  relu,
  residual,
  type Result,
  rmsnorm,
  type SoftmaxRule,
  softmaxWeights,
  type Soul,
  soulError,
} from "./lib.ts";

/** One layer's view. */
export interface LayerView {
  /** Per head, T×T weights (row = query position, column = key position; 0 above the diagonal). */
  readonly heads: readonly Float64Array[];
  /** The residual stream after the layer: T rows of ED values (Q8.8). */
  readonly hidden: readonly Int16Array[];
}

/** The whole view of a sequence. */
export interface AttentionView {
  readonly ids: readonly number[];
  readonly layers: readonly LayerView[];
  /** The logits at every position (what the model would say next there). */
  readonly logits: readonly Int16Array[];
}

/** The attention weights of one query over keys 0..t, as fractions that sum to 1. */
export const attentionWeights = (
  q: ArrayLike<number>,
  keys: readonly ArrayLike<number>[],
  softmax: SoftmaxRule,
): Float64Array => {
  const { weights, total } = softmaxWeights(q, keys, softmax);
  return Float64Array.from(weights, (x) => x / total);
};

/** Recompute a sequence (1..SL valid ids) with the attention weights kept. */
export const attentionView = (soul: Soul, ids: readonly number[]): Result<AttentionView> => {
  const { context, vocab, heads, headDim } = soul.shape;
  if (ids.length < 1 || ids.length > context) {
    return E.left(
      soulError("input", `a view needs 1 to ${context} tokens, got ${ids.length}`, {
        field: "ids",
      }),
    );
  }
  const bad = ids.findIndex((id) => !Number.isInteger(id) || id < 0 || id >= vocab);
  if (bad >= 0) {
    return E.left(soulError("input", `id ${ids[bad]} is not in the vocabulary`, { field: "ids" }));
  }
  const t = ids.length;
  const slice = (v: Int16Array, hd: number) => v.subarray(hd * headDim, (hd + 1) * headDim);
  let h = ids.map((tok, pos) => embed(soul.te, soul.pe, tok, pos));
  const layers: LayerView[] = [];
  for (const layer of soul.layers) {
    const xn = h.map((x) => rmsnorm(x, layer.n1));
    const q = xn.map((x) => matvec(layer.q, x, POST_HIDDEN));
    const k = xn.map((x) => matvec(layer.k, x, POST_HIDDEN));
    const v = xn.map((x) => matvec(layer.v, x, POST_HIDDEN));
    const maps = Array.from({ length: heads }, () => new Float64Array(t * t));
    h = h.map((x, pos) => {
      const att = new Int16Array(x.length);
      for (let hd = 0; hd < heads; hd++) {
        const keys = k.slice(0, pos + 1).map((kj) => slice(kj, hd));
        const vals = v.slice(0, pos + 1).map((vj) => slice(vj, hd));
        maps[hd].set(attentionWeights(slice(q[pos], hd), keys, soul.softmax), pos * t);
        att.set(attentionHead(slice(q[pos], hd), keys, vals, soul.softmax), hd * headDim);
      }
      return residual(x, matvec(layer.proj, att, POST_HIDDEN));
    });
    h = h.map((x) => {
      const z = relu(matvecBias(layer.fc1, layer.fc1Bias, rmsnorm(x, layer.n2), POST_HIDDEN));
      return residual(x, matvecBias(layer.fc2, layer.fc2Bias, z, POST_HIDDEN));
    });
    layers.push({ heads: maps, hidden: h });
  }
  return E.right({ ids: [...ids], layers, logits: h.map((x) => logitsOf(soul, x)) });
};
