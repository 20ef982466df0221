/**
 * The training loop: corpus -> tokenizer -> examples -> QAT steps -> the best int8 soul.
 *
 * `prepare` is pure: it parses and splits the corpus, trains the tokenizer on the training
 * split and tokenizes both splits. `train` runs the steps on a gradient engine (this thread or
 * Workers), evaluates the exported int8 soul on the held-out split every `evalEvery` steps,
 * keeps the best by int8 teacher-forced accuracy, and hands a checkpoint to the caller after
 * every evaluation (the caller writes it; see checkpoint.ts). Given a checkpoint it resumes
 * exactly.
 *
 * @module
 */
import { E } from "../deps.ts";
import { soulError } from "../errors.ts";
import { chatTurn } from "../forward/mod.ts";
import type { Result } from "../pipeline.ts";
import type { Shape, Soul } from "../soul/types.ts";
import { trainBpe } from "../tokenize/bpe.ts";
import { decode, encode } from "../tokenize/encode.ts";
import type { Tokenizer } from "../tokenize/tokenizer.ts";
import { type Example, exampleRows, exampleTargets } from "./batch.ts";
import type { Checkpoint, EvalRecord } from "./checkpoint.ts";
import type { TrainConfig } from "./config.ts";
import { type Exchange, type Notice, parseCorpus, splitExchanges, toExamples } from "./corpus.ts";
import {
  createLocalEngine,
  createWorkerEngine,
  type GradientEngine,
  type RunnerOptions,
  type ShardJob,
} from "./engine.ts";
import { graphTeacherForced, int8TeacherForced, rate, scoringGraph } from "./evaluate.ts";
import {
  exportSoul,
  graphGenerate,
  initParams,
  paramCount,
  type ParamScales,
  paramSlots,
  quantizeParams,
  slotScale,
} from "./model.ts";
import {
  type AdamState,
  adamState,
  adamwStep,
  clipGradients,
  type OptimizerConfig,
} from "./optim.ts";
import { hashInts, hashString, permutation } from "./rng.ts";

/** The held-out split does not depend on the training seed, so runs can be compared. */
export const SPLIT_SEED = 0;

/** A corpus made ready for training. */
export interface Prepared {
  /** The configuration (with the shape's vocabulary set to the tokenizer's size). */
  readonly config: TrainConfig;
  /** The model's shape. */
  readonly shape: Shape;
  /** The tokenizer, trained on the training split. */
  readonly tokenizer: Tokenizer;
  /** Training exchanges that fit the context, and their sequences. */
  readonly train: readonly Exchange[];
  /** The training sequences. */
  readonly trainExamples: readonly Example[];
  /** Held-out exchanges that fit the context (empty for a tiny corpus). */
  readonly heldOut: readonly Exchange[];
  /** The held-out sequences. */
  readonly heldOutExamples: readonly Example[];
  /** Every notice about the corpus, in line order. */
  readonly notices: readonly Notice[];
  /** Identifies corpus + configuration (checkpoints from another run are refused). */
  readonly fingerprint: string;
}

/** Parse, split, tokenize. Fails if the corpus has no usable exchange. */
export const prepare = (text: string, config: TrainConfig, file?: string): Result<Prepared> => {
  const parsed = parseCorpus(text, file);
  if (E.isLeft(parsed)) return parsed;
  const split = splitExchanges(parsed.right.exchanges, config.heldOut, SPLIT_SEED);
  const texts = split.train.flatMap((e) => [e.input, e.reply]);
  const tok = trainBpe(texts, config.shape.vocab);
  if (E.isLeft(tok)) return tok;
  const shape: Shape = { ...config.shape, vocab: tok.right.vocab.length };
  const train = toExamples(tok.right, shape, split.train);
  const held = toExamples(tok.right, shape, split.heldOut);
  const notices = [...parsed.right.notices, ...train.notices, ...held.notices]
    .sort((a, b) => a.line - b.line);
  if (train.examples.length === 0) {
    return E.left(
      soulError("corpus", "no exchange fits the context: nothing to train on", { file }),
    );
  }
  const key = JSON.stringify({ config, shape, data: train.kept, held: held.kept });
  const fingerprint = [hashString(key), hashInts(hashString(key), key.length)]
    .map((h) => h.toString(16).padStart(8, "0")).join("");
  return E.right({
    config: { ...config, shape },
    shape,
    tokenizer: tok.right,
    train: train.kept,
    trainExamples: train.examples,
    heldOut: held.kept,
    heldOutExamples: held.examples,
    notices,
    fingerprint,
  });
};

