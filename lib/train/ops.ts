/**
 * The ops the model is made of, each with its forward and backward pass.
 *
 * Every op takes tensors, creates its output on the tape, runs its forward pass and records
 * itself (see tape.ts). Backward passes add (`+=`) into their inputs' gradients, so a tensor
 * used twice gets the sum of both contributions.
 *
 * Several ops have an `exact` mode that mirrors the soul's integer arithmetic
 * (`../shared/spec/soul-v3.md`) on values that sit on the Q8.8 grid (multiples of 1/256):
 * matvec results are floored to the grid and saturated to int16's range, rmsnorm uses the
 * integer square root and reciprocal, attention uses the EXP table. In float64 all the sums
 * involved are exact, so an exact-mode forward pass computes the very numbers the integer
 * engine computes. Their backward passes are "straight-through": the flooring is treated as the
 * identity, saturation stops the gradient, and rmsnorm and softmax are differentiated as their
 * smooth versions (see each op).
 *
 * @module
 */
import { EXP_SIZE } from "../forward/arith.ts";
import { chooseShift, quantizeBiasValue, roundHalfEven } from "../quantize/quantize.ts";
import type { Batch } from "./batch.ts";
import { SEP } from "../soul/types.ts";
import { fastestKernels } from "./gemm.ts";
import type { Kernels } from "./kernels.ts";
import { capacity, type Tape, type Tensor } from "./tape.ts";

/** Smallest Q8.8 value (-32768 / 256). */
export const ACT_MIN: number = -128;
/** Largest Q8.8 value (32767 / 256). */
export const ACT_MAX = 32767 / 256;

/** Floor to the Q8.8 grid and saturate to int16's range (what `sat16(v >> n)` does). */
export const toGrid = (v: number): number => {
  const q = Math.floor(v * 256) / 256;
  return q < ACT_MIN ? ACT_MIN : q > ACT_MAX ? ACT_MAX : q;
};

/** Saturate to int16's range without flooring (for sums of values already on the grid). */
const saturate = (v: number): number => (v < ACT_MIN ? ACT_MIN : v > ACT_MAX ? ACT_MAX : v);

/** True when a value sits on a saturation bound (its gradient is stopped). */
const saturated = (v: number): boolean => v === ACT_MIN || v === ACT_MAX;

const sameShape = (op: string, a: Tensor, b: Tensor): void => {
  if (a.cols !== b.cols || capacity(a) !== capacity(b)) {
    throw new RangeError(`${op}: ${a.name} and ${b.name} differ in shape`);
  }
};

// ---------------------------------------------------------------------------------------------
// Elementwise

/** a + b, elementwise; with `saturate`, the sum is clamped to the Q8.8 range (residual adds). */
export const add = (tape: Tape, a: Tensor, b: Tensor, clamp = false): Tensor => {
  sameShape("add", a, b);
  const y = tape.tensor(`(${a.name} + ${b.name})`, capacity(a), a.cols);
  tape.record({
    name: "add",
    forward() {
      y.rows = a.rows;
      const n = a.rows * a.cols, ad = a.data, bd = b.data, yd = y.data;
      if (clamp) { for (let i = 0; i < n; i++) yd[i] = saturate(ad[i] + bd[i]); }
      else for (let i = 0; i < n; i++) yd[i] = ad[i] + bd[i];
    },
    backward() {
      const n = y.rows * y.cols, g = y.grad, yd = y.data, ga = a.grad, gb = b.grad;
      for (let i = 0; i < n; i++) {
        if (clamp && saturated(yd[i])) continue;
        ga[i] += g[i];
        gb[i] += g[i];
      }
    },
  });
  return y;
};

