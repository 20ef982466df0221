/**
 * A minibatch as the model's ops read it: sequences laid end to end as rows, no padding.
 *
 * Each training sequence `[SEP] prompt [SEP] reply [END]` of length L contributes its first
 * L - 1 tokens as input rows; row t of a sequence is predicted from rows `seqStart[t]..t` (the
 * causal mask is the sequence's own start), at position `positions[t]`. The rows whose next
 * token is part of the reply (or the END after it) are the target rows; only they reach the
 * output layer and the loss.
 *
 * The buffers are allocated once for the largest minibatch and refilled each step.
 *
 * @module
 */
import { createRng } from "./rng.ts";

/** One minibatch, refilled in place. */
export interface Batch {
  /** Input rows in use. */
  rows: number;
  /** Token id of each input row. */
  readonly tokens: Int32Array;
  /** Position of each input row within its sequence. */
  readonly positions: Int32Array;
  /** For each row, the row index where its sequence starts (the attention window's start). */
  readonly seqStart: Int32Array;
  /** Target rows in use. */
  targetCount: number;
  /** The rows whose prediction is scored, ascending. */
  readonly targetRows: Int32Array;
  /** The token each target row must predict. */
  readonly targets: Int32Array;
  /** The loss is `lossScale × Σ` of per-target losses (1 / targets in the whole minibatch). */
  lossScale: number;
}

/** An empty batch with room for `maxRows` rows. */
export const createBatch = (maxRows: number): Batch => ({
  rows: 0,
  tokens: new Int32Array(maxRows),
  positions: new Int32Array(maxRows),
  seqStart: new Int32Array(maxRows),
  targetCount: 0,
  targetRows: new Int32Array(maxRows),
  targets: new Int32Array(maxRows),
  lossScale: 1,
});

/** A tokenized training example: its ids and where the reply starts. */
export interface Example {
  /** `[SEP] prompt [SEP] reply [END]`. */
  readonly ids: readonly number[];
  /** Index in `ids` of the first reply token (= prompt length + 2). */
  readonly replyStart: number;
}

/** Random changes to training prompts (a regularizer: replies should not hang on one token). */
export interface PromptNoise {
  /** Seeds the noise (with the step and the example). */
  readonly seed: number;
  /** Probability that a prompt token is replaced by a random token. */
  readonly replace: number;
  /** Probability that the whole prompt is dropped (`[SEP] [SEP] reply [END]`). */
  readonly drop: number;
}

/**
 * An example with prompt noise: with probability `drop` the prompt is removed, else each of its
 * tokens is replaced with probability `replace` by a random non-special token. A pure function
 * of the seed, so every thread computes the same noise.
 */
export const noisyExample = (
  e: Example,
  noise: PromptNoise,
  seed: number,
  vocab: number,
): Example => {
  const rng = createRng(seed);
  const promptEnd = e.replyStart - 1; // the second SEP
  if (rng.next() < noise.drop) {
    return { ids: [e.ids[0], ...e.ids.slice(promptEnd)], replyStart: 2 };
  }
  const ids = e.ids.slice();
  for (let t = 1; t < promptEnd; t++) {
    if (rng.next() < noise.replace) ids[t] = 4 + rng.int(vocab - 4);
  }
  return { ids, replyStart: e.replyStart };
};

/** Input rows an example contributes. */
export const exampleRows = (e: Example): number => e.ids.length - 1;

/** Targets (reply tokens and END) an example contributes. */
export const exampleTargets = (e: Example): number => e.ids.length - e.replyStart;

/**
 * Fill a batch with examples laid end to end: `examples[indices[i]]` for each i (all of
 * `examples` when `indices` is omitted). `lossScale` is usually 1 / (targets of the whole
 * minibatch) when the batch is one shard of it. Throws if the batch is too small (the caller
 * sizes it from the longest examples).
 */
export const fillBatch = (
  batch: Batch,
  examples: readonly Example[],
  lossScale: number,
  indices?: ArrayLike<number>,
): void => {
  let row = 0, nt = 0;
  const count = indices === undefined ? examples.length : indices.length;
  for (let k = 0; k < count; k++) {
    const e = examples[indices === undefined ? k : indices[k]];
    const start = row, n = e.ids.length - 1;
    if (row + n > batch.tokens.length) {
      throw new RangeError(`batch overflow: ${row + n} rows > ${batch.tokens.length}`);
    }
    for (let t = 0; t < n; t++) {
      batch.tokens[row] = e.ids[t];
      batch.positions[row] = t;
      batch.seqStart[row] = start;
      if (t + 1 >= e.replyStart) {
        batch.targetRows[nt] = row;
        batch.targets[nt] = e.ids[t + 1];
        nt++;
      }
      row++;
    }
  }
  batch.rows = row;
  batch.targetCount = nt;
  batch.lossScale = lossScale;
};

/**
 * Fill a batch for inference on one context: every row is input, and only the last row is a
 * target row (its target is unused: the logits are what is wanted).
 */
export const fillContext = (batch: Batch, ids: readonly number[]): void => {
  for (let t = 0; t < ids.length; t++) {
    batch.tokens[t] = ids[t];
    batch.positions[t] = t;
    batch.seqStart[t] = 0;
  }
  batch.rows = ids.length;
  batch.targetCount = 1;
  batch.targetRows[0] = ids.length - 1;
  batch.targets[0] = -1;
  batch.lossScale = 1;
};
