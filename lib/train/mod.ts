/**
 * Stage `train`: from a chat corpus to an int8 soul, by quantization-aware training.
 *
 * - corpus parsing and checking (`parseCorpus`, `toExamples`, `splitExchanges`);
 * - a small reverse-mode autodiff over float64 tensors (`createTape` and the ops in
 *   `trainOps`);
 * - the model, which mirrors the integer engine (`buildGraph`, `exportSoul`);
 * - the trainer (`prepare`, `createEngine`, `train`), with data-parallel Workers,
 *   checkpoints (`encodeCheckpoint`), evaluation (`evaluateSoul`) and a plot (`trainingPlot`).
 *
 * ```ts
 * const p = prepare(corpusText, DEFAULT_CONFIG);       // Result<Prepared>
 * const engine = await createEngine(p.right, 2);        // two Workers
 * const out = await train(p.right, engine, initialCheckpoint(p.right));
 * engine.close();
 * ```
 *
 * @module
 */
export {
  type Corpus,
  describeNotice,
  type Exchange,
  exchangeExample,
  type Notice,
  parseCorpus,
  splitExchanges,
  toExamples,
} from "./corpus.ts";
export { DEFAULT_CONFIG, type TrainConfig } from "./config.ts";
export {
  createEngine,
  initialCheckpoint,
  measureThroughput,
  minibatchOrder,
  prepare,
  type Prepared,
  scalesOf,
  SPLIT_SEED,
  type StepInfo,
  type Throughput,
  train,
  type TrainHooks,
  type TrainOutcome,
} from "./trainer.ts";
export {
  type Checkpoint,
  decodeCheckpoint,
  encodeCheckpoint,
  type EvalRecord,
} from "./checkpoint.ts";
export {
  type Accuracy,
  checkTargets,
  describeEvaluation,
  dictionaryFrom,
  evaluateSoul,
  isRealWord,
  paramsFromSoul,
  type ReplyPair,
  type SoulEvaluation,
  type TargetCheck,
} from "./evaluate.ts";
export {
  buildGraph,
  exportSoul,
  type Graph,
  graphGenerate,
  graphLogits,
  type GraphOptions,
  inferenceGraph,
  initParams,
  type ParamSlot,
  paramSlots,
  TRAINED_SOFTMAX,
} from "./model.ts";
export {
  type Batch,
  createBatch,
  type Example,
  fillBatch,
  noisyExample,
  type PromptNoise,
} from "./batch.ts";
export { createTape, newTensor, type Op, type Tape, type Tensor, tensorOver } from "./tape.ts";
export { type DecisionMargin, type LossStats, NO_MARGIN } from "./ops.ts";
export * as trainOps from "./ops.ts";
export { trainingPlot } from "./plot.ts";
export { jsKernels, type Kernels } from "./kernels.ts";
export { createWasmKernels, fastestKernels } from "./gemm.ts";