/** a ⊙ b, elementwise. */
export const mul = (tape: Tape, a: Tensor, b: Tensor): Tensor => {
  sameShape("mul", a, b);
  const y = tape.tensor(`(${a.name} * ${b.name})`, capacity(a), a.cols);
  tape.record({
    name: "mul",
    forward() {
      y.rows = a.rows;
      const n = a.rows * a.cols;
      for (let i = 0; i < n; i++) y.data[i] = a.data[i] * b.data[i];
    },
    backward() {
      const n = y.rows * y.cols;
      for (let i = 0; i < n; i++) {
        a.grad[i] += y.grad[i] * b.data[i];
        b.grad[i] += y.grad[i] * a.data[i];
      }
    },
  });
  return y;
};

/** k · a. */
export const scale = (tape: Tape, a: Tensor, k: number): Tensor => {
  const y = tape.tensor(`${k}·${a.name}`, capacity(a), a.cols);
  tape.record({
    name: "scale",
    forward() {
      y.rows = a.rows;
      const n = a.rows * a.cols;
      for (let i = 0; i < n; i++) y.data[i] = k * a.data[i];
    },
    backward() {
      const n = y.rows * y.cols;
      for (let i = 0; i < n; i++) a.grad[i] += k * y.grad[i];
    },
  });
  return y;
};

/** max(0, x). */
export const relu = (tape: Tape, x: Tensor): Tensor => {
  const y = tape.tensor(`relu(${x.name})`, capacity(x), x.cols);
  tape.record({
    name: "relu",
    forward() {
      y.rows = x.rows;
      const n = x.rows * x.cols, xd = x.data, yd = y.data;
      for (let i = 0; i < n; i++) yd[i] = xd[i] > 0 ? xd[i] : 0;
    },
    backward() {
      const n = y.rows * y.cols, xd = x.data, g = y.grad, gx = x.grad;
      for (let i = 0; i < n; i++) if (xd[i] > 0) gx[i] += g[i];
    },
  });
  return y;
};

// ---------------------------------------------------------------------------------------------
// Quantization (straight-through)

/** A fake-quantized weight tensor and the shift its forward pass chose. */
export interface Quantized {
  /** The weights as int8 sees them (the op's output). */
  readonly tensor: Tensor;
  /** The power-of-two shift of the latest forward pass (as quantizeMatrix chooses it). */
  shift: number;
}

/**
 * Write `values` as int8 sees them into `out`: shift = chooseShift(max |v|), each value
 * clamp(round(v·2^s), ±127) / 2^s, exactly as quantizeMatrix exports it. Returns the shift.
 */
export const quantizeInto = (values: Float64Array, n: number, out: Float64Array): number => {
  let maxAbs = 0;
  for (let i = 0; i < n; i++) {
    const a = Math.abs(values[i]);
    if (a > maxAbs) maxAbs = a;
  }
  const s = chooseShift(maxAbs), up = 2 ** s, down = 2 ** -s;
  for (let i = 0; i < n; i++) {
    const v = roundHalfEven(values[i] * up); // quantizeWeight, with the powers hoisted
    out[i] = (v > 127 ? 127 : v < -127 ? -127 : v) * down;
  }
  return s;
};

/**
 * Write biases as the soul stores them for a matmul whose weights have shift `s`:
 * round(b·2^(8+s)) saturated to int16, divided back.
 */
export const quantizeBiasInto = (
  values: Float64Array,
  n: number,
  s: number,
  out: Float64Array,
): void => {
  const down = 2 ** -(8 + s);
  for (let i = 0; i < n; i++) out[i] = quantizeBiasValue(values[i], s) * down;
};

/**
 * w as int8 sees it (see quantizeInto). Backward: the straight-through estimator (the
 * gradient passes unchanged to the float weights).
 */
export const fakeQuantize = (tape: Tape, w: Tensor): Quantized => {
  const y = tape.tensor(`q(${w.name})`, capacity(w), w.cols);
  const out: Quantized = { tensor: y, shift: 0 };
  tape.record({
    name: "fakeQuantize",
    forward() {
      y.rows = w.rows;
      out.shift = quantizeInto(w.data, w.rows * w.cols, y.data);
    },
    backward() {
      const n = y.rows * y.cols, g = y.grad, gw = w.grad;
      for (let i = 0; i < n; i++) gw[i] += g[i];
    },
  });
  return out;
};

