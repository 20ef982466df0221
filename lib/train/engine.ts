/**
 * Gradient engines: compute a minibatch's gradient, in this thread or data-parallel in Workers.
 *
 * A minibatch is cut into a fixed number of shards. Each shard's gradient is computed from
 * zero into its own slot, by whichever thread runs it, with the same code; the trainer then
 * adds the slots up in shard order. So the result does not depend on how many workers there
 * are or which finishes first: the same seed gives the same soul with 1 thread or 8.
 *
 * The engine reads a vector of fake-quantized weights (the trainer writes it once per step,
 * see quantizeParams), so the threads need not quantize; the gradient with respect to those
 * weights is the straight-through gradient of the float parameters. Workers share that vector
 * and the gradient slots through SharedArrayBuffers (no copies per step); a step costs one
 * message to each worker and one back.
 *
 * @module
 */
import type { Shape, SoftmaxRule } from "../soul/types.ts";
import { type Example, exampleRows, fillBatch, noisyExample, type PromptNoise } from "./batch.ts";
import { hashInts } from "./rng.ts";
import { buildGraph } from "./model.ts";
import type { DecisionMargin } from "./ops.ts";

/** The work of one shard: the indices of its examples. */
export interface ShardJob {
  /** Which shard (its gradient goes to slot `shard`). */
  readonly shard: number;
  /** The training step (seeds the prompt noise). */
  readonly step: number;
  /** Indices of the shard's examples. */
  readonly examples: readonly number[];
}

/** Loss figures of one shard (see LossStats). */
export interface ShardStats {
  readonly sum: number;
  readonly correct: number;
  readonly count: number;
}

/** What a shard runner needs to know. */
export interface RunnerOptions {
  readonly shape: Shape;
  readonly examples: readonly Example[];
  /** Largest number of examples in one shard. */
  readonly maxShardExamples: number;
  /**
   * Mirror the integer engine (see model.ts): always, never, or on even shards only (odd
   * shards then train the float model, so one set of weights serves both).
   */
  readonly exact: boolean | "alternate";
  /** The softmax rule exact attention computes with (the exported soul's). */
  readonly softmax: SoftmaxRule;
  /** Label smoothing ε. */
  readonly smoothing: number;
  /** The decision margin hinge (see ops.ts). */
  readonly margin: DecisionMargin;
  /** Prompt noise (see noisyExample). */
  readonly noise: PromptNoise;
}

/** Computes one shard's gradient into a slot. */
export type ShardRunner = (job: ShardJob, lossScale: number, slot: Float64Array) => ShardStats;

/**
 * A runner with its own graph and gradient buffer over a (possibly shared) vector of
 * fake-quantized weights (see quantizeParams): the gradient it computes with respect to them is
 * the straight-through gradient for the float parameters.
 */
export const createShardRunner = (o: RunnerOptions, weights: Float64Array): ShardRunner => {
  const longest = o.examples.reduce((m, e) => Math.max(m, exampleRows(e)), 1);
  const grads = new Float64Array(weights.length);
  const build = (exact: boolean) =>
    buildGraph(o.shape, weights, grads, {
      maxRows: o.maxShardExamples * longest,
      exact,
      softmax: o.softmax,
      smoothing: o.smoothing,
      margin: o.margin,
      withLoss: true,
      quantizeWeights: false,
    });
  const graphs = o.exact === "alternate" ? [build(true), build(false)] : [build(o.exact)];
  const noisy = o.noise.replace > 0 || o.noise.drop > 0;
  return (job, lossScale, slot) => {
    const graph = graphs[job.shard % graphs.length];
    if (noisy) {
      const batch = job.examples.map((i) =>
        noisyExample(o.examples[i], o.noise, hashInts(o.noise.seed, job.step, i), o.shape.vocab)
      );
      fillBatch(graph.batch, batch, lossScale);
    } else fillBatch(graph.batch, o.examples, lossScale, job.examples);
    grads.fill(0);
    graph.tape.forward();
    graph.tape.backward(graph.loss!);
    slot.set(grads);
    const stats = graph.stats!;
    return { sum: stats.sum, correct: stats.correct, count: stats.count };
  };
};

/** Computes minibatch gradients shard by shard into `slots` (shards × parameters). */
export interface GradientEngine {
  /** The fake-quantized weights the engine reads (write them before each run). */
  readonly weights: Float64Array;
  /** Per-shard gradients: slot s is `slots.subarray(s·P, (s+1)·P)`. */
  readonly slots: Float64Array;
  /** Run the jobs (one per shard); resolves with their stats in job order. */
  run(jobs: readonly ShardJob[], lossScale: number): Promise<readonly ShardStats[]>;
  /** Stop the workers, if any. */
  close(): void;
}

