/**
 * The trainable model: the soul's architecture in float64, with quantization-aware training.
 *
 * The parameters live in one flat vector, in the soul file's tensor order (te, pe, per layer
 * n1 q k v proj n2 fc1_w fc1_b fc2_w fc2_b, then norm and out), so the optimizer and the
 * workers treat them as one array. Every forward pass fake-quantizes them exactly as the
 * exporter will (int8 with a per-tensor power-of-two shift; biases to int16 at their matmul's
 * accumulator scale), so the loss is the loss of the weights the C64 will run.
 *
 * With `exact`, activations are also computed as the integer engine computes them (Q8.8,
 * floored matvecs, the integer rmsnorm, the EXP-table softmax): the float model then gives the
 * engine's very logits, and training optimizes what the C64 computes. Without it, activations
 * are smooth floats (rmsnorm x/rms·g, softmax(q·k/4)): the "float" model the integer one is
 * compared with.
 *
 * One position, as the spec's arithmetic has it (h is the residual stream):
 *   h = te[tok] + pe[pos]
 *   per layer: xn = rmsnorm(h)·n1;  q, k, v = W·xn / 2;  a = attention(q, k, v)
 *              h += Wproj·a / 2;  yn = rmsnorm(h)·n2;  z = relu((W1·yn + b1) / 2)
 *              h += (W2·z + b2) / 2
 *   logits = Wout·(rmsnorm(h)·norm)
 *
 * @module
 */
import { E } from "../deps.ts";
import type { Result } from "../pipeline.ts";
import { quantizeBias, quantizeMatrix } from "../quantize/quantize.ts";
import { tensorLayout } from "../soul/shape.ts";
import {
  argmaxFirstId,
  END,
  type Layer,
  PAD,
  type QBias,
  type QMatrix,
  SEP,
  type Shape,
  type SoftmaxRule,
  type Soul,
} from "../soul/types.ts";
import { expTable } from "../forward/arith.ts";
import { type Batch, createBatch, fillContext } from "./batch.ts";
import {
  add,
  attention,
  crossEntropy,
  type DecisionMargin,
  embed,
  fakeQuantize,
  fakeQuantizeBias,
  linear,
  type LossStats,
  quantizeBiasInto,
  type Quantized,
  quantizeInto,
  relu,
  rmsnorm,
  selectTargets,
} from "./ops.ts";
import { createRng } from "./rng.ts";
import { createTape, type Tape, type Tensor, tensorOver } from "./tape.ts";

/** One parameter tensor's place in the flat vector. */
export interface ParamSlot {
  /** The soul's tensor name, e.g. "te", "layer0.q", "layer1.fc1_b". */
  readonly name: string;
  /** 0 = int8 weights, 1 = int16 biases. */
  readonly kind: 0 | 1;
  /** Rows of the tensor. */
  readonly rows: number;
  /** Columns of the tensor. */
  readonly cols: number;
  /** Index of the tensor's first value in the flat vector. */
  readonly offset: number;
  /** Number of values (rows × cols). */
  readonly size: number;
  /** Whether AdamW's weight decay applies (the weight matrices, not gains, biases, tables). */
  readonly decay: boolean;
}

const GAINS = /(^|\.)(n1|n2|norm)$/;

/** The parameter slots of a shape, in soul file order. */
export const paramSlots = (shape: Shape): readonly ParamSlot[] => {
  let offset = 0;
  return tensorLayout(shape).map((t) => {
    const size = t.rows * t.cols;
    const slot: ParamSlot = {
      name: t.name,
      kind: t.kind,
      rows: t.rows,
      cols: t.cols,
      offset,
      size,
      decay: t.kind === 0 && !GAINS.test(t.name) && t.name !== "te" && t.name !== "pe",
    };
    offset += size;
    return slot;
  });
};

/** Number of parameters (the flat vector's length). */
export const paramCount = (shape: Shape): number =>
  paramSlots(shape).reduce((n, s) => n + s.size, 0);

/**
 * Whether a slot writes into the residual stream: the embedding tables, and the attention
 * projection and second feed-forward layer (and its bias) whose outputs are added to it.
 */
