/**
 * The hot loops: dense matrix products over row-major float64 arrays.
 *
 * A linear layer computes `y = x · Wᵀ` for a batch of rows (x: rows × in, W: out × in, the
 * soul's row-major layout); its backward pass needs `dx += dy · W` and `dW += dyᵀ · x`. These
 * take most of a training step, so each has its own register-blocked kernel: a block of eight
 * running sums shares every load (four rows by two columns, or two by four), which measured
 * about 1.5× faster in V8 than the plain triple loops and needs no transposed copies.
 *
 * The sums are always taken in the same order (each output summed over its inner index from 0),
 * so results are deterministic, and gemm.ts's WebAssembly SIMD kernel, which keeps that order
 * in every lane, gives the same bits 1.7-1.9 times as fast (see gemm_bench.ts).
 *
 * @module
 */

/**
 * out[n, r] = Σ_c a[n, c] · b[r, c] for n < rows, r < cols (a: rows × inner, b: cols × inner);
 * with `accumulate`, the sums are added to out instead. (The forward product x · Wᵀ.)
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

/** dx[n, c] += Σ_r g[n, r] · w[r, c] for n < rows (g: rows × outDim, w: outDim × inDim). */
export const matmulAccInput = (
  g: Float64Array,
  rows: number,
  outDim: number,
  w: Float64Array,
  inDim: number,
  dx: Float64Array,
): void => {
  let n = 0;
  for (; n + 4 <= rows; n += 4) {
    const g0 = n * outDim, g1 = g0 + outDim, g2 = g1 + outDim, g3 = g2 + outDim;
    const x0 = n * inDim, x1 = x0 + inDim, x2 = x1 + inDim, x3 = x2 + inDim;
    let c = 0;
    for (; c + 2 <= inDim; c += 2) {
      let a0 = 0, a1 = 0, a2 = 0, a3 = 0, b0 = 0, b1 = 0, b2 = 0, b3 = 0;
      for (let r = 0, wo = c; r < outDim; r++, wo += inDim) {
        const u = w[wo], v = w[wo + 1];
        const p = g[g0 + r], q = g[g1 + r], s = g[g2 + r], t = g[g3 + r];
        a0 += p * u;
        a1 += q * u;
        a2 += s * u;
        a3 += t * u;
        b0 += p * v;
        b1 += q * v;
        b2 += s * v;
        b3 += t * v;
      }
      dx[x0 + c] += a0;
      dx[x1 + c] += a1;
      dx[x2 + c] += a2;
      dx[x3 + c] += a3;
      dx[x0 + c + 1] += b0;
      dx[x1 + c + 1] += b1;
      dx[x2 + c + 1] += b2;
      dx[x3 + c + 1] += b3;
    }
    for (; c < inDim; c++) { // an odd last column
      let a0 = 0, a1 = 0, a2 = 0, a3 = 0;
      for (let r = 0, wo = c; r < outDim; r++, wo += inDim) {
        const u = w[wo];
        a0 += g[g0 + r] * u;
        a1 += g[g1 + r] * u;
        a2 += g[g2 + r] * u;
        a3 += g[g3 + r] * u;
      }
      dx[x0 + c] += a0;
      dx[x1 + c] += a1;
      dx[x2 + c] += a2;
      dx[x3 + c] += a3;
    }
  }
  for (; n < rows; n++) { // the last rows < 4
    const g0 = n * outDim, x0 = n * inDim;
    for (let c = 0; c < inDim; c++) {
      let a = 0;
      for (let r = 0, wo = c; r < outDim; r++, wo += inDim) a += g[g0 + r] * w[wo];
      dx[x0 + c] += a;
    }
  }
};

/** dw[r, c] += Σ_n g[n, r] · x[n, c] over n < rows (g: rows × outDim, x: rows × inDim). */
export const matmulAccWeight = (
  g: Float64Array,
  rows: number,
  outDim: number,
  x: Float64Array,
  inDim: number,
  dw: Float64Array,
): void => {
  let r = 0;
  for (; r + 2 <= outDim; r += 2) {
    let c = 0;
    for (; c + 4 <= inDim; c += 4) {
      let a0 = 0, a1 = 0, a2 = 0, a3 = 0, b0 = 0, b1 = 0, b2 = 0, b3 = 0;
      for (let n = 0, go = r, xo = c; n < rows; n++, go += outDim, xo += inDim) {
        const u = g[go], v = g[go + 1];
        const p = x[xo], q = x[xo + 1], s = x[xo + 2], t = x[xo + 3];
        a0 += u * p;
        a1 += u * q;
        a2 += u * s;
        a3 += u * t;
        b0 += v * p;
        b1 += v * q;
        b2 += v * s;
        b3 += v * t;
      }
      const o = r * inDim + c, o2 = o + inDim;
      dw[o] += a0;
      dw[o + 1] += a1;
      dw[o + 2] += a2;
      dw[o + 3] += a3;
      dw[o2] += b0;
      dw[o2 + 1] += b1;
      dw[o2 + 2] += b2;
      dw[o2 + 3] += b3;
    }
    for (; c < inDim; c++) { // columns left over from the blocks of four
      let a = 0, b = 0;
      for (let n = 0, go = r, xo = c; n < rows; n++, go += outDim, xo += inDim) {
        a += g[go] * x[xo];
        b += g[go + 1] * x[xo];
      }
      dw[r * inDim + c] += a;
      dw[(r + 1) * inDim + c] += b;
    }
  }
  for (; r < outDim; r++) { // an odd last output
    for (let c = 0; c < inDim; c++) {
      let a = 0;
      for (let n = 0, go = r, xo = c; n < rows; n++, go += outDim, xo += inDim) a += g[go] * x[xo];
      dw[r * inDim + c] += a;
    }
  }
};

/** The three products of a linear layer (this module's, or gemm.ts's WebAssembly ones). */
export interface Kernels {
  /** out (+)= a · bᵀ: see matmulNT. */
  readonly matmulNT: (
    a: Float64Array,
    rows: number,
    inner: number,
    b: Float64Array,
    cols: number,
    out: Float64Array,
    accumulate: boolean,
  ) => void;
  /** dx += g · w: see matmulAccInput. */
  readonly matmulAccInput: (
    g: Float64Array,
    rows: number,
    outDim: number,
    w: Float64Array,
    inDim: number,
    dx: Float64Array,
  ) => void;
  /** dw += gᵀ · x: see matmulAccWeight. */
  readonly matmulAccWeight: (
    g: Float64Array,
    rows: number,
    outDim: number,
    x: Float64Array,
    inDim: number,
    dw: Float64Array,
  ) => void;
}

/** The JavaScript kernels. */
export const jsKernels: Kernels = { matmulNT, matmulAccInput, matmulAccWeight };