/**
 * A bias as the soul stores it for a matmul whose weights are `weight`: round(b·2^(8+s_w))
 * saturated to int16, divided back. Backward: straight-through.
 */
export const fakeQuantizeBias = (tape: Tape, b: Tensor, weight: Quantized): Tensor => {
  const y = tape.tensor(`q(${b.name})`, capacity(b), b.cols);
  tape.record({
    name: "fakeQuantizeBias",
    forward() {
      y.rows = b.rows;
      quantizeBiasInto(b.data, b.rows * b.cols, weight.shift, y.data);
    },
    backward() {
      const n = y.rows * y.cols;
      for (let i = 0; i < n; i++) b.grad[i] += y.grad[i];
    },
  });
  return y;
};

// ---------------------------------------------------------------------------------------------
// Linear layers

/**
 * y = (x · Wᵀ + b) · k for every row (W is out × in, row-major: the soul's layout). With
 * `exact`, y is floored to the Q8.8 grid and saturated: with x on the grid, W = q/2^s,
 * b = bias/2^(8+s) and k = 2^-post, this is the spec's `sat16((Σ W·x + bias) >> (s + post))`.
 * The products run on `kernels` (by default the fastest this platform has; all give the same
 * bits).
 */
export const linear = (
  tape: Tape,
  x: Tensor,
  w: Tensor,
  b: Tensor | null,
  k: number,
  exact: boolean,
  kernels: Kernels = fastestKernels(),
): Tensor => {
  const { matmulNT, matmulAccInput, matmulAccWeight } = kernels;
  const inDim = w.cols, outDim = capacity(w), rowsMax = capacity(x);
  if (x.cols !== inDim) {
    throw new RangeError(`linear: ${x.name} has ${x.cols} columns, ${w.name} ${inDim}`);
  }
  if (b !== null && b.cols * capacity(b) !== outDim) {
    throw new RangeError(`linear: bias ${b.name} does not have ${outDim} values`);
  }
  const y = tape.tensor(`${w.name}·${x.name}`, rowsMax, outDim);
  tape.record({
    name: "linear",
    forward() {
      const rows = x.rows, yd = y.data;
      y.rows = rows;
      matmulNT(x.data, rows, inDim, w.data, outDim, yd, false);
      const bd = b === null ? null : b.data;
      for (let n = 0; n < rows; n++) {
        const o = n * outDim;
        for (let r = 0; r < outDim; r++) {
          const v = (yd[o + r] + (bd === null ? 0 : bd[r])) * k;
          yd[o + r] = exact ? toGrid(v) : v;
        }
      }
    },
    backward() {
      // Turn dL/dy into dL/d(x·Wᵀ + b) in place: y's gradient is not read again.
      const rows = y.rows, n = rows * outDim, g = y.grad, yd = y.data;
      for (let i = 0; i < n; i++) g[i] = exact && saturated(yd[i]) ? 0 : g[i] * k;
      matmulAccInput(g, rows, outDim, w.data, inDim, x.grad); // dx += g · W
      matmulAccWeight(g, rows, outDim, x.data, inDim, w.grad); // dW += gᵀ · x
      if (b !== null) {
        const gb = b.grad;
        for (let r = 0; r < outDim; r++) {
          let s = 0;
          for (let i = 0, o = r; i < rows; i++, o += outDim) s += g[o];
          gb[r] += s;
        }
      }
    },
  });
  return y;
};

// ---------------------------------------------------------------------------------------------
// Embedding

/**
 * h[row] = te[token] + pe[position] (a gather; backward scatter-adds into the tables). With
 * `exact`, each table value is first brought to Q8.8 as the spec's `deshift` does (flooring
 * when the table's shift exceeds 8) and the sum is saturated.
 */