export const writesStream = (s: ParamSlot): boolean =>
  s.name === "te" || s.name === "pe" || /\.(proj|fc2_w|fc2_b)$/.test(s.name);

/**
 * Sizes of some tensors relative to a unit-scale initialization (see initParams and
 * slotScale).
 */
export interface ParamScales {
  /** The residual stream's writers (see writesStream). */
  readonly stream: number;
  /** The query and key projections (attention logits grow with its square). */
  readonly qk: number;
  /** The initial rmsnorm gains. */
  readonly gain: number;
}

/** Unit scales. */
export const UNIT_SCALES: ParamScales = { stream: 1, qk: 1, gain: 1 };

/**
 * The factor a slot is kept larger by: `stream` for the stream's writers, `qk` for the query
 * and key projections, 1 otherwise. The trainer multiplies the slot's learning rate by it too,
 * so that it trains at the same relative speed as at scale 1.
 */
export const slotScale = (s: ParamSlot, scales: ParamScales): number =>
  writesStream(s) ? scales.stream : /\.(q|k)$/.test(s.name) ? scales.qk : 1;

/**
 * Seeded initial parameters: gains `scales.gain`, biases 0, matrices N(0, 1/fan_in), token
 * embeddings N(0, 1), positions N(0, 1/4), each then multiplied by its slotScale.
 *
 * The stream scale sets the size of the residual stream. The integer rmsnorm takes an integer
 * square root of the mean square at 1/16 resolution (`r = isqrt(Σ (x>>4)² / n)` ≈ 16·rms),
 * so a stream with an rms near 1 is normalized with errors of several percent (and below 1 not
 * at all), which is the largest difference between the int8 and the float model at unit
 * scale; a stream several times larger makes the int8 model follow the float one closely.
 * Every reader of the stream normalizes it first, so the float model computes the same
 * function at any stream scale.
 *
 * The query/key scale makes attention peakier: the integer softmax quantizes attention logits
 * to 1/16 (EXP[i] = 255·e^(-i/16)), an error that matters less when one key dominates.
 */
export const initParams = (
  shape: Shape,
  seed: number,
  scales: ParamScales = UNIT_SCALES,
): Float64Array => {
  const rng = createRng(seed);
  const p = new Float64Array(paramCount(shape));
  for (const s of paramSlots(shape)) {
    const std = s.name === "te"
      ? 1
      : s.name === "pe"
      ? 0.5
      : s.kind === 1
      ? 0
      : GAINS.test(s.name)
      ? -1
      : 1 / Math.sqrt(s.cols);
    const k = slotScale(s, scales);
    for (let i = 0; i < s.size; i++) {
      p[s.offset + i] = std < 0 ? scales.gain : k * std * rng.normal();
    }
  }
  return p;
};

/**
 * Fake-quantize a whole parameter vector into `out`: what the graph's fakeQuantize ops compute,
 * done once (the trainer does it once per step and gives the workers the result, so they run
 * their graphs with `quantizeWeights: false`; the straight-through gradient is the same).
 */
export const quantizeParams = (shape: Shape, params: Float64Array, out: Float64Array): void => {
  const shifts = new Map<string, number>();
  const slots = paramSlots(shape);
  for (const s of slots) {
    if (s.kind !== 0) continue;
    const end = s.offset + s.size;
    shifts.set(
      s.name,
      quantizeInto(params.subarray(s.offset, end), s.size, out.subarray(s.offset, end)),
    );
  }
  for (const s of slots) {
    if (s.kind !== 1) continue;
    const end = s.offset + s.size;
    const shift = shifts.get(s.name.replace(/_b$/, "_w"))!;
    quantizeBiasInto(params.subarray(s.offset, end), s.size, shift, out.subarray(s.offset, end));
  }
};

