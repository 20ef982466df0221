/**
 * Stage `quantize`: float tensors -> int8 with a power-of-two shift, biases pre-scaled to
 * their matmul's accumulator. The trainer's exporter and its fake-quantization use exactly
 * these rules, so what training sees is what the engines compute.
 *
 * Rules:
 * - shift: the largest s in [MIN_SHIFT, MAX_SHIFT] with round(maxAbs × 2^s) <= 127, where
 *   maxAbs is the tensor's largest magnitude (an all-zero tensor gets MAX_SHIFT);
 * - weight: q = clamp(round(w × 2^s), -127, 127);
 * - bias: round(b × 2^(8 + s_w)) saturated to int16, s_w being its matmul's weight shift;
 * - round = round half to even (as the original's NumPy/PyTorch did).
 *
 * @module
 */
import { E } from "../deps.ts";
import { soulError } from "../errors.ts";
import type { Result } from "../pipeline.ts";
import type { QBias, QMatrix } from "../soul/types.ts";

/** The smallest shift the quantizer chooses. */
export const MIN_SHIFT: number = -8;
/** The largest shift the quantizer chooses (also used for all-zero tensors). */
export const MAX_SHIFT: number = 15;

/** Round half to even. */
export const roundHalfEven = (x: number): number => {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
};

/** The largest shift s (within the limits) such that round(maxAbs × 2^s) <= 127. */
export const chooseShift = (maxAbs: number): number => {
  if (!(maxAbs > 0)) return MAX_SHIFT;
  let s = MAX_SHIFT;
  while (s > MIN_SHIFT && roundHalfEven(maxAbs * 2 ** s) > 127) s--;
  return s;
};

const maxAbsOf = (values: ArrayLike<number>): number => {
  let m = 0;
  for (let i = 0; i < values.length; i++) m = Math.max(m, Math.abs(values[i]));
  return m;
};

const firstNonFinite = (values: ArrayLike<number>): number => {
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) return i;
  return -1;
};

/** A weight's int8 value at a given shift. */
export const quantizeWeight = (w: number, shift: number): number =>
  Math.max(-127, Math.min(127, roundHalfEven(w * 2 ** shift)));

/** Quantize a rows×cols row-major float matrix. `name` is used in error messages. */
export const quantizeMatrix = (
  values: ArrayLike<number>,
  rows: number,
  cols: number,
  name: string,
): Result<QMatrix> => {
  if (values.length !== rows * cols) {
    return E.left(
      soulError("soul", `expected ${rows}×${cols} = ${rows * cols} values, got ${values.length}`, {
        field: `tensor ${name}`,
      }),
    );
  }
  const bad = firstNonFinite(values);
  if (bad >= 0) {
    return E.left(
      soulError("soul", `value ${values[bad]} at index ${bad} is not a finite number`, {
        field: `tensor ${name}`,
      }),
    );
  }
  const shift = chooseShift(maxAbsOf(values));
  const data = new Int8Array(values.length);
  for (let i = 0; i < values.length; i++) data[i] = quantizeWeight(values[i], shift);
  return E.right({ rows, cols, shift, data });
};

/** A bias value pre-scaled to the accumulator of a matmul whose weights have `weightShift`. */
export const quantizeBiasValue = (b: number, weightShift: number): number =>
  Math.max(-32768, Math.min(32767, roundHalfEven(b * 2 ** (8 + weightShift))));

/** Quantize a bias vector for a matmul with weight shift `weightShift`. */
export const quantizeBias = (
  values: ArrayLike<number>,
  weightShift: number,
  name: string,
): Result<QBias> => {
  const bad = firstNonFinite(values);
  if (bad >= 0) {
    return E.left(
      soulError("soul", `value ${values[bad]} at index ${bad} is not a finite number`, {
        field: `tensor ${name}`,
      }),
    );
  }
  const data = new Int16Array(values.length);
  for (let i = 0; i < values.length; i++) data[i] = quantizeBiasValue(values[i], weightShift);
  return E.right({ rows: values.length, shift: weightShift, data });
};

/**
 * The float values a tensor takes after quantization at `shift` (for fake-quantization in
 * training; the straight-through gradient is the trainer's business).
 */
export const fakeQuantize = (values: ArrayLike<number>, shift: number): Float64Array => {
  const out = new Float64Array(values.length);
  const scale = 2 ** shift;
  for (let i = 0; i < values.length; i++) out[i] = quantizeWeight(values[i], shift) / scale;
  return out;
};

/** The float value of a quantized matrix (q / 2^shift). */
export const dequantizeMatrix = (m: QMatrix): Float64Array => {
  const out = new Float64Array(m.data.length);
  for (let i = 0; i < m.data.length; i++) out[i] = m.data[i] / 2 ** m.shift;
  return out;
};