/**
 * The example indices of a step's minibatch: the training set is visited in a fresh seeded
 * permutation each epoch, and minibatches run on across epoch boundaries. A pure function of
 * (seed, step), so a resumed run sees the same data.
 */
export const minibatchOrder = (
  n: number,
  batchSize: number,
  seed: number,
): (step: number) => number[] => {
  let epoch = -1, perm: Int32Array = new Int32Array(0);
  return (step: number): number[] => {
    const out: number[] = [];
    for (let k = step * batchSize; k < (step + 1) * batchSize; k++) {
      const e = Math.floor(k / n);
      if (e !== epoch) {
        epoch = e;
        perm = permutation(n, hashInts(seed, e, 0x5eed));
      }
      out.push(perm[k - e * n]);
    }
    return out;
  };
};

/** Cut a step's minibatch into `shards` contiguous jobs (some may be empty). */
export const shardJobs = (
  indices: readonly number[],
  shards: number,
  step: number,
): ShardJob[] => {
  const per = Math.ceil(indices.length / shards);
  return Array.from({ length: shards }, (_, s) => ({
    shard: s,
    step,
    examples: indices.slice(s * per, (s + 1) * per),
  }));
};

/** The gradient engine for a prepared corpus: Workers when `workers` > 0, else this thread. */
export const createEngine = (p: Prepared, workers: number): Promise<GradientEngine> => {
  const o: RunnerOptions = {
    shape: p.shape,
    examples: p.trainExamples,
    maxShardExamples: Math.ceil(p.config.batchSize / p.config.shards),
    exact: p.config.exact,
    softmax: p.config.softmax,
    smoothing: p.config.smoothing,
    margin: p.config.margin,
    noise: {
      seed: hashInts(p.config.seed, 0x401e),
      replace: p.config.promptNoise,
      drop: p.config.promptDrop,
    },
  };
  const n = paramCount(p.shape);
  return workers > 0
    ? createWorkerEngine(o, n, p.config.shards, Math.min(workers, p.config.shards))
    : Promise.resolve(createLocalEngine(o, n, p.config.shards));
};

/** Where a step is, for progress displays. */
export interface StepInfo {
  /** Steps done. */
  readonly step: number;
  /** Steps in the run. */
  readonly steps: number;
  /** This step's training loss. */
  readonly loss: number;
  /** Input tokens processed so far (this run and the runs it resumed). */
  readonly tokens: number;
  /** Training time so far in ms (evaluations excluded). */
  readonly elapsedMs: number;
}

/** What the caller hears during training. */
export interface TrainHooks {
  /** After every step. */
  readonly onStep?: (info: StepInfo) => void;
  /** After every evaluation. */
  readonly onEval?: (record: EvalRecord, best: boolean) => void;
  /** After every evaluation: store the checkpoint (a failure stops training). */
  readonly onCheckpoint?: (c: Checkpoint) => Promise<Result<void>>;
  /** A clock in ms (default performance.now). */
  readonly now?: () => number;
}

/** The result of a run. */
export interface TrainOutcome {
  /** The best int8 soul by held-out teacher-forced accuracy. */
  readonly soul: Soul;
  /** The final state (its `best` holds the best parameters). */
  readonly checkpoint: Checkpoint;
}

const optimizerOf = (c: TrainConfig): OptimizerConfig => ({
  lr: c.lr,
  minLr: c.minLr,
  warmup: c.warmup,
  steps: c.steps,
  beta1: c.beta1,
  beta2: c.beta2,
  eps: c.eps,
  weightDecay: c.weightDecay,
  clip: c.clip,
});

/** The weight-decay mask of a shape's parameter vector. */
const decayMask = (shape: Shape): Uint8Array => {
  const mask = new Uint8Array(paramCount(shape));
  for (const s of paramSlots(shape)) if (s.decay) mask.fill(1, s.offset, s.offset + s.size);
  return mask;
};

/** The parameter scales a configuration asks for. */
export const scalesOf = (c: TrainConfig): ParamScales => ({
  stream: c.streamScale,
  qk: c.qkScale,
  gain: c.gain,
});

