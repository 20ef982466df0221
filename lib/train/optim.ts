/**
 * The optimizer: AdamW with global-norm gradient clipping, linear warm-up and cosine decay.
 *
 * @module
 */

/** Optimizer settings. */
export interface OptimizerConfig {
  /** Peak learning rate, reached at the end of warm-up. */
  readonly lr: number;
  /** Learning rate at the last step (the cosine's floor). */
  readonly minLr: number;
  /** Warm-up steps (linear from lr/warmup to lr). */
  readonly warmup: number;
  /** Total steps (the cosine reaches minLr at the last one). */
  readonly steps: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly eps: number;
  /** Decoupled weight decay (applied only where the decay mask is set). */
  readonly weightDecay: number;
  /** Largest global gradient norm; larger gradients are scaled down to it (0: no clipping). */
  readonly clip: number;
}

/** Adam's moment estimates. */
export interface AdamState {
  readonly m: Float64Array;
  readonly v: Float64Array;
}

/** Fresh (zero) moments for n parameters. */
export const adamState = (n: number): AdamState => ({
  m: new Float64Array(n),
  v: new Float64Array(n),
});

/** The learning rate of a (0-based) step. */
export const learningRate = (c: OptimizerConfig, step: number): number => {
  if (step < c.warmup) return (c.lr * (step + 1)) / c.warmup;
  const span = Math.max(1, c.steps - 1 - c.warmup);
  const progress = Math.min(1, (step - c.warmup) / span);
  return c.minLr + 0.5 * (c.lr - c.minLr) * (1 + Math.cos(Math.PI * progress));
};

/** Scale gradients down to a global norm of at most `maxNorm`; returns the norm before. */
export const clipGradients = (grads: Float64Array, maxNorm: number): number => {
  let sq = 0;
  for (let i = 0; i < grads.length; i++) sq += grads[i] * grads[i];
  const norm = Math.sqrt(sq);
  if (maxNorm > 0 && norm > maxNorm) {
    const k = maxNorm / norm;
    for (let i = 0; i < grads.length; i++) grads[i] *= k;
  }
  return norm;
};

/**
 * One AdamW update in place. `step` is 0-based (bias correction uses step + 1); `decay[i]` says
 * whether parameter i gets weight decay, `lrScale[i]` multiplies its learning rate (and
 * divides its decay rate, so that a tensor kept k times larger decays at the same speed).
 */
export const adamwStep = (
  params: Float64Array,
  grads: Float64Array,
  state: AdamState,
  decay: Uint8Array,
  lrScale: Float64Array,
  c: OptimizerConfig,
  step: number,
): void => {
  const base = learningRate(c, step);
  const b1 = c.beta1, b2 = c.beta2;
  const c1 = 1 - b1 ** (step + 1), c2 = 1 - b2 ** (step + 1);
  const { m, v } = state;
  for (let i = 0; i < params.length; i++) {
    const g = grads[i], lr = base * lrScale[i];
    m[i] = b1 * m[i] + (1 - b1) * g;
    v[i] = b2 * v[i] + (1 - b2) * g * g;
    let p = params[i];
    if (decay[i] !== 0) p -= base * c.weightDecay * p;
    params[i] = p - (lr * (m[i] / c1)) / (Math.sqrt(v[i] / c2) + c.eps);
  }
};
