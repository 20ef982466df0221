import { assert, assertEquals } from "../std/assert.ts";
import {
  adamState,
  adamwStep,
  clipGradients,
  learningRate,
  type OptimizerConfig,
} from "./optim.ts";

const config: OptimizerConfig = {
  lr: 0.1,
  minLr: 0.001,
  warmup: 10,
  steps: 110,
  beta1: 0.9,
  beta2: 0.99,
  eps: 1e-8,
  weightDecay: 0.1,
  clip: 1,
};

Deno.test("learning rate: linear warm-up, then cosine down to minLr", () => {
  assert(Math.abs(learningRate(config, 0) - 0.01) < 1e-12);
  assert(Math.abs(learningRate(config, 9) - 0.1) < 1e-12);
  assert(Math.abs(learningRate(config, 10) - 0.1) < 1e-12);
  assert(Math.abs(learningRate(config, 109) - 0.001) < 1e-12);
  const mid = learningRate(config, 10 + 99 / 2);
  assert(Math.abs(mid - (0.1 + 0.001) / 2) < 1e-9, `${mid}`);
  for (let s = 11; s < 110; s++) assert(learningRate(config, s) <= learningRate(config, s - 1));
});

Deno.test("clipping scales the gradient to the maximum norm and reports the norm", () => {
  const g = new Float64Array([3, 4]);
  assertEquals(clipGradients(g, 1), 5);
  assert(Math.abs(g[0] - 0.6) < 1e-12 && Math.abs(g[1] - 0.8) < 1e-12);
  const small = new Float64Array([0.3, 0.4]);
  clipGradients(small, 1);
  assertEquals(Array.from(small), [0.3, 0.4]);
});

Deno.test("AdamW: the first step moves each parameter by lr against its gradient's sign", () => {
  const p = new Float64Array([1, -2, 0.5]), g = new Float64Array([0.2, -3, 0]);
  const s = adamState(3);
  const decay = new Uint8Array([0, 0, 0]), scale = new Float64Array([1, 1, 1]);
  adamwStep(p, g, s, decay, scale, config, 0);
  const lr = learningRate(config, 0);
  assert(Math.abs(p[0] - (1 - lr)) < 1e-6);
  assert(Math.abs(p[1] - (-2 + lr)) < 1e-6);
  assertEquals(p[2], 0.5);
});

Deno.test("AdamW: decoupled weight decay only where the mask says; lrScale multiplies", () => {
  const p = new Float64Array([1, 1, 1]), g = new Float64Array([0, 0, 1]);
  adamwStep(p, g, adamState(3), new Uint8Array([1, 0, 0]), new Float64Array([1, 1, 4]), config, 0);
  const lr = learningRate(config, 0);
  assert(Math.abs(p[0] - (1 - lr * config.weightDecay)) < 1e-12);
  assertEquals(p[1], 1);
  assert(Math.abs(p[2] - (1 - 4 * lr)) < 1e-6);
});

Deno.test("AdamW minimizes a quadratic", () => {
  const target = [3, -1, 0.5];
  const p = new Float64Array(3), g = new Float64Array(3), s = adamState(3);
  const c = { ...config, lr: 0.05, minLr: 0.05, weightDecay: 0, steps: 2000 };
  for (let step = 0; step < 2000; step++) {
    for (let i = 0; i < 3; i++) g[i] = 2 * (p[i] - target[i]);
    adamwStep(p, g, s, new Uint8Array(3), new Float64Array([1, 1, 1]), c, step);
  }
  for (let i = 0; i < 3; i++) assert(Math.abs(p[i] - target[i]) < 1e-2, `${p[i]} vs ${target[i]}`);
});
