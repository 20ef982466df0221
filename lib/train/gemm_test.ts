import { assert, assertEquals } from "../std/assert.ts";
import { createWasmKernels, fastestKernels } from "./gemm.ts";
import { jsKernels, type Kernels } from "./kernels.ts";
import { createRng } from "./rng.ts";
import { sleb, uleb } from "./wasm.ts";

Deno.test("wasm: LEB128 as the format's own examples have it", () => {
  assertEquals(uleb(0), [0x00]);
  assertEquals(uleb(127), [0x7f]);
  assertEquals(uleb(128), [0x80, 0x01]);
  assertEquals(uleb(624485), [0xe5, 0x8e, 0x26]);
  assertEquals(sleb(-1), [0x7f]);
  assertEquals(sleb(63), [0x3f]);
  assertEquals(sleb(64), [0xc0, 0x00]);
  assertEquals(sleb(-64), [0x40]);
  assertEquals(sleb(-123456), [0xc0, 0xbb, 0x78]);
});

const rng = createRng(7);
const random = (n: number) => Float64Array.from({ length: n }, () => rng.normal());

/** C[i, j] (+)= Σ_k A(i, k) · B(k, j), the plain triple loop, summed over k from 0. */
const naive = (
  m: number,
  k: number,
  n: number,
  a: (i: number, t: number) => number,
  b: (t: number, j: number) => number,
  c: Float64Array,
  acc: boolean,
) => {
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let t = 0; t < k; t++) s += a(i, t) * b(t, j);
      c[i * n + j] = acc ? c[i * n + j] + s : s;
    }
  }
};

/** Bitwise equality of two arrays (−0 and 0 differ), with the first difference's index. */
const firstDifference = (x: Float64Array, y: Float64Array): number =>
  x.findIndex((v, i) => !Object.is(v, y[i]));

// Shapes with rows and columns that are and are not multiples of the 4 × 4 blocks.
const SHAPES = [[1, 1, 1], [3, 5, 7], [4, 4, 4], [7, 32, 32], [64, 32, 128], [21, 64, 32], [
  9,
  8,
  6,
]];

const checkKernels = (name: string, kernels: Kernels) => {
  for (const [rows, inDim, outDim] of SHAPES) {
    const x = random(rows * inDim), w = random(outDim * inDim), g = random(rows * outDim);
    const at = (arr: Float64Array, stride: number) => (i: number, j: number) => arr[i * stride + j];
    for (const accumulate of [false, true]) {
      const start = random(rows * outDim);
      const want = start.slice(), got = start.slice();
      naive(rows, inDim, outDim, at(x, inDim), (c, r) => w[r * inDim + c], want, accumulate);
      kernels.matmulNT(x, rows, inDim, w, outDim, got, accumulate);
      assertEquals(firstDifference(got, want), -1, `${name} matmulNT ${rows}×${inDim}→${outDim}`);
    }
    const dx = random(rows * inDim), wantDx = dx.slice();
    naive(rows, outDim, inDim, at(g, outDim), at(w, inDim), wantDx, true);
    kernels.matmulAccInput(g, rows, outDim, w, inDim, dx);
    assertEquals(firstDifference(dx, wantDx), -1, `${name} matmulAccInput ${rows}×${inDim}`);
    const dw = random(outDim * inDim), wantDw = dw.slice();
    naive(outDim, rows, inDim, (r, n) => g[n * outDim + r], at(x, inDim), wantDw, true);
    kernels.matmulAccWeight(g, rows, outDim, x, inDim, dw);
    assertEquals(firstDifference(dw, wantDw), -1, `${name} matmulAccWeight ${outDim}×${inDim}`);
  }
};

Deno.test("kernels: the JavaScript products equal the plain triple loop bit for bit", () => {
  checkKernels("js", jsKernels);
});

Deno.test("kernels: the WebAssembly SIMD products equal the plain triple loop bit for bit", () => {
  const wasm = createWasmKernels();
  assert(wasm !== null, "WebAssembly SIMD compiles in Deno");
  checkKernels("wasm", wasm);
  // Again after the kernel's memory has grown (its views must follow the new buffer).
  const big = 200, x = random(big * 128), w = random(128 * 128), y = new Float64Array(big * 128);
  wasm.matmulNT(x, big, 128, w, 128, y, false);
  checkKernels("wasm after growing", wasm);
});

Deno.test("kernels: fastestKernels picks the WebAssembly ones here, once per thread", () => {
  assert(fastestKernels() !== jsKernels);
  assert(fastestKernels() === fastestKernels());
});
