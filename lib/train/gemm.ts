/**
 * The matrix products of training as a WebAssembly SIMD kernel, bit-identical to the
 * JavaScript kernels (kernels.ts).
 *
 * All three products a linear layer needs are one operation, `C (+)= A · B`, where A may be
 * read with any strides (so it can be a transposed view) and B is row-major:
 * - forward `y = x · Wᵀ`: A = x, B = Wᵀ (W transposed into the kernel's memory);
 * - `dx += g · W`: A = g, B = W;
 * - `dW += gᵀ · x`: A = g read transposed, B = x.
 *
 * The kernel computes 4 × 4 blocks of C: four rows of A times four columns of B, eight f64x2
 * running sums. Each lane of a sum is one output element, summed over k in order from 0 with a
 * multiply then an add, exactly as the scalar loops do; so the result is the same to the last
 * bit, and a soul trained with or without WebAssembly is the same file. Rows and columns left
 * over from the blocks are done by the scalar loop here.
 *
 * The operands are copied into the kernel's own memory for each product (a few percent of its
 * time) so the tape's tensors stay ordinary Float64Arrays.
 *
 * @module
 */
import { jsKernels, type Kernels } from "./kernels.ts";
import { type Code, I32, op, V128, wasmModule } from "./wasm.ts";

// Parameters of `gemm` (byte addresses, element counts), then its locals.
const C = 0, A = 1, SAI = 2, SAK = 3, B = 4, M = 5, K = 6, N = 7, LD = 8, ACC = 9;
const I = 10, J = 11, KK = 12, PA = 13, PB = 14, PC = 15, LDB = 16, SAI8 = 17, SAK8 = 18;
const SAI16 = 19, SAI24 = 20, ADDR = 21;
const SUM = 22; // eight v128 sums: SUM + 2·row + half
const BV0 = 30, BV1 = 31, SV = 32;

const get = op.localGet, set = op.localSet;
const sum = (row: number, half: number) => SUM + 2 * row + half;
/** local = local + step (i32). */
const bump = (local: number, step: Code): Code => [get(local), step, op.i32Add, set(local)];

/** Load A(i + row, k): the address is PA plus row · sai · 8. */
const loadA = (row: number): Code => [
  get(PA),
  row === 0 ? [] : [get([0, SAI8, SAI16, SAI24][row]), op.i32Add],
  op.f64Load(),
];

/** ADDR = PC + row · ld · 8 (row 0..3 of the block in C). */
const rowAddress = (row: number): Code => [
  get(PC),
  row === 0 ? [] : [get(LDB), op.i32Const(row), op.i32Mul, op.i32Add],
  set(ADDR),
];

/** Store the block's sums into C, added to what is there or replacing it. */
const storeBlock = (add: boolean): Code =>
  [0, 1, 2, 3].map((row) => [
    rowAddress(row),
    [0, 1].map((half) => [
      get(ADDR),
      add
        ? [get(ADDR), op.v128Load(16 * half), get(sum(row, half)), op.f64x2Add]
        : get(sum(row, half)),
      op.v128Store(16 * half),
    ]),
  ]);

/** The 4 × 4 block at (I, J): sums over k of A(i.., k) · B(k, j..). */
const block: Code = [
  [0, 1, 2, 3].map((row) => [0, 1].map((half) => [op.v128Zero, set(sum(row, half))])),
  // PA = a + i·sai·8, PB = b + j·8, KK = K.
  [get(A), get(I), get(SAI8), op.i32Mul, op.i32Add, set(PA)],
  [get(B), get(J), op.i32Const(3), op.i32Shl, op.i32Add, set(PB)],
  [get(K), set(KK)],
  op.block(
    [get(KK), op.i32Eqz, op.brIf(0)],
    op.loop(
      [get(PB), op.v128Load(0), set(BV0), get(PB), op.v128Load(16), set(BV1)],
      [0, 1, 2, 3].map((row) => [
        loadA(row),
        op.f64x2Splat,
        set(SV),
        [BV0, BV1].map((bv, half) => [
          get(sum(row, half)),
          get(SV),
          get(bv),
          op.f64x2Mul,
          op.f64x2Add,
          set(sum(row, half)),
        ]),
      ]),
      bump(PA, get(SAK8)),
      bump(PB, get(LDB)),
      [get(KK), op.i32Const(1), op.i32Sub, op.localTee(KK), op.brIf(0)],
    ),
  ),
  // PC = c + (i·ld + j)·8
  [get(C), get(I), get(LDB), op.i32Mul, op.i32Add, get(J), op.i32Const(3), op.i32Shl, op.i32Add],
  set(PC),
  [get(ACC), op.ifElse(storeBlock(true), storeBlock(false))],
];

/**
 * gemm(c, a, sai, sak, b, M, K, N, ld, acc): for i < M, j < N (both multiples of 4),
 * C[i·ld + j] (+)= Σ_k A[i·sai + k·sak] · B[k·ld + j]; addresses in bytes, the rest in elements.
 */
