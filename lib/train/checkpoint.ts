/**
 * Checkpoints: everything a run needs to continue exactly where it stopped.
 *
 * The data order and the initial weights are functions of the seed, so the state is the
 * step count, the parameters, Adam's moments, the loss history, the evaluations so far and the
 * best parameters by int8 score. A resumed run therefore computes bit for bit what the
 * uninterrupted run would have.
 *
 * File layout (little-endian): the 8 bytes `S64CKPT1`, a u32 header length, the header as
 * UTF-8 JSON, zero padding to a multiple of 8, then float64 arrays: params, Adam m, Adam v,
 * and (when the header has a best step) the best params. The header says how long they are.
 *
 * @module
 */
import { E, t } from "../deps.ts";
import { soulError } from "../errors.ts";
import type { Result } from "../pipeline.ts";

/** The int8 evaluation made at one step. */
export interface EvalRecord {
  /** Steps done when evaluated. */
  readonly step: number;
  /** Mean training loss over the steps since the previous evaluation. */
  readonly trainLoss: number;
  /** Int8 teacher-forced accuracy on the held-out reply tokens (+ END). */
  readonly int8Accuracy: number;
  /** Float teacher-forced accuracy on the same positions. */
  readonly floatAccuracy: number;
  /** Probe prompts answered by both models. */
  readonly probes: readonly {
    readonly prompt: string;
    readonly float: string;
    readonly int8: string;
  }[];
}

/** A training run's state after some steps. */
export interface Checkpoint {
  /** Identifies the corpus and configuration; a run resumes only a matching checkpoint. */
  readonly fingerprint: string;
  /** Steps done. */
  readonly step: number;
  /** Input tokens processed so far. */
  readonly tokens: number;
  /** Training time so far, in milliseconds (not part of the result; for the report). */
  readonly elapsedMs: number;
  /** The float parameters. */
  readonly params: Float64Array;
  /** Adam's first moments. */
  readonly m: Float64Array;
  /** Adam's second moments. */
  readonly v: Float64Array;
  /** Training loss of every step done. */
  readonly losses: readonly number[];
  /** Every evaluation so far. */
  readonly evals: readonly EvalRecord[];
  /** The best parameters by int8 score, and when and how well they scored. */
  readonly best:
    | { readonly step: number; readonly score: number; readonly params: Float64Array }
    | null;
}

const MAGIC = "S64CKPT1";

const Header = t.type({
  fingerprint: t.string,
  step: t.number,
  tokens: t.number,
  elapsedMs: t.number,
  size: t.number,
  losses: t.array(t.number),
  evals: t.array(
    t.type({
      step: t.number,
      trainLoss: t.number,
      int8Accuracy: t.number,
      floatAccuracy: t.number,
      probes: t.array(t.type({ prompt: t.string, float: t.string, int8: t.string })),
    }),
  ),
  best: t.union([t.null, t.type({ step: t.number, score: t.number })]),
});

/** Serialize a checkpoint. */
export const encodeCheckpoint = (c: Checkpoint): Uint8Array => {
  const header = new TextEncoder().encode(JSON.stringify({
    fingerprint: c.fingerprint,
    step: c.step,
    tokens: c.tokens,
    elapsedMs: c.elapsedMs,
    size: c.params.length,
    // JSON has no NaN or Infinity: a diverged loss is stored as null and read back as NaN.
    losses: c.losses,
    evals: c.evals,
    best: c.best === null ? null : { step: c.best.step, score: c.best.score },
  }));
  const start = Math.ceil((12 + header.length) / 8) * 8;
  const arrays = [c.params, c.m, c.v, ...(c.best === null ? [] : [c.best.params])];
  const bytes = new Uint8Array(start + 8 * c.params.length * arrays.length);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < MAGIC.length; i++) bytes[i] = MAGIC.charCodeAt(i);
  view.setUint32(8, header.length, true);
  bytes.set(header, 12);
  let o = start;
  for (const a of arrays) {
    for (let i = 0; i < a.length; i++, o += 8) view.setFloat64(o, a[i], true);
  }
  return bytes;
};

/** Read a checkpoint; errors name the file and the byte offset or field. */
export const decodeCheckpoint = (bytes: Uint8Array, file?: string): Result<Checkpoint> => {
  const bad = (message: string, where: { offset?: number; field?: string } = {}) =>
    E.left(soulError("train", `not a usable checkpoint: ${message}`, { file, ...where }));
  if (bytes.length < 12 || [...MAGIC].some((ch, i) => bytes[i] !== ch.charCodeAt(0))) {
    return bad(`expected the magic bytes ${MAGIC}`, { offset: 0 });
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const length = view.getUint32(8, true);
  if (12 + length > bytes.length) return bad("the header is truncated", { offset: 8 });
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + length)));
  } catch (e) {
    return bad(`the header is not JSON (${(e as Error).message})`, { offset: 12 });
  }
  // Losses that were NaN were written as null.
  const raw = json as { losses?: unknown };
  if (Array.isArray(raw?.losses)) raw.losses = raw.losses.map((x) => (x === null ? NaN : x));
  const decoded = Header.decode(json);
  if (E.isLeft(decoded)) {
    const path = decoded.left[0].context.map((c) => c.key).filter((k) => k !== "").join(".");
    return bad("the header does not have the expected fields", { field: path || "header" });
  }
  const h = decoded.right;
  const start = Math.ceil((12 + length) / 8) * 8;
  const count = h.best === null ? 3 : 4;
  if (bytes.length !== start + 8 * h.size * count) {
    return bad(`expected ${start + 8 * h.size * count} bytes, got ${bytes.length}`, {
      offset: bytes.length,
    });
  }
  const arrays: Float64Array[] = [];
  let o = start;
  for (let k = 0; k < count; k++) {
    const a = new Float64Array(h.size);
    for (let i = 0; i < h.size; i++, o += 8) a[i] = view.getFloat64(o, true);
    arrays.push(a);
  }
  return E.right({
    fingerprint: h.fingerprint,
    step: h.step,
    tokens: h.tokens,
    elapsedMs: h.elapsedMs,
    params: arrays[0],
    m: arrays[1],
    v: arrays[2],
    losses: h.losses,
    evals: h.evals,
    best: h.best === null ? null : { ...h.best, params: arrays[3] },
  });
};