/** How a graph computes. */
export interface GraphOptions {
  /** Largest number of input rows a minibatch (or context) may have. */
  readonly maxRows: number;
  /** Mirror the integer engine's activations (see the module note). */
  readonly exact: boolean;
  /** The softmax rule (EXP table) exact attention computes with. */
  readonly softmax: SoftmaxRule;
  /** Label smoothing ε; with `withLoss` only. */
  readonly smoothing: number;
  /** The decision margin hinge (see ops.ts); with `withLoss` only. Default: none. */
  readonly margin?: DecisionMargin;
  /** Build the loss (training) or stop at the logits (inference). */
  readonly withLoss: boolean;
  /**
   * Fake-quantize the parameters (default true). False runs the parameters as they are, for a
   * vector that already holds a soul's quantized values (see paramsFromSoul).
   */
  readonly quantizeWeights?: boolean;
}

/** A built model: refill `batch`, call `tape.forward()` (and `tape.backward(loss)`). */
export interface Graph {
  /** The model's shape. */
  readonly shape: Shape;
  /** The tape holding the model's ops. */
  readonly tape: Tape;
  /** The minibatch the graph reads. */
  readonly batch: Batch;
  /** Logits of the target rows (VS columns). */
  readonly logits: Tensor;
  /** The 1×1 loss tensor, or null for an inference graph. */
  readonly loss: Tensor | null;
  /** The loss figures of the latest forward pass, or null for an inference graph. */
  readonly stats: LossStats | null;
}

/**
 * Build the model over a parameter vector and its gradient vector (the param tensors are
 * views into them, so updating `params` in place is seen by the next forward pass).
 */
export const buildGraph = (
  shape: Shape,
  params: Float64Array,
  grads: Float64Array,
  opts: GraphOptions,
): Graph => {
  const slots = paramSlots(shape);
  if (params.length !== paramCount(shape) || grads.length !== params.length) {
    throw new RangeError("buildGraph: parameter vectors do not match the shape");
  }
  const tape = createTape();
  const batch = createBatch(opts.maxRows);
  const byName = new Map<string, Tensor>();
  for (const s of slots) {
    const view = (a: Float64Array) => a.subarray(s.offset, s.offset + s.size);
    byName.set(s.name, tensorOver(s.name, s.rows, s.cols, view(params), view(grads)));
  }
  const param = (name: string): Tensor => byName.get(name)!;
  const { exact } = opts, fake = opts.quantizeWeights ?? true;
  const table = exact ? expTable(opts.softmax) : null;
  const quant = (name: string): Quantized =>
    fake ? fakeQuantize(tape, param(name)) : { tensor: param(name), shift: 0 };
  const quantBias = (name: string, w: Quantized): Tensor =>
    fake ? fakeQuantizeBias(tape, param(name), w) : param(name);

  let h = embed(tape, quant("te").tensor, quant("pe").tensor, batch, exact);
  for (let l = 0; l < shape.layers; l++) {
    const p = `layer${l}.`;
    // The last layer computes keys and values for every row, but everything else only for
    // the target rows: nothing after it reads the other rows.
    const last = l === shape.layers - 1;
    const xn = rmsnorm(tape, h, quant(p + "n1").tensor, exact);
    const xq = last ? selectTargets(tape, xn, batch) : xn;
    const q = linear(tape, xq, quant(p + "q").tensor, null, 0.5, exact);
    const k = linear(tape, xn, quant(p + "k").tensor, null, 0.5, exact);
    const v = linear(tape, xn, quant(p + "v").tensor, null, 0.5, exact);
    const a = attention(tape, q, k, v, batch, shape.heads, shape.context, table, last);
    const hq = last ? selectTargets(tape, h, batch) : h;
    h = add(tape, hq, linear(tape, a, quant(p + "proj").tensor, null, 0.5, exact), exact);
    const yn = rmsnorm(tape, h, quant(p + "n2").tensor, exact);
    const w1 = quant(p + "fc1_w"), w2 = quant(p + "fc2_w");
    const b1 = quantBias(p + "fc1_b", w1), b2 = quantBias(p + "fc2_b", w2);
    const z = relu(tape, linear(tape, yn, w1.tensor, b1, 0.5, exact));
    h = add(tape, h, linear(tape, z, w2.tensor, b2, 0.5, exact), exact);
  }
  // h now holds the target rows only.
  const final = rmsnorm(tape, h, quant("norm").tensor, exact);
  const logits = linear(tape, final, quant("out").tensor, null, 1, exact);
  if (!opts.withLoss) return { shape, tape, batch, logits, loss: null, stats: null };
  const { loss, stats } = crossEntropy(
    tape,
    logits,
    batch,
    opts.smoothing,
    argmaxFirstId("end"),
    opts.margin,
  );
  return { shape, tape, batch, logits, loss, stats };
};

