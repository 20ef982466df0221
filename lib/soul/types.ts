/**
 * The soul: a quantized decoder-only transformer, as the integer engines run it.
 *
 * Tensor naming follows the spec (`../shared/spec/soul-v3.md`, "Soul file"): te, pe, per layer
 * n1, q, k, v, proj, n2, fc1 (+bias), fc2 (+bias), then norm and out. A weight's real value is
 * `data[i] / 2^shift`; a bias is already scaled to its matmul's accumulator (`2^(8 + shift)`).
 *
 * @module
 */

/** The model's dimensions. */
export interface Shape {
  /** VS: vocabulary size (ids 0..vocab-1). */
  readonly vocab: number;
  /** ED: embedding width. */
  readonly embed: number;
  /** NH: attention heads. */
  readonly heads: number;
  /** HD: width of one head (heads × headDim must equal embed). */
  readonly headDim: number;
  /** FF: feed-forward hidden units. */
  readonly ffn: number;
  /** NL: transformer layers. */
  readonly layers: number;
  /** SL: context window in tokens. */
  readonly context: number;
}

/** The default shape: 2 layers, 4 heads × 8, 32-dim embeddings, 64 FFN units, 128 tokens, SL 20. */
export const DEFAULT_SHAPE: Shape = {
  vocab: 128,
  embed: 32,
  heads: 4,
  headDim: 8,
  ffn: 64,
  layers: 2,
  context: 20,
};

/**
 * Which ids the next-token argmax considers (the first maximum wins).
 * - `legacy`: ids 4..VS-1, as the v3 original: the model can never choose END.
 * - `end`: ids 3..VS-1: END competes, so a reply can end where the model ends it.
 */
export type ArgmaxRule = "legacy" | "end";

/**
 * Which EXP table the attention softmax weighs keys with (`EXP[i]` for a key `i` steps of
 * 1/16 nat below the best; see lib/forward/arith.ts).
 * - `legacy`: the v3 original's, `round(255·e^(-i/16))` clamped up to 1 for i <= 126: every key
 *   within 7.9 nats of the best keeps at least 1/255 of the best one's weight, up to ten
 *   times what softmax gives it.
 * - `rounded`: `round(255·e^(-i/16))` unclamped: keys more than 6.2 nats below the best weigh
 *   0, as softmax gives them less than half a step. The integer softmax is then closer to the
 *   float one the trainer also optimizes.
 */
export type SoftmaxRule = "legacy" | "rounded";

/** The first id the argmax considers under a rule. */
export const argmaxFirstId = (rule: ArgmaxRule): number => (rule === "legacy" ? 4 : 3);

/** Special token ids. */
export const PAD = 0;
/** Separator around the prompt (stops a reply). */
export const SEP = 1;
/** Unknown character. */
export const UNK = 2;
/** End of reply (chosen only under the "end" rule). */
export const END = 3;

/** An int8 weight matrix (rows × cols, row-major) with its power-of-two shift. */
export interface QMatrix {
  /** Number of rows. */
  readonly rows: number;
  /** Number of columns. */
  readonly cols: number;
  /** Power-of-two shift: real value = data / 2^shift. */
  readonly shift: number;
  /** Row-major int8 values. */
  readonly data: Int8Array;
}

/** An int16 bias vector, pre-scaled to its matmul's accumulator; `shift` is the weight's. */
export interface QBias {
  /** Number of rows. */
  readonly rows: number;
  /** Power-of-two shift: real value = data / 2^shift. */
  readonly shift: number;
  /** int16 values, already scaled to the accumulator (2^(8 + shift)). */
  readonly data: Int16Array;
}

/** One transformer layer. n1 and n2 are rmsnorm gains (ED×1 int8 matrices). */
export interface Layer {
  /** Gain of the attention rmsnorm (ED×1). */
  readonly n1: QMatrix;
  /** Query projection (ED×ED). */
  readonly q: QMatrix;
  /** Key projection (ED×ED). */
  readonly k: QMatrix;
  /** Value projection (ED×ED). */
  readonly v: QMatrix;
  /** Attention output projection (ED×ED). */
  readonly proj: QMatrix;
  /** Gain of the feed-forward rmsnorm (ED×1). */
  readonly n2: QMatrix;
  /** First feed-forward matrix (FF×ED). */
  readonly fc1: QMatrix;
  /** Its bias (FF). */
  readonly fc1Bias: QBias;
  /** Second feed-forward matrix (ED×FF). */
  readonly fc2: QMatrix;
  /** Its bias (ED). */
  readonly fc2Bias: QBias;
}

/** A whole soul: shape, rules, and quantized tensors. */
export interface Soul {
  /** The model's dimensions. */
  readonly shape: Shape;
  /** Which ids the next-token argmax considers. */
  readonly argmax: ArgmaxRule;
  /** Which EXP table the attention softmax uses. */
  readonly softmax: SoftmaxRule;
  /** A short human name (shown on the C64 title screen); may be empty. */
  readonly name: string;
  /** Token embeddings (VS×ED). */
  readonly te: QMatrix;
  /** Position embeddings (SL×ED). */
  readonly pe: QMatrix;
  /** The transformer layers, first to last. */
  readonly layers: readonly Layer[];
  /** Gain of the final rmsnorm (ED×1). */
  readonly norm: QMatrix;
  /** Output projection to the logits (VS×ED). */
  readonly out: QMatrix;
}

/** Total number of int8 weights and int16 biases (the "parameter count"). */
export const parameterCount = (s: Shape): number =>
  s.vocab * s.embed + s.context * s.embed +
  s.layers * (2 * s.embed + 4 * s.embed * s.embed + 2 * s.ffn * s.embed + s.ffn + s.embed) +
  s.embed + s.vocab * s.embed;
