/**
 * `deno bench lib/train/gemm_bench.ts`: the three products of a linear layer on a minibatch
 * shard (320 rows, the default model's 32 → 64 layer), JavaScript kernels against the
 * WebAssembly SIMD ones. Each iteration is 1.31 MFLOP (2 · 320 · 32 · 64), so 1 ms per
 * iteration is 1.31 GFLOP/s.
 */
import { createWasmKernels } from "./gemm.ts";
import { jsKernels, type Kernels } from "./kernels.ts";
import { createRng } from "./rng.ts";

const ROWS = 320, IN = 32, OUT = 64;
const rng = createRng(3);
const random = (n: number) => Float64Array.from({ length: n }, () => rng.normal());
const x = random(ROWS * IN), w = random(OUT * IN), g = random(ROWS * OUT);
const y = new Float64Array(ROWS * OUT), dx = new Float64Array(ROWS * IN);
const dw = new Float64Array(OUT * IN);
const wasm = createWasmKernels();

const bench = (name: string, kernels: Kernels | null, baseline: boolean) => {
  if (kernels === null) return;
  Deno.bench(`forward x·Wᵀ, ${name}`, { group: "forward", baseline }, () => {
    kernels.matmulNT(x, ROWS, IN, w, OUT, y, false);
  });
  Deno.bench(`dx += g·W, ${name}`, { group: "input gradient", baseline }, () => {
    kernels.matmulAccInput(g, ROWS, OUT, w, IN, dx);
  });
  Deno.bench(`dW += gᵀ·x, ${name}`, { group: "weight gradient", baseline }, () => {
    kernels.matmulAccWeight(g, ROWS, OUT, x, IN, dw);
  });
};

bench("JavaScript", jsKernels, true);
bench("WebAssembly SIMD", wasm, false);