export const embed = (
  tape: Tape,
  te: Tensor,
  pe: Tensor,
  batch: Batch,
  exact: boolean,
): Tensor => {
  const d = te.cols;
  if (pe.cols !== d) throw new RangeError("embed: te and pe differ in width");
  const h = tape.tensor("embed", batch.tokens.length, d);
  tape.record({
    name: "embed",
    forward() {
      h.rows = batch.rows;
      const hd = h.data, ted = te.data, ped = pe.data;
      for (let r = 0; r < batch.rows; r++) {
        const to = batch.tokens[r] * d, po = batch.positions[r] * d, ho = r * d;
        if (exact) {
          for (let i = 0; i < d; i++) {
            hd[ho + i] = saturate(
              Math.floor(ted[to + i] * 256) / 256 + Math.floor(ped[po + i] * 256) / 256,
            );
          }
        } else {
          for (let i = 0; i < d; i++) hd[ho + i] = ted[to + i] + ped[po + i];
        }
      }
    },
    backward() {
      const g = h.grad, hd = h.data, gt = te.grad, gp = pe.grad;
      for (let r = 0; r < h.rows; r++) {
        const to = batch.tokens[r] * d, po = batch.positions[r] * d, ho = r * d;
        for (let i = 0; i < d; i++) {
          if (exact && saturated(hd[ho + i])) continue;
          gt[to + i] += g[ho + i];
          gp[po + i] += g[ho + i];
        }
      }
    },
  });
  return h;
};

/** The rows of x listed as the batch's target rows (backward scatters back). */
export const selectTargets = (tape: Tape, x: Tensor, batch: Batch): Tensor => {
  const d = x.cols;
  const y = tape.tensor(`targets(${x.name})`, batch.targetRows.length, d);
  tape.record({
    name: "selectTargets",
    forward() {
      y.rows = batch.targetCount;
      for (let i = 0; i < batch.targetCount; i++) {
        const src = batch.targetRows[i] * d;
        y.data.set(x.data.subarray(src, src + d), i * d);
      }
    },
    backward() {
      for (let i = 0; i < y.rows; i++) {
        const src = batch.targetRows[i] * d, o = i * d;
        for (let c = 0; c < d; c++) x.grad[src + c] += y.grad[o + c];
      }
    },
  });
  return y;
};

// ---------------------------------------------------------------------------------------------
// RMS normalization

/**
 * y_i = x_i · c · g_i per row, c = 1 / rms(x) (no epsilon), capped at 32767/32768 as the
 * integer version's `inv = min(32767, 2^19 // r)` caps it (so a row whose rms is below 1 is not
 * scaled up, and an all-zero row gives zeros).
 *
 * With `exact`, c and y are computed as the spec's integer rmsnorm computes them (x on the Q8.8
 * grid, g = q/2^s). Backward, both modes: the derivative of x·c(x)·g with the smooth
 * c = (Σx²/n)^(-1/2) evaluated at the forward pass's c (zero where c was capped).
 */
