/**
 * The hot loops: dense matrix products over row-major float64 arrays.
 *
 * A linear layer computes `y = x · Wᵀ` for a batch of rows (x: rows × in, W: out × in, the
 * soul's row-major layout); its backward pass needs `dx += dy · W` and `dW += dyᵀ · x`. These
 * take most of a training step. All three are written as one kernel, `matmulNT`
 * (`C = A · Bᵀ`: every output is a dot product of two contiguous rows), which is register-
 * blocked: four rows of A and two of B share every load, eight running sums. The backward
 * products become that shape by transposing W, dy and x first, which costs a few percent of the
 * product itself and makes every inner loop a unit-stride dot product (measured about 1.5×
 * faster than the direct axpy-style loops in V8).
 *
 * The sums are always taken in the same order, so results are deterministic.
 *
 * @module
 */

/**
 * out[n, r] = Σ_c a[n, c] · b[r, c] for n < rows, r < cols (a: rows × inner, b: cols × inner);
 * with `accumulate`, the sums are added to out instead.
 */
export const matmulNT = (
  a: Float64Array,
  rows: number,
  inner: number,
  b: Float64Array,
  cols: number,
  out: Float64Array,
  accumulate: boolean,
): void => {
  let n = 0;
  for (; n + 4 <= rows; n += 4) {
    const a0 = n * inner, a1 = a0 + inner, a2 = a1 + inner, a3 = a2 + inner;
    const o0 = n * cols, o1 = o0 + cols, o2 = o1 + cols, o3 = o2 + cols;
    let r = 0;
    for (; r + 2 <= cols; r += 2) {
      const ba = r * inner, bb = ba + inner;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0, t0 = 0, t1 = 0, t2 = 0, t3 = 0;
      for (let c = 0; c < inner; c++) {
        const u = b[ba + c], v = b[bb + c];
        const p = a[a0 + c], q = a[a1 + c], s = a[a2 + c], t = a[a3 + c];
        s0 += p * u;
        s1 += q * u;
        s2 += s * u;
        s3 += t * u;
        t0 += p * v;
        t1 += q * v;
        t2 += s * v;
        t3 += t * v;
      }
      if (accumulate) {
        out[o0 + r] += s0;
        out[o1 + r] += s1;
        out[o2 + r] += s2;
        out[o3 + r] += s3;
        out[o0 + r + 1] += t0;
        out[o1 + r + 1] += t1;
        out[o2 + r + 1] += t2;
        out[o3 + r + 1] += t3;
      } else {
        out[o0 + r] = s0;
        out[o1 + r] = s1;
        out[o2 + r] = s2;
        out[o3 + r] = s3;
        out[o0 + r + 1] = t0;
        out[o1 + r + 1] = t1;
        out[o2 + r + 1] = t2;
        out[o3 + r + 1] = t3;
      }
    }
    if (r < cols) { // an odd last column
      const ba = r * inner;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      for (let c = 0; c < inner; c++) {
        const u = b[ba + c];
        s0 += a[a0 + c] * u;
        s1 += a[a1 + c] * u;
        s2 += a[a2 + c] * u;
        s3 += a[a3 + c] * u;
      }
      if (accumulate) {
        out[o0 + r] += s0;
        out[o1 + r] += s1;
        out[o2 + r] += s2;
        out[o3 + r] += s3;
      } else {
        out[o0 + r] = s0;
        out[o1 + r] = s1;
        out[o2 + r] = s2;
        out[o3 + r] = s3;
      }
    }
  }
  for (; n < rows; n++) { // the last rows < 4
    const a0 = n * inner, o0 = n * cols;
    for (let r = 0; r < cols; r++) {
      const ba = r * inner;
      let s = 0;
      for (let c = 0; c < inner; c++) s += a[a0 + c] * b[ba + c];
      if (accumulate) out[o0 + r] += s;
      else out[o0 + r] = s;
    }
  }
};

/** dst (cols × rows) = transpose of src (rows × cols). */
export const transpose = (
  src: Float64Array,
  rows: number,
  cols: number,
  dst: Float64Array,
): void => {
  for (let i = 0; i < rows; i++) {
    const o = i * cols;
    for (let j = 0; j < cols; j++) dst[j * rows + i] = src[o + j];
  }
};
