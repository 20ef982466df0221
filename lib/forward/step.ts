/**
 * Incremental decoding with a KV cache: `step` computes one new position, attending to the
 * keys and values kept from earlier positions. This is the form the 6502 engine runs; it gives
 * exactly the numbers of the whole-context `forward` (position t depends only on tokens 0..t).
 *
 * States are values: `step` returns a new state and never changes the one it was given.
 *
 * @module
 */
import { E } from "../deps.ts";
import { soulError } from "../errors.ts";
import type { Result } from "../pipeline.ts";
import type { Soul } from "../soul/types.ts";
import { headSlice, logitsOf } from "./forward.ts";
import {
  attentionHead,
  embed,
  matvec,
  matvecBias,
  POST_HIDDEN,
  relu,
  residual,
  rmsnorm,
} from "./primitives.ts";
import { checkToken } from "./validate.ts";

/** The decoder's memory: how many positions are filled, and their keys and values per layer. */
export interface KvState {
  /** How many positions are filled (the next token goes here). */
  readonly position: number;
  /** Per layer, SL × ED keys (row per position); rows >= position are unused. */
  readonly keys: readonly Int16Array[];
  /** Per layer, SL × ED values. */
  readonly values: readonly Int16Array[];
}

/** An empty cache for a soul. */
export const initialState = (soul: Soul): KvState => {
  const size = soul.shape.context * soul.shape.embed;
  return {
    position: 0,
    keys: soul.layers.map(() => new Int16Array(size)),
    values: soul.layers.map(() => new Int16Array(size)),
  };
};

/** Feed one token at the next position; returns the new state and that position's logits. */
export const step = (
  soul: Soul,
  state: KvState,
  token: number,
): Result<{ readonly state: KvState; readonly logits: Int16Array }> => {
  const { context, embed: ed, heads, headDim } = soul.shape;
  const t = state.position;
  if (t >= context) {
    return E.left(
      soulError("input", `the context is full (${context} tokens)`, { field: "position" }),
    );
  }
  const ok = checkToken(soul, token, "token");
  if (E.isLeft(ok)) return ok;
  const keys = state.keys.map((k) => k.slice());
  const values = state.values.map((v) => v.slice());
  let h = embed(soul.te, soul.pe, token, t);
  soul.layers.forEach((layer, l) => {
    const xn = rmsnorm(h, layer.n1);
    const q = matvec(layer.q, xn, POST_HIDDEN);
    keys[l].set(matvec(layer.k, xn, POST_HIDDEN), t * ed);
    values[l].set(matvec(layer.v, xn, POST_HIDDEN), t * ed);
    const att = new Int16Array(ed);
    for (let hd = 0; hd < heads; hd++) {
      const ks: Int16Array[] = [], vs: Int16Array[] = [];
      for (let j = 0; j <= t; j++) {
        ks.push(keys[l].subarray(j * ed + hd * headDim, j * ed + (hd + 1) * headDim));
        vs.push(values[l].subarray(j * ed + hd * headDim, j * ed + (hd + 1) * headDim));
      }
      att.set(attentionHead(headSlice(q, hd, headDim), ks, vs, soul.softmax), hd * headDim);
    }
    h = residual(h, matvec(layer.proj, att, POST_HIDDEN));
    const z = relu(matvecBias(layer.fc1, layer.fc1Bias, rmsnorm(h, layer.n2), POST_HIDDEN));
    h = residual(h, matvecBias(layer.fc2, layer.fc2Bias, z, POST_HIDDEN));
  });
  return E.right({ state: { position: t + 1, keys, values }, logits: logitsOf(soul, h) });
};

/** Feed several tokens; returns the final state and the last logits. */
export const stepAll = (
  soul: Soul,
  state: KvState,
  tokens: readonly number[],
): Result<{ readonly state: KvState; readonly logits: Int16Array }> => {
  if (tokens.length === 0) {
    return E.left(soulError("input", "no tokens to feed", { field: "tokens" }));
  }
  let cur: { state: KvState; logits: Int16Array } = { state, logits: new Int16Array(0) };
  for (let i = 0; i < tokens.length; i++) {
    const r = step(soul, cur.state, tokens[i]);
    if (E.isLeft(r)) return E.left({ ...r.left, field: `tokens[${i}]` });
    cur = r.right;
  }
  return E.right(cur);
};
