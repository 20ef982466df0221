/**
 * Stage `forward`: the integer reference engine (the spec's arithmetic exactly), as a
 * whole-context pass and as incremental KV-cached steps, plus greedy chat.
 *
 * @module
 */
export {
  deshift,
  EXP_SIZE,
  EXP_TABLE,
  EXP_TABLE_ROUNDED,
  expTable,
  floorDiv,
  isqrt,
  sat16,
  shiftRight,
} from "./arith.ts";
export {
  argmax,
  attentionHead,
  embed,
  matvec,
  matvecBias,
  POST_HIDDEN,
  POST_LOGITS,
  relu,
  residual,
  rmsInverse,
  rmsnorm,
  softmaxWeights,
} from "./primitives.ts";
export { forward, hiddenStates, logitsOf } from "./forward.ts";
export { initialState, type KvState, step, stepAll } from "./step.ts";
export {
  chatTurn,
  checkPair,
  generate,
  isStopToken,
  promptContext,
  type StopReason,
  type Turn,
} from "./chat.ts";