export const rmsnorm = (tape: Tape, x: Tensor, g: Tensor, exact: boolean): Tensor => {
  const n = x.cols;
  if (g.cols * capacity(g) !== n) throw new RangeError(`rmsnorm: gain ${g.name} needs ${n} values`);
  const y = tape.tensor(`rmsnorm(${x.name})`, capacity(x), n);
  const factor = new Float64Array(capacity(x)); // c per row
  const capped = new Uint8Array(capacity(x));
  const cap = 32767 / 32768;
  tape.record({
    name: "rmsnorm",
    forward() {
      y.rows = x.rows;
      const xd = x.data, yd = y.data, gd = g.data;
      for (let r = 0; r < x.rows; r++) {
        const o = r * n;
        let c: number;
        if (exact) {
          let sum = 0;
          for (let i = 0; i < n; i++) {
            const xs = Math.floor(xd[o + i] * 16); // (x·256) >> 4
            sum += xs * xs;
          }
          const ms = Math.max(1, Math.floor(sum / n));
          // floor(sqrt) is exact here: ms < 2^31 and sqrt is correctly rounded.
          const root = Math.max(1, Math.floor(Math.sqrt(ms)));
          const inv = Math.min(32767, Math.floor(524288 / root));
          c = inv / 32768;
          capped[r] = inv === 32767 ? 1 : 0;
          for (let i = 0; i < n; i++) {
            const t = Math.floor(xd[o + i] * 256 * inv / 32768); // ((x·inv) >> 15), in Q8.8 units
            yd[o + i] = saturate(Math.floor(t * gd[i]) / 256);
          }
        } else {
          let sum = 0;
          for (let i = 0; i < n; i++) sum += xd[o + i] * xd[o + i];
          const inv = sum > 0 ? 1 / Math.sqrt(sum / n) : Infinity;
          c = inv < cap ? inv : cap;
          capped[r] = inv < cap ? 0 : 1;
          for (let i = 0; i < n; i++) yd[o + i] = xd[o + i] * c * gd[i];
        }
        factor[r] = c;
      }
    },
    backward() {
      const xd = x.data, yd = y.data, gd = g.data, gy = y.grad, gx = x.grad, gg = g.grad;
      for (let r = 0; r < y.rows; r++) {
        const o = r * n, c = factor[r];
        let dot = 0; // Σ_j dy_j g_j x_j
        for (let i = 0; i < n; i++) {
          let d = gy[o + i];
          if (exact && saturated(yd[o + i])) d = 0;
          gg[i] += d * xd[o + i] * c;
          dot += d * gd[i] * xd[o + i];
          gx[o + i] += d * gd[i] * c;
        }
        if (capped[r] === 0) {
          const k = (c * c * c * dot) / n;
          for (let i = 0; i < n; i++) gx[o + i] -= k * xd[o + i];
        }
      }
    },
  });
  return y;
};

// ---------------------------------------------------------------------------------------------
// Attention

/**
 * Causal multi-head attention. For each row t and head h (columns h·hd..h·hd+hd-1), over the
 * keys of rows seqStart[t]..t of the same sequence: out = Σ_j p_j v_j with
 * p = softmax(q·k_j / 4). The 1/4 is what the integer engine's softmax computes: scores are
 * Q16.16 (2^16 q·k), `sf = score >> 14` is 4·q·k, and EXP[i] = 255·e^(-i/16) weighs a score
 * i steps below the best, so w_j ∝ e^(sf_j/16) = e^(q·k_j/4).
 *
 * With an `exact` EXP table (that of the soul's softmax rule), the weights are the table's
 * integers and the output is `(Σ_j w_j·v_j) // Σ_j w_j` on the Q8.8 grid, as the spec says;
 * with null, the softmax is float. Backward (both modes): the softmax derivative with the
 * forward pass's normalized weights.
 *
 * With `targetsOnly`, q holds only the batch's target rows (query i is row targetRows[i]),
 * and so does the output; k and v still hold every row. The last layer needs no more.
 */
