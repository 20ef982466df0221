/**
 * Seeded random souls: real-looking int8 tensors (shifts and magnitudes like a trained soul's)
 * so that golden vectors exercise every path of the arithmetic, including saturation.
 *
 * @module
 */
import {
  type ArgmaxRule,
  END,
  type Layer,
  type QBias,
  type QMatrix,
  type Shape,
  type SoftmaxRule,
  type Soul,
} from "../soul/types.ts";
import { createRng, type Rng } from "./random.ts";

const matrix = (rng: Rng, rows: number, cols: number, shift: number, spread = 127): QMatrix => {
  const data = new Int8Array(rows * cols);
  // The sum of two uniforms: peaked at zero like trained weights, full range at the edges.
  for (let i = 0; i < data.length; i++) {
    data[i] = Math.max(-127, Math.min(127, Math.round((rng.next() + rng.next() - 1) * spread)));
  }
  return { rows, cols, shift, data };
};

const gain = (rng: Rng, n: number): QMatrix => {
  const data = new Int8Array(n);
  for (let i = 0; i < n; i++) data[i] = rng.int(48, 127);
  return { rows: n, cols: 1, shift: 6, data };
};

const bias = (rng: Rng, n: number, shift: number): QBias => {
  const data = new Int16Array(n);
  for (let i = 0; i < n; i++) data[i] = rng.int(-12000, 12000);
  return { rows: n, shift, data };
};

/** A random soul of a shape, from a seed. */
export const randomSoul = (
  shape: Shape,
  seed: number,
  argmax: ArgmaxRule,
  name: string,
  softmax: SoftmaxRule = "legacy",
): Soul => {
  const rng = createRng(seed);
  const { vocab, embed, ffn, context } = shape;
  const s = () => rng.int(5, 7);
  const layers: Layer[] = [];
  for (let l = 0; l < shape.layers; l++) {
    const s1 = s(), s2 = s();
    layers.push({
      n1: gain(rng, embed),
      q: matrix(rng, embed, embed, s()),
      k: matrix(rng, embed, embed, s()),
      v: matrix(rng, embed, embed, s()),
      proj: matrix(rng, embed, embed, s()),
      n2: gain(rng, embed),
      fc1: matrix(rng, ffn, embed, s1),
      fc1Bias: bias(rng, ffn, s1),
      fc2: matrix(rng, embed, ffn, s2),
      fc2Bias: bias(rng, embed, s2),
    });
  }
  const te = matrix(rng, vocab, embed, 5), pe = matrix(rng, context, embed, 5, 60);
  const norm = gain(rng, embed), out = matrix(rng, vocab, embed, 6);
  return { shape, argmax, softmax, name, te, pe, layers, norm, out };
};

/**
 * The same soul with END's output row pointed along the mean final (normalized) hidden state
 * of the given contexts, scaled by `strength` (0..1), so END competes and some replies end
 * early: golden vectors then exercise the "end" stop on random souls too.
 */
export const withEagerEnd = (
  soul: Soul,
  meanHidden: ArrayLike<number>,
  strength: number,
): Soul => {
  const ed = soul.shape.embed, data = soul.out.data.slice();
  let max = 0;
  for (let c = 0; c < ed; c++) max = Math.max(max, Math.abs(meanHidden[c]));
  for (let c = 0; c < ed; c++) {
    data[END * ed + c] = Math.round((127 * strength * meanHidden[c]) / (max || 1));
  }
  return { ...soul, out: { ...soul.out, data } };
};