/** An inference graph for one context (no loss, gradients unused). */
export const inferenceGraph = (
  shape: Shape,
  params: Float64Array,
  exact: boolean,
  softmax: SoftmaxRule = TRAINED_SOFTMAX,
): Graph =>
  buildGraph(shape, params, new Float64Array(params.length), {
    maxRows: shape.context,
    exact,
    softmax,
    smoothing: 0,
    withLoss: false,
  });

/** The logits of the last position of a context (a view, valid until the next call). */
export const graphLogits = (g: Graph, ids: readonly number[]): Float64Array => {
  fillContext(g.batch, ids);
  g.tape.forward();
  return g.logits.data.subarray(0, g.shape.vocab);
};

/** The first maximum over ids `first..VS-1`, as the engines choose. */
export const argmaxFrom = (logits: ArrayLike<number>, first: number): number => {
  let best = first;
  for (let i = first + 1; i < logits.length; i++) if (logits[i] > logits[best]) best = i;
  return best;
};

/**
 * Greedy generation with the float model, following the engine's loop exactly (argmax rule
 * "end"; stop at PAD, SEP or END; stop when the context is full).
 */
export const graphGenerate = (
  g: Graph,
  context: readonly number[],
): { readonly ids: readonly number[]; readonly stop: "end" | "context" } => {
  const seq = [...context], ids: number[] = [];
  const first = argmaxFirstId("end");
  while (seq.length < g.shape.context) {
    const next = argmaxFrom(graphLogits(g, seq), first);
    if (next === PAD || next === SEP || next === END) return { ids, stop: "end" };
    ids.push(next);
    seq.push(next);
  }
  return { ids, stop: "context" };
};

/**
 * The softmax rule this project's souls are trained and exported with: the rounded EXP table,
 * the closer of the two to the float softmax (see SoftmaxRule).
 */
export const TRAINED_SOFTMAX: SoftmaxRule = "rounded";

/**
 * Quantize a parameter vector into a soul (argmax rule "end"), exactly as the fake
 * quantization of training saw it.
 */
export const exportSoul = (
  shape: Shape,
  params: Float64Array,
  name: string,
  softmax: SoftmaxRule = TRAINED_SOFTMAX,
): Result<Soul> => {
  const slots = paramSlots(shape);
  const mats = new Map<string, QMatrix>(), biases = new Map<string, QBias>();
  for (const s of slots) {
    if (s.kind === 1) continue;
    const r = quantizeMatrix(params.subarray(s.offset, s.offset + s.size), s.rows, s.cols, s.name);
    if (E.isLeft(r)) return r;
    mats.set(s.name, r.right);
  }
  for (const s of slots) {
    if (s.kind === 0) continue;
    const weight = mats.get(s.name.replace(/_b$/, "_w"))!;
    const r = quantizeBias(params.subarray(s.offset, s.offset + s.size), weight.shift, s.name);
    if (E.isLeft(r)) return r;
    biases.set(s.name, r.right);
  }
  const m = (n: string) => mats.get(n)!;
  const layers: Layer[] = [];
  for (let l = 0; l < shape.layers; l++) {
    const p = `layer${l}.`;
    layers.push({
      n1: m(p + "n1"),
      q: m(p + "q"),
      k: m(p + "k"),
      v: m(p + "v"),
      proj: m(p + "proj"),
      n2: m(p + "n2"),
      fc1: m(p + "fc1_w"),
      fc1Bias: biases.get(p + "fc1_b")!,
      fc2: m(p + "fc2_w"),
      fc2Bias: biases.get(p + "fc2_b")!,
    });
  }
  return E.right({
    shape,
    argmax: "end",
    softmax,
    name,
    te: m("te"),
    pe: m("pe"),
    layers,
    norm: m("norm"),
    out: m("out"),
  });
};