export const attention = (
  tape: Tape,
  q: Tensor,
  k: Tensor,
  v: Tensor,
  batch: Batch,
  heads: number,
  maxLen: number,
  exact: readonly number[] | null,
  targetsOnly = false,
): Tensor => {
  const d = q.cols, hd = d / heads;
  if (!Number.isInteger(hd) || k.cols !== d || v.cols !== d) {
    throw new RangeError("attention: q, k, v widths must be equal and divisible by heads");
  }
  const out = tape.tensor("attention", capacity(q), d);
  // Normalized weights p, per row and head, for up to maxLen keys.
  const probs = new Float64Array(capacity(q) * heads * maxLen);
  const w = new Float64Array(maxLen), sf = new Float64Array(maxLen);
  tape.record({
    name: "attention",
    forward() {
      out.rows = q.rows;
      const qd = q.data, kd = k.data, vd = v.data, od = out.data;
      for (let r = 0; r < q.rows; r++) {
        const t = targetsOnly ? batch.targetRows[r] : r; // the query's row in k and v
        const start = batch.seqStart[t], len = t - start + 1;
        if (len > maxLen) throw new RangeError(`attention: a sequence is longer than ${maxLen}`);
        for (let h = 0; h < heads; h++) {
          const qo = r * d + h * hd, po = (r * heads + h) * maxLen;
          let m = -Infinity;
          for (let j = 0; j < len; j++) {
            const ko = (start + j) * d + h * hd;
            let s = 0;
            for (let i = 0; i < hd; i++) s += qd[qo + i] * kd[ko + i];
            sf[j] = exact !== null ? Math.floor(4 * s) : s / 4;
            if (sf[j] > m) m = sf[j];
          }
          let total = 0;
          for (let j = 0; j < len; j++) {
            if (exact !== null) {
              const i = m - sf[j];
              w[j] = exact[i < EXP_SIZE - 1 ? i : EXP_SIZE - 1];
            } else {
              w[j] = Math.exp(sf[j] - m);
            }
            total += w[j];
          }
          if (total === 0) total = 1;
          for (let j = 0; j < len; j++) probs[po + j] = w[j] / total;
          for (let i = 0; i < hd; i++) {
            let acc = 0;
            for (let j = 0; j < len; j++) acc += w[j] * vd[(start + j) * d + h * hd + i];
            // exact: v·256 is an integer, so this is the spec's floor division.
            od[qo + i] = exact !== null ? Math.floor((acc * 256) / total) / 256 : acc / total;
          }
        }
      }
    },
    backward() {
      const qd = q.data, kd = k.data, vd = v.data, go = out.grad;
      const gq = q.grad, gk = k.grad, gv = v.grad;
      for (let r = 0; r < out.rows; r++) {
        const t = targetsOnly ? batch.targetRows[r] : r;
        const start = batch.seqStart[t], len = t - start + 1;
        for (let h = 0; h < heads; h++) {
          const qo = r * d + h * hd, po = (r * heads + h) * maxLen;
          // dp_j = dout · v_j; dv_j += p_j dout
          let sbar = 0;
          for (let j = 0; j < len; j++) {
            const vo = (start + j) * d + h * hd, p = probs[po + j];
            let dp = 0;
            for (let i = 0; i < hd; i++) {
              dp += go[qo + i] * vd[vo + i];
              gv[vo + i] += p * go[qo + i];
            }
            w[j] = dp;
            sbar += p * dp;
          }
          // d score_j = p_j (dp_j - Σ p dp) / 4
          for (let j = 0; j < len; j++) {
            const ds = (probs[po + j] * (w[j] - sbar)) / 4;
            if (ds === 0) continue;
            const ko = (start + j) * d + h * hd;
            for (let i = 0; i < hd; i++) {
              gq[qo + i] += ds * kd[ko + i];
              gk[ko + i] += ds * qd[qo + i];
            }
          }
        }
      }
    },
  });
  return out;
};

// ---------------------------------------------------------------------------------------------
// Loss

/** Running figures of the latest cross-entropy forward pass. */
export interface LossStats {
  /** Σ of per-target losses (unscaled). */
  sum: number;
  /** Targets whose argmax (first maximum over the candidate ids) was right. */
  correct: number;
  /** Targets scored. */
  count: number;
}

/**
 * A hinge on the gap between a row's two best candidate logits, whatever the target:
 * `weight × max(0, gap - (best - second))`. Greedy decoding takes the best, and where the two
 * are nearly tied the int8 engine's rounding can pick the other one; the hinge moves the leader
 * `gap` ahead, so the choice survives that rounding.
 */
