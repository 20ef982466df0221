import { assert, assertEquals } from "../std/assert.ts";
import { EXP_TABLE, EXP_TABLE_ROUNDED } from "../forward/arith.ts";
import { fakeQuantize as referenceFakeQuantize, quantizeBias } from "../quantize/quantize.ts";
import { E } from "../deps.ts";
import { type Batch, createBatch, fillBatch } from "./batch.ts";
import {
  add,
  attention,
  crossEntropy,
  embed,
  fakeQuantize,
  fakeQuantizeBias,
  linear,
  mul,
  relu,
  rmsnorm,
  scale,
  selectTargets,
  toGrid,
} from "./ops.ts";
import { createRng } from "./rng.ts";
import { createTape, newTensor, type Tape, type Tensor } from "./tape.ts";

/** loss = Σ x ⊙ weights (a test-only op that turns any tensor into a scalar). */
const weightedSum = (tape: Tape, x: Tensor, weights: Float64Array): Tensor => {
  const y = tape.tensor("sum", 1, 1);
  tape.record({
    name: "weightedSum",
    forward() {
      let s = 0;
      for (let i = 0; i < x.rows * x.cols; i++) s += x.data[i] * weights[i];
      y.data[0] = s;
    },
    backward() {
      for (let i = 0; i < x.rows * x.cols; i++) x.grad[i] += y.grad[0] * weights[i];
    },
  });
  return y;
};

const random = (name: string, rows: number, cols: number, seed: number, std = 1): Tensor => {
  const t = newTensor(name, rows, cols);
  const rng = createRng(seed);
  for (let i = 0; i < t.data.length; i++) t.data[i] = std * rng.normal();
  return t;
};

/**
 * Compare every input's analytic gradient with central finite differences (float64). `build`
 * records ops on the tape and returns a scalar loss tensor.
 */
const checkGradients = (
  inputs: readonly Tensor[],
  build: (tape: Tape) => Tensor,
  tolerance = 1e-6,
): void => {
  const tape = createTape();
  const loss = build(tape);
  for (const x of inputs) x.grad.fill(0);
  tape.backward(loss);
  const h = 1e-5;
  for (const x of inputs) {
    for (let i = 0; i < x.data.length; i++) {
      const saved = x.data[i];
      x.data[i] = saved + h;
      tape.forward();
      const up = loss.data[0];
      x.data[i] = saved - h;
      tape.forward();
      const down = loss.data[0];
      x.data[i] = saved;
      const numeric = (up - down) / (2 * h);
      const analytic = x.grad[i];
      const err = Math.abs(numeric - analytic) / Math.max(1, Math.abs(numeric), Math.abs(analytic));
      assert(
        err < tolerance,
        `${x.name}[${i}]: analytic ${analytic}, numeric ${numeric} (error ${err})`,
      );
    }
  }
};

const sumWeights = (n: number, seed: number): Float64Array => {
  const r = createRng(seed), w = new Float64Array(n);
  for (let i = 0; i < n; i++) w[i] = r.normal();
  return w;
};

/** A batch of two sequences (5 and 4 input rows) with 2 targets each. */
const sampleBatch = (): Batch => {
  const b = createBatch(16);
  fillBatch(b, [
    { ids: [1, 7, 9, 1, 12, 3], replyStart: 4 },
    { ids: [1, 5, 1, 8, 3], replyStart: 3 },
  ], 1 / 4);
  return b;
};

Deno.test("add, mul, scale, relu: gradients match finite differences", () => {
  const a = random("a", 3, 4, 1), b = random("b", 3, 4, 2);
  const w = sumWeights(12, 3);
  checkGradients([a, b], (t) => weightedSum(t, add(t, a, b), w));
  checkGradients([a, b], (t) => weightedSum(t, mul(t, a, b), w));
  checkGradients([a], (t) => weightedSum(t, scale(t, a, -0.75), w));
  checkGradients([a, b], (t) => weightedSum(t, relu(t, mul(t, a, b)), w));
});

