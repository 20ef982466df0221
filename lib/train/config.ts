/**
 * Training configuration and its defaults: the recipe `tools/train.ts` uses when given no
 * options, and the one the shipped default soul was trained with.
 *
 * @module
 */
import { DEFAULT_SHAPE, type Shape } from "../soul/types.ts";

/** Everything that decides a training run's result (with the corpus). */
export interface TrainConfig {
  /** Seeds the initial weights and the data order. */
  readonly seed: number;
  /** Optimizer steps. */
  readonly steps: number;
  /** Exchanges per step (the minibatch). */
  readonly batchSize: number;
  /**
   * Shards a minibatch is cut into; each is one unit of parallel work, and their gradients are
   * added in shard order, so the result is the same for any number of workers.
   */
  readonly shards: number;
  /** Peak learning rate (after warm-up). */
  readonly lr: number;
  /** Final learning rate (the end of the cosine decay). */
  readonly minLr: number;
  /** Linear warm-up steps. */
  readonly warmup: number;
  /** AdamW's decoupled weight decay on the weight matrices. */
  readonly weightDecay: number;
  /** Adam's β1. */
  readonly beta1: number;
  /** Adam's β2. */
  readonly beta2: number;
  /** Adam's ε. */
  readonly eps: number;
  /** Global gradient-norm clipping threshold. */
  readonly clip: number;
  /**
   * Size of the residual stream relative to a unit-scale model (see initParams): the tensors
   * that write it start this much larger and train with this much larger a learning rate.
   */
  readonly streamScale: number;
  /** Initial value of the rmsnorm gains (the size of the normalized activations). */
  readonly gain: number;
  /** Probability that a training prompt token is replaced by a random token. */
  readonly promptNoise: number;
  /** Probability that a training prompt is dropped altogether. */
  readonly promptDrop: number;
  /** Label smoothing ε of the cross-entropy. */
  readonly smoothing: number;
  /** Train with activations computed exactly as the integer engine does (see model.ts). */
  readonly exact: boolean;
  /** Evaluate (int8, held out), checkpoint and keep the best every this many steps. */
  readonly evalEvery: number;
  /** Share of the corpus held out for evaluation. */
  readonly heldOut: number;
  /** The model's shape; `vocab` is the tokenizer's size (at most this value). */
  readonly shape: Shape;
  /** The soul's name (shown on the C64). */
  readonly name: string;
  /** Prompts answered by the float and int8 models at every evaluation. */
  readonly probes: readonly string[];
}

/**
 * The defaults. Chosen on the default corpus on a 2-core machine (see the README of
 * tools/train.ts's --help): minibatches of 64 exchanges in 4 shards, AdamW at 3e-3 with 100
 * warm-up steps and cosine decay to 1e-4, label smoothing 0.1, clipping at 1, and
 * quantization-aware training with the integer engine's exact activations.
 */
export const DEFAULT_CONFIG: TrainConfig = {
  seed: 1,
  steps: 4000,
  batchSize: 64,
  shards: 4,
  lr: 3e-3,
  minLr: 1e-4,
  warmup: 100,
  weightDecay: 0.01,
  beta1: 0.9,
  beta2: 0.99,
  eps: 1e-8,
  clip: 1,
  streamScale: 8,
  gain: 1,
  promptNoise: 0.1,
  promptDrop: 0.05,
  smoothing: 0.1,
  exact: true,
  evalEvery: 250,
  heldOut: 0.1,
  shape: DEFAULT_SHAPE,
  name: "soul64",
  probes: [
    "hello",
    "how are you?",
    "i feel sad",
    "tell me a joke",
    "what is your name?",
    "good night",
  ],
};