/** Per-parameter learning-rate factors: each slot's slotScale. */
const lrScales = (shape: Shape, scales: ParamScales): Float64Array => {
  const f = new Float64Array(paramCount(shape));
  for (const s of paramSlots(shape)) f.fill(slotScale(s, scales), s.offset, s.offset + s.size);
  return f;
};

/**
 * Evaluate parameters: export the int8 soul, score it on the held-out examples with the
 * integer engine (falling back to the training examples when nothing is held out), and answer
 * the probe prompts with both models.
 */
const evaluateParams = (
  p: Prepared,
  params: Float64Array,
  graphs: ReturnType<typeof evalGraphs>,
  step: number,
  trainLoss: number,
): Result<{ record: EvalRecord; soul: Soul }> => {
  const soul = exportSoul(p.shape, params, p.config.name, p.config.softmax);
  if (E.isLeft(soul)) return soul;
  const examples = p.heldOutExamples.length > 0 ? p.heldOutExamples : p.trainExamples;
  const int8 = int8TeacherForced(soul.right, examples);
  if (E.isLeft(int8)) return int8;
  const float = graphTeacherForced(graphs.batch, examples);
  const probes: { prompt: string; float: string; int8: string }[] = [];
  const heldOut = [...new Set(p.heldOut.map((e) => e.input))].filter((x) =>
    !p.config.probes.includes(x)
  );
  const prompts = [...p.config.probes, ...heldOut.slice(0, 4)];
  for (const prompt of prompts) {
    if (encode(p.tokenizer, prompt).length + 3 > p.shape.context) continue;
    const turn = chatTurn(soul.right, p.tokenizer, prompt);
    if (E.isLeft(turn)) return turn;
    const f = graphGenerate(graphs.single, turn.right.promptIds);
    const text = decode(p.tokenizer, f.ids);
    if (E.isLeft(text)) return text;
    probes.push({ prompt, float: text.right.trim(), int8: turn.right.reply });
  }
  return E.right({
    record: { step, trainLoss, int8Accuracy: rate(int8.right), floatAccuracy: rate(float), probes },
    soul: soul.right,
  });
};

const evalGraphs = (p: Prepared, params: Float64Array) => ({
  batch: scoringGraph(p.shape, params, false, true, 64 * p.shape.context),
  single: scoringGraph(p.shape, params, false, true, p.shape.context),
});

/** A fresh run's state. */
export const initialCheckpoint = (p: Prepared): Checkpoint => {
  const n = paramCount(p.shape);
  return {
    fingerprint: p.fingerprint,
    step: 0,
    tokens: 0,
    elapsedMs: 0,
    params: initParams(p.shape, p.config.seed, scalesOf(p.config)),
    m: new Float64Array(n),
    v: new Float64Array(n),
    losses: [],
    evals: [],
    best: null,
  };
};

/** One optimizer step on a minibatch; returns its loss and the input tokens it processed. */
type Stepper = (step: number) => Promise<{ readonly loss: number; readonly tokens: number }>;

/**
 * The training step: gradients of a minibatch by the engine, the shards' gradients added in
 * shard order (deterministic whatever ran them), clipping, AdamW.
 */
const createStepper = (
  p: Prepared,
  engine: GradientEngine,
  params: Float64Array,
  adam: AdamState,
): Stepper => {
  const c = p.config, n = paramCount(p.shape);
  const grads = new Float64Array(n);
  const decay = decayMask(p.shape), scales = lrScales(p.shape, scalesOf(c));
  const opt = optimizerOf(c);
  const order = minibatchOrder(p.trainExamples.length, c.batchSize, c.seed);
  return async (step) => {
    const indices = order(step);
    let targets = 0, tokens = 0;
    for (const i of indices) {
      targets += exampleTargets(p.trainExamples[i]);
      tokens += exampleRows(p.trainExamples[i]);
    }
    quantizeParams(p.shape, params, engine.weights);
    const stats = await engine.run(shardJobs(indices, c.shards, step), 1 / targets);
    const slots = engine.slots;
    grads.set(slots.subarray(0, n));
    for (let s = 1; s < c.shards; s++) {
      const o = s * n;
      for (let i = 0; i < n; i++) grads[i] += slots[o + i];
    }
    clipGradients(grads, c.clip);
    adamwStep(params, grads, adam, decay, scales, opt, step);
    let sum = 0, count = 0;
    for (const st of stats) {
      sum += st.sum;
      count += st.count;
    }
    return { loss: sum / Math.max(1, count), tokens };
  };
};