const slotOf = (slots: Float64Array, shard: number, n: number) =>
  slots.subarray(shard * n, (shard + 1) * n);

/** An engine that runs every shard in this thread. */
export const createLocalEngine = (
  o: RunnerOptions,
  paramCount: number,
  shards: number,
): GradientEngine => {
  const weights = new Float64Array(paramCount);
  const slots = new Float64Array(shards * paramCount);
  const runner = createShardRunner(o, weights);
  return {
    weights,
    slots,
    run: (jobs, lossScale) =>
      Promise.resolve(
        jobs.map((j) => runner(j, lossScale, slotOf(slots, j.shard, paramCount))),
      ),
    close: () => {},
  };
};

/** Messages to a gradient worker. */
export type WorkerRequest =
  | {
    readonly type: "init";
    /** The worker's number (its counter in `sync`). */
    readonly index: number;
    readonly options: RunnerOptions;
    /** The fake-quantized weights (float64). */
    readonly params: SharedArrayBuffer;
    /** The gradient slots, shards × parameters (float64). */
    readonly slots: SharedArrayBuffer;
    /** One int32 counter per worker, bumped atomically after each run. */
    readonly sync: SharedArrayBuffer;
  }
  | {
    readonly type: "run";
    readonly id: number;
    readonly jobs: readonly ShardJob[];
    readonly lossScale: number;
  };

/** Messages from a gradient worker. */
export type WorkerReply =
  | { readonly type: "ready" }
  | { readonly type: "done"; readonly id: number; readonly stats: readonly ShardStats[] }
  | { readonly type: "error"; readonly message: string };

/**
 * An engine with `workers` Workers (the standard global, so this also runs in browsers); shard
 * s goes to worker s mod workers. The weight vector is allocated here, in shared memory.
 */
export const createWorkerEngine = async (
  o: RunnerOptions,
  paramCount: number,
  shards: number,
  workers: number,
): Promise<GradientEngine> => {
  const paramBuf = new SharedArrayBuffer(paramCount * 8);
  const slotBuf = new SharedArrayBuffer(shards * paramCount * 8);
  const sync = new SharedArrayBuffer(4 * workers);
  const weights = new Float64Array(paramBuf), slots = new Float64Array(slotBuf);
  const done = new Int32Array(sync);
  const pool: Worker[] = [];
  const pending = new Map<number, (r: WorkerReply) => void>();
  const listen = (w: Worker, index: number) => {
    w.onmessage = (e: MessageEvent<WorkerReply>) => pending.get(index)?.(e.data);
    w.onerror = (e: ErrorEvent) => {
      e.preventDefault();
      pending.get(index)?.({ type: "error", message: e.message });
    };
  };
  const ask = (index: number, msg: WorkerRequest): Promise<WorkerReply> =>
    new Promise((resolve) => {
      pending.set(index, (r) => {
        pending.delete(index);
        resolve(r);
      });
      pool[index].postMessage(msg);
    });
  const close = () => pool.forEach((w) => w.terminate());
  for (let i = 0; i < workers; i++) {
    const w = new Worker(new URL("./grad_worker.ts", import.meta.url).href, { type: "module" });
    pool.push(w);
    listen(w, i);
  }
  const inits = await Promise.all(
    pool.map((_, i) =>
      ask(i, { type: "init", index: i, options: o, params: paramBuf, slots: slotBuf, sync })
    ),
  );
  const bad = inits.find((r) => r.type === "error");
  if (bad !== undefined) {
    close();
    throw new Error(`gradient worker failed to start: ${(bad as { message: string }).message}`);
  }
  let nextId = 0;
  return {
    weights,
    slots,
    async run(jobs, lossScale) {
      const id = nextId++;
      const perWorker = pool.map((_, i) => jobs.filter((j) => j.shard % workers === i));
      const replies = await Promise.all(
        perWorker.map((js, i) =>
          js.length === 0
            ? Promise.resolve<WorkerReply>({ type: "done", id, stats: [] })
            : ask(i, { type: "run", id, jobs: js, lossScale })
        ),
      );
      const stats = new Map<number, ShardStats>();
      replies.forEach((r, i) => {
        if (r.type === "error") throw new Error(`gradient worker ${i}: ${r.message}`);
        if (r.type !== "done" || r.id !== id) throw new Error(`gradient worker ${i}: out of step`);
        Atomics.load(done, i); // pairs with the worker's Atomics.add: its slot writes are visible
        perWorker[i].forEach((j, k) => stats.set(j.shard, r.stats[k]));
      });
      return jobs.map((j) => stats.get(j.shard)!);
    },
    close,
  };
};