Deno.test("linear (with and without bias): gradients match finite differences", () => {
  for (const rows of [1, 3, 6]) { // exercises the 4-row blocks and the remainder
    const x = random("x", rows, 5, 10), w = random("w", 7, 5, 11), b = random("b", 7, 1, 12);
    const sw = sumWeights(rows * 7, 13);
    checkGradients([x, w, b], (t) => weightedSum(t, linear(t, x, w, b, 0.5, false), sw));
    checkGradients([x, w], (t) => weightedSum(t, linear(t, x, w, null, 1, false), sw));
  }
});

Deno.test("rmsnorm: gradients match finite differences", () => {
  const x = random("x", 4, 6, 20, 3), g = random("g", 6, 1, 21);
  checkGradients([x, g], (t) => weightedSum(t, rmsnorm(t, x, g, false), sumWeights(24, 22)));
});

Deno.test("rmsnorm: rows with rms below 1 are not scaled up (the integer cap)", () => {
  const x = newTensor("x", 1, 4), g = newTensor("g", 4, 1);
  x.data.set([0.1, -0.2, 0.05, 0]);
  g.data.fill(1);
  const y = rmsnorm(createTape(), x, g, false);
  for (let i = 0; i < 4; i++) assert(Math.abs(y.data[i] - x.data[i]) < 1e-4);
  checkGradients([x, g], (t) => weightedSum(t, rmsnorm(t, x, g, false), sumWeights(4, 23)));
});

Deno.test("attention: gradients match finite differences, and the mask is causal", () => {
  const batch = sampleBatch(); // 9 rows: a sequence of 5, then one of 4
  const q = random("q", 9, 8, 30), k = random("k", 9, 8, 31), v = random("v", 9, 8, 32);
  const w = sumWeights(72, 33);
  checkGradients([q, k, v], (t) => weightedSum(t, attention(t, q, k, v, batch, 2, 20, null), w));

  // Queries for the target rows only: the same outputs as those rows of the full attention.
  const qt = newTensor("qt", batch.targetCount, 8);
  for (let i = 0; i < batch.targetCount; i++) {
    qt.data.set(q.data.subarray(batch.targetRows[i] * 8, batch.targetRows[i] * 8 + 8), i * 8);
  }
  const full = attention(createTape(), q, k, v, batch, 2, 20, null);
  const some = attention(createTape(), qt, k, v, batch, 2, 20, null, true);
  for (let i = 0; i < batch.targetCount; i++) {
    const r = batch.targetRows[i];
    assertEquals(some.data.slice(i * 8, i * 8 + 8), full.data.slice(r * 8, r * 8 + 8));
  }
  const w4 = sumWeights(batch.targetCount * 8, 34);
  checkGradients(
    [qt, k, v],
    (t) => weightedSum(t, attention(t, qt, k, v, batch, 2, 20, null, true), w4),
  );

  // Row 5 starts the second sequence: it attends only to itself, so its output is its value.
  const out = attention(createTape(), q, k, v, batch, 2, 20, null);
  for (let i = 0; i < 8; i++) assert(Math.abs(out.data[5 * 8 + i] - v.data[5 * 8 + i]) < 1e-12);
  // Changing a later row does not change an earlier one.
  const before = out.data.slice(0, 3 * 8);
  const tape = createTape();
  k.data[4 * 8] += 5;
  v.data[4 * 8] += 5;
  const after = attention(tape, q, k, v, batch, 2, 20, null);
  assertEquals(after.data.slice(0, 3 * 8), before);
});

Deno.test("embed and selectTargets: scatter-add gradients match finite differences", () => {
  const batch = sampleBatch();
  const te = random("te", 16, 3, 40), pe = random("pe", 20, 3, 41);
  const w = sumWeights(9 * 3, 42);
  checkGradients([te, pe], (t) => weightedSum(t, embed(t, te, pe, batch, false), w));
  const x = random("x", 9, 3, 43);
  checkGradients(
    [x],
    (t) => weightedSum(t, selectTargets(t, x, batch), sumWeights(batch.targetCount * 3, 44)),
  );
});