/**
 * Train from a checkpoint (initialCheckpoint for a fresh run) to `config.steps`. The engine
 * must have been made for the same prepared corpus (createEngine).
 */
export const train = async (
  p: Prepared,
  engine: GradientEngine,
  from: Checkpoint,
  hooks: TrainHooks = {},
): Promise<Result<TrainOutcome>> => {
  const c = p.config, n = paramCount(p.shape);
  if (from.fingerprint !== p.fingerprint) {
    return E.left(
      soulError(
        "train",
        "the checkpoint belongs to another corpus or configuration (start afresh or use another output directory)",
        { field: "fingerprint" },
      ),
    );
  }
  if (from.step > c.steps || from.params.length !== n) {
    return E.left(
      soulError("train", `the checkpoint (step ${from.step}) does not fit this run`, {
        field: "step",
      }),
    );
  }
  const now = hooks.now ?? (() => performance.now());
  const params = from.params.slice();
  const adam: AdamState = { m: from.m.slice(), v: from.v.slice() };
  const stepper = createStepper(p, engine, params, adam);
  const graphs = evalGraphs(p, params);
  const losses = [...from.losses], evals = [...from.evals];
  let best = from.best, tokens = from.tokens, elapsed = from.elapsedMs, lastEval = from.step;

  const snapshot = (step: number): Checkpoint => ({
    fingerprint: p.fingerprint,
    step,
    tokens,
    elapsedMs: elapsed,
    params: params.slice(),
    m: adam.m.slice(),
    v: adam.v.slice(),
    losses: [...losses],
    evals: [...evals],
    best,
  });

  for (let step = from.step; step < c.steps; step++) {
    const t0 = now();
    const r = await stepper(step);
    tokens += r.tokens;
    losses.push(r.loss);
    elapsed += now() - t0;
    hooks.onStep?.({ step: step + 1, steps: c.steps, loss: r.loss, tokens, elapsedMs: elapsed });
    if (!Number.isFinite(r.loss)) {
      return E.left(soulError("train", `the loss diverged at step ${step + 1} (${r.loss})`));
    }
    const done = step + 1;
    if (done % c.evalEvery === 0 || done === c.steps) {
      const recent = losses.slice(lastEval);
      const trainLoss = recent.reduce((a, b) => a + b, 0) / Math.max(1, recent.length);
      const ev = evaluateParams(p, params, graphs, done, trainLoss);
      if (E.isLeft(ev)) return ev;
      evals.push(ev.right.record);
      const score = ev.right.record.int8Accuracy;
      const isBest = best === null || score > best.score;
      if (isBest) best = { step: done, score, params: params.slice() };
      lastEval = done;
      hooks.onEval?.(ev.right.record, isBest);
      if (hooks.onCheckpoint !== undefined) {
        const saved = await hooks.onCheckpoint(snapshot(done));
        if (E.isLeft(saved)) return saved;
      }
    }
  }
  const final = snapshot(c.steps);
  const soul = exportSoul(p.shape, final.best?.params ?? final.params, c.name, c.softmax);
  if (E.isLeft(soul)) return soul;
  return E.right({ soul: soul.right, checkpoint: final });
};

/** Training throughput. */
export interface Throughput {
  /** Steps measured (after the warm-up). */
  readonly steps: number;
  /** Input tokens processed in them. */
  readonly tokens: number;
  /** Wall time of the measured steps, ms. */
  readonly ms: number;
  /** tokens / second. */
  readonly tokensPerSecond: number;
}

/**
 * Measure training speed: run `warmup` steps (letting the JIT settle), then `steps` timed
 * steps of the real training step (gradients, reduction, AdamW) from fresh parameters.
 */
export const measureThroughput = async (
  p: Prepared,
  engine: GradientEngine,
  steps: number,
  warmup = 20,
  now: () => number = () => performance.now(),
): Promise<Throughput> => {
  const params = initParams(p.shape, p.config.seed, scalesOf(p.config));
  const stepper = createStepper(p, engine, params, adamState(paramCount(p.shape)));
  for (let s = 0; s < warmup; s++) await stepper(s);
  let tokens = 0;
  const t0 = now();
  for (let s = warmup; s < warmup + steps; s++) tokens += (await stepper(s)).tokens;
  const ms = now() - t0;
  return { steps, tokens, ms, tokensPerSecond: (tokens / ms) * 1000 };
};