export interface DecisionMargin {
  /** The hinge's slope (0: off). */
  readonly weight: number;
  /** The gap (in logits, i.e. nats) below which the hinge pushes. */
  readonly gap: number;
  /**
   * Only at the first reply token (the row whose input is the SEP after the prompt), where
   * the model chooses which reply to give, rather than at every reply token.
   */
  readonly firstTokenOnly: boolean;
}

/** No decision margin. */
export const NO_MARGIN: DecisionMargin = { weight: 0, gap: 0, firstTokenOnly: false };

/**
 * Cross-entropy with label smoothing over the candidate ids `firstClass..VS-1` (the ids the
 * argmax rule can choose; the others get no probability and no gradient), for the batch's
 * target rows: loss = lossScale × Σ_t [-(1-ε) log p(target) - (ε/K) Σ_k log p(k) + margin_t],
 * K the number of candidates, margin_t the DecisionMargin hinge. Returns a 1×1 loss tensor.
 */
export const crossEntropy = (
  tape: Tape,
  logits: Tensor,
  batch: Batch,
  smoothing: number,
  firstClass: number,
  margin: DecisionMargin = NO_MARGIN,
): { readonly loss: Tensor; readonly stats: LossStats } => {
  const vs = logits.cols, kk = vs - firstClass;
  const loss = tape.tensor("loss", 1, 1);
  const probs = new Float64Array(logits.data.length);
  // Per row, the best and second-best candidates when the margin hinge is active, else -1.
  const leader = new Int32Array(capacity(logits)), runnerUp = new Int32Array(capacity(logits));
  const stats: LossStats = { sum: 0, correct: 0, count: 0 };
  tape.record({
    name: "crossEntropy",
    forward() {
      const ld = logits.data;
      let sum = 0, correct = 0;
      for (let r = 0; r < logits.rows; r++) {
        const o = r * vs, target = batch.targets[r];
        let m = -Infinity, best = firstClass;
        for (let c = firstClass; c < vs; c++) {
          if (ld[o + c] > m) {
            m = ld[o + c];
            best = c;
          }
        }
        let z = 0;
        for (let c = firstClass; c < vs; c++) {
          const e = Math.exp(ld[o + c] - m);
          probs[o + c] = e;
          z += e;
        }
        const logZ = Math.log(z);
        let meanLogP = 0;
        for (let c = firstClass; c < vs; c++) {
          probs[o + c] /= z;
          meanLogP += ld[o + c] - m - logZ;
        }
        meanLogP /= kk;
        const logPt = ld[o + target] - m - logZ;
        sum += -(1 - smoothing) * logPt - smoothing * meanLogP;
        if (best === target) correct++;
        leader[r] = -1;
        const chooses = !margin.firstTokenOnly || batch.tokens[batch.targetRows[r]] === SEP;
        if (margin.weight > 0 && chooses) {
          let second = -1;
          for (let c = firstClass; c < vs; c++) {
            if (c !== best && (second < 0 || ld[o + c] > ld[o + second])) second = c;
          }
          const short = margin.gap - (m - ld[o + second]);
          if (short > 0) {
            sum += margin.weight * short;
            leader[r] = best;
            runnerUp[r] = second;
          }
        }
      }
      stats.sum = sum;
      stats.correct = correct;
      stats.count = logits.rows;
      loss.rows = 1;
      loss.data[0] = batch.lossScale * sum;
    },
    backward() {
      const k = loss.grad[0] * batch.lossScale, gl = logits.grad, off = smoothing / kk;
      for (let r = 0; r < logits.rows; r++) {
        const o = r * vs, target = batch.targets[r];
        for (let c = firstClass; c < vs; c++) {
          gl[o + c] += k * (probs[o + c] - off - (c === target ? 1 - smoothing : 0));
        }
        if (leader[r] >= 0) {
          gl[o + leader[r]] -= k * margin.weight;
          gl[o + runnerUp[r]] += k * margin.weight;
        }
      }
    },
  });
  return { loss, stats };
};