Deno.test("decision margin: the hinge on the two best logits, and its gradients", () => {
  const batch = sampleBatch(); // 4 targets
  const logits = random("logits", batch.targetCount, 16, 51, 0.5);
  // Row 0: ids 7 and 9 lead, 0.1 apart (the hinge pushes); row 1: id 5 leads by 3 (it does not).
  logits.data[0 * 16 + 7] = 4.1;
  logits.data[0 * 16 + 9] = 4.0;
  logits.data[1 * 16 + 5] = 6;
  const margin = { weight: 0.3, gap: 0.5, firstTokenOnly: false };
  const first = { ...margin, firstTokenOnly: true };
  checkGradients([logits], (t) => crossEntropy(t, logits, batch, 0.1, 3, margin).loss);
  checkGradients([logits], (t) => crossEntropy(t, logits, batch, 0.1, 3, first).loss);
  // The loss grows by weight × (how far each row's two best candidates are short of the gap).
  const short = (r: number) => {
    const row = Array.from(logits.data.subarray(r * 16 + 3, r * 16 + 16)).sort((x, y) => y - x);
    return Math.max(0, margin.gap - (row[0] - row[1]));
  };
  assert(Math.abs(short(0) - 0.4) < 1e-12);
  assertEquals(short(1), 0);
  const plain = crossEntropy(createTape(), logits, batch, 0.1, 3).stats;
  const extra = (m: typeof margin) =>
    crossEntropy(createTape(), logits, batch, 0.1, 3, m).stats.sum - plain.sum;
  const expected = (rows: number[]) => margin.weight * rows.reduce((sum, r) => sum + short(r), 0);
  assert(Math.abs(extra(margin) - expected([0, 1, 2, 3])) < 1e-9);
  // The batch's first reply tokens are target rows 0 and 2 (their inputs are the second SEP).
  assert(Math.abs(extra(first) - expected([0, 2])) < 1e-9);
  assert(extra(first) < extra(margin) || short(1) + short(3) === 0);
});

Deno.test("cross-entropy with label smoothing: gradients match finite differences", () => {
  const batch = sampleBatch(); // 4 targets
  const logits = random("logits", batch.targetCount, 16, 50, 2);
  for (const eps of [0, 0.1]) {
    checkGradients([logits], (t) => crossEntropy(t, logits, batch, eps, 3).loss);
  }
  // Ids below firstClass get no gradient; the loss is the mean over targets.
  const tape = createTape();
  const { loss, stats } = crossEntropy(tape, logits, batch, 0, 3);
  logits.grad.fill(0);
  tape.backward(loss);
  for (let r = 0; r < 4; r++) for (let c = 0; c < 3; c++) assertEquals(logits.grad[r * 16 + c], 0);
  assertEquals(stats.count, 4);
  assert(Math.abs(loss.data[0] - stats.sum / 4) < 1e-12);
});

Deno.test("a whole small graph: gradients match finite differences", () => {
  const batch = sampleBatch();
  const te = random("te", 16, 8, 60), pe = random("pe", 20, 8, 61, 0.5);
  const g = random("g", 8, 1, 62), wq = random("wq", 8, 8, 63, 0.4);
  const wk = random("wk", 8, 8, 64, 0.4), wv = random("wv", 8, 8, 65, 0.4);
  const wo = random("wo", 16, 8, 66, 0.4), b = random("b", 16, 1, 67, 0.1);
  checkGradients([te, pe, g, wq, wk, wv, wo, b], (t) => {
    const h = embed(t, te, pe, batch, false);
    const xn = rmsnorm(t, h, g, false);
    const a = attention(
      t,
      linear(t, xn, wq, null, 0.5, false),
      linear(t, xn, wk, null, 0.5, false),
      linear(t, xn, wv, null, 0.5, false),
      batch,
      2,
      20,
      null,
    );
    const h2 = add(t, h, relu(t, a));
    const logits = linear(t, selectTargets(t, h2, batch), wo, b, 1, false);
    return crossEntropy(t, logits, batch, 0.1, 3).loss;
  });
});