const gemmBody: Code = [
  [get(LD), op.i32Const(3), op.i32Shl, set(LDB)],
  [get(SAI), op.i32Const(3), op.i32Shl, set(SAI8)],
  [get(SAI8), get(SAI8), op.i32Add, set(SAI16)],
  [get(SAI16), get(SAI8), op.i32Add, set(SAI24)],
  [get(SAK), op.i32Const(3), op.i32Shl, set(SAK8)],
  [op.i32Const(0), set(I)],
  op.block(op.loop(
    [get(I), get(M), op.i32LtS, op.i32Eqz, op.brIf(1)],
    [op.i32Const(0), set(J)],
    op.block(op.loop(
      [get(J), get(N), op.i32LtS, op.i32Eqz, op.brIf(1)],
      block,
      bump(J, op.i32Const(4)),
      op.br(0),
    )),
    bump(I, op.i32Const(4)),
    op.br(0),
  )),
];

/** The kernel module's bytes. */
export const gemmModule = (): Uint8Array<ArrayBuffer> =>
  wasmModule([{
    name: "gemm",
    params: new Array(10).fill(I32),
    locals: [...new Array(12).fill(I32), ...new Array(11).fill(V128)],
    body: gemmBody,
  }]);

/**
 * The scalar product over a rectangle of C: for i0 <= i < i1, j0 <= j < j1,
 * c[i·ld + j] (+)= Σ_k a[i·sai + k·sak] · b[k·sbk + j·sbj], summed over k in order from 0.
 */
export const gemmRect = (
  c: Float64Array,
  ld: number,
  a: Float64Array,
  sai: number,
  sak: number,
  b: Float64Array,
  sbk: number,
  sbj: number,
  k: number,
  i0: number,
  i1: number,
  j0: number,
  j1: number,
  acc: boolean,
): void => {
  for (let i = i0; i < i1; i++) {
    for (let j = j0; j < j1; j++) {
      let s = 0;
      for (let t = 0; t < k; t++) s += a[i * sai + t * sak] * b[t * sbk + j * sbj];
      const o = i * ld + j;
      c[o] = acc ? c[o] + s : s;
    }
  }
};

type GemmExport = (
  c: number,
  a: number,
  sai: number,
  sak: number,
  b: number,
  m: number,
  k: number,
  n: number,
  ld: number,
  acc: number,
) => void;

/**
 * The kernels on WebAssembly SIMD, or null where WebAssembly (with SIMD) is not available.
 * Each call compiles a fresh instance with its own memory: make one per thread.
 */
export const createWasmKernels = (): Kernels | null => {
  let memory: WebAssembly.Memory, gemm: GemmExport;
  try {
    const instance = new WebAssembly.Instance(new WebAssembly.Module(gemmModule()), {});
    memory = instance.exports.memory as WebAssembly.Memory;
    gemm = instance.exports.gemm as GemmExport;
  } catch {
    return null;
  }
  let heap = new Float64Array(memory.buffer);
  /** Room for `doubles` values; returns the (possibly new) view of the memory. */
  const reserve = (doubles: number): Float64Array => {
    const need = doubles * 8 - memory.buffer.byteLength;
    if (need > 0) {
      memory.grow(Math.ceil(need / 65536));
      heap = new Float64Array(memory.buffer);
    }
    return heap;
  };

  /**
   * out (M × N, row-major) (+)= A · B with A(i, t) = a[i·sai + t·sak] and
   * B(t, j) = b[t·sbk + j·sbj]: B, A and out are copied into the kernel's memory (B made
   * row-major), the kernel does the 4 × 4 blocks, out is copied back and gemmRect does the
   * rows and columns left over.
   */
  const product = (
    out: Float64Array,
    a: Float64Array,
    aSize: number,
    sai: number,
    sak: number,
    b: Float64Array,
    sbk: number,
    sbj: number,
    m: number,
    k: number,
    n: number,
    acc: boolean,
  ) => {
    const offA = k * n, offC = offA + aSize;
    const h = reserve(offC + m * n);
    if (sbj === 1 && sbk === n) h.set(b.subarray(0, k * n), 0);
    else {
      for (let t = 0; t < k; t++) {
        for (let j = 0; j < n; j++) h[t * n + j] = b[t * sbk + j * sbj];
      }
    }
    h.set(a.subarray(0, aSize), offA);
    if (acc) h.set(out.subarray(0, m * n), offC);
    const m4 = m & ~3, n4 = n & ~3;
    gemm(offC * 8, offA * 8, sai, sak, 0, m4, k, n4, n, acc ? 1 : 0);
    out.set(h.subarray(offC, offC + m * n));
    gemmRect(out, n, a, sai, sak, b, sbk, sbj, k, 0, m4, n4, n, acc);
    gemmRect(out, n, a, sai, sak, b, sbk, sbj, k, m4, m, 0, n, acc);
  };

  return {
    // y = x · Wᵀ: B(c, r) = W[r, c]
    matmulNT: (a, rows, inner, b, cols, out, accumulate) =>
      product(out, a, rows * inner, inner, 1, b, 1, inner, rows, inner, cols, accumulate),
    // dx += g · W
    matmulAccInput: (g, rows, outDim, w, inDim, dx) =>
      product(dx, g, rows * outDim, outDim, 1, w, inDim, 1, rows, outDim, inDim, true),
    // dW += gᵀ · x: A(r, n) = g[n, r]
    matmulAccWeight: (g, rows, outDim, x, inDim, dw) =>
      product(dw, g, rows * outDim, 1, outDim, x, inDim, 1, outDim, rows, inDim, true),
  };
};

let fastest: Kernels | undefined;

/**
 * This thread's fastest kernels: the WebAssembly ones where they compile (made once, on first
 * use), else the JavaScript ones. Both give the same bits.
 */
export const fastestKernels = (): Kernels => (fastest ??= createWasmKernels() ?? jsKernels);