Deno.test("fakeQuantize matches lib/quantize and passes gradients straight through", () => {
  const w = random("w", 6, 5, 70, 0.3);
  w.data[7] = 0.5 / 128 * 3; // a value that lands on a rounding tie at some shift
  const tape = createTape();
  const qw = fakeQuantize(tape, w);
  const ref = referenceFakeQuantize(w.data, qw.shift);
  assertEquals(Array.from(qw.tensor.data), Array.from(ref));
  const b = random("b", 6, 1, 71, 2);
  const qb = fakeQuantizeBias(tape, b, qw);
  const refB = E.getOrElseW(() => null)(quantizeBias(b.data, qw.shift, "b"))!;
  assertEquals(Array.from(qb.data, (v) => v * 2 ** (8 + qw.shift)), Array.from(refB.data));
  const loss = weightedSum(tape, qw.tensor, sumWeights(30, 72));
  w.grad.fill(0);
  tape.backward(loss);
  assertEquals(Array.from(w.grad), Array.from(sumWeights(30, 72)));
});

Deno.test("exact mode: linear floors to the Q8.8 grid and saturates, like sat16(acc >> n)", () => {
  assertEquals(toGrid(1.0 / 512), 0);
  assertEquals(toGrid(-1.0 / 512), -1 / 256);
  assertEquals(toGrid(1000), 32767 / 256);
  assertEquals(toGrid(-1000), -128);
  const x = newTensor("x", 1, 2), w = newTensor("w", 2, 2);
  x.data.set([1.5, -0.25]);
  w.data.set([0.75, 0.5, 1000, 0]);
  const y = linear(createTape(), x, w, null, 0.5, true);
  assertEquals(Array.from(y.data), [Math.floor((1.125 - 0.125) / 2 * 256) / 256, 32767 / 256]);
});

Deno.test("exact mode: attention weights are the EXP table's", () => {
  const batch = createBatch(4);
  fillBatch(batch, [{ ids: [1, 2, 3], replyStart: 2 }], 1);
  const q = newTensor("q", 2, 1), k = newTensor("k", 2, 1), v = newTensor("v", 2, 1);
  q.data.set([0, 2]); // row 1's scores: 2·0 = 0 and 2·1 = 2 -> sf 0 and 8
  k.data.set([0, 1]);
  v.data.set([1, -1]);
  const out = attention(createTape(), q, k, v, batch, 1, 4, EXP_TABLE);
  const w0 = EXP_TABLE[8], w1 = EXP_TABLE[0];
  assertEquals(out.data[1], Math.floor((w0 * 256 - w1 * 256) / (w0 + w1)) / 256);
  assertEquals(out.data[0], 1);
});

Deno.test("exact mode: a far key weighs 1/255 with the legacy table, 0 with the rounded one", () => {
  const batch = createBatch(4);
  fillBatch(batch, [{ ids: [1, 2, 3], replyStart: 2 }], 1);
  const q = newTensor("q", 2, 1), k = newTensor("k", 2, 1), v = newTensor("v", 2, 1);
  q.data.set([0, 26]); // row 1's scores: 26·0 = 0 and 26·1 = 26 -> sf 0 and 104 (6.5 nats)
  k.data.set([0, 1]);
  v.data.set([1, -1]);
  const legacy = attention(createTape(), q, k, v, batch, 1, 4, EXP_TABLE);
  assertEquals(EXP_TABLE[104], 1);
  assertEquals(legacy.data[1], Math.floor((1 * 256 - 255 * 256) / 256) / 256);
  const rounded = attention(createTape(), q, k, v, batch, 1, 4, EXP_TABLE_ROUNDED);
  assertEquals(EXP_TABLE_ROUNDED[104], 0);
  assertEquals(rounded.data[1], -1); // the far key (value 1) gets no weight at all
});
