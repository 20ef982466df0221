/**
 * Just enough of the WebAssembly binary format to write small numeric kernels by hand: LEB128
 * numbers, the instructions the kernels use (i32 arithmetic, f64 and v128 loads and stores,
 * f64x2 arithmetic, structured control flow), and a module of functions over one exported,
 * growable memory. The kernels are built as arrays of bytes, so no toolchain and no `.wasm`
 * file is needed: the module is compiled from these bytes where it runs (Deno or a browser).
 *
 * Numbers and names follow the WebAssembly 2.0 specification (with 128-bit SIMD).
 *
 * @module
 */

/** Bytes of an instruction sequence (nested arrays flatten). */
export type Code = readonly (number | Code)[];

/** Flatten nested code into bytes. */
export const bytesOf = (code: Code): number[] => {
  const out: number[] = [];
  const walk = (c: Code) => {
    for (const x of c) typeof x === "number" ? out.push(x) : walk(x);
  };
  walk(code);
  return out;
};

/** Unsigned LEB128. */
export const uleb = (n: number): number[] => {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
};

/** Signed LEB128 (32-bit values). */
export const sleb = (n: number): number[] => {
  const out: number[] = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    const done = (n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0);
    out.push(done ? b : b | 0x80);
    if (done) return out;
  }
};

/** Value types. */
export const I32 = 0x7f, V128 = 0x7b;

const EMPTY_BLOCK = 0x40;
const SIMD = 0xfd;
/** Alignment hint 2^3 and a constant byte offset, for loads and stores. */
const memarg = (offset: number): number[] => [3, ...uleb(offset)];

/** The instructions the kernels use, as functions returning their bytes. */
export const op = {
  localGet: (i: number): Code => [0x20, ...uleb(i)],
  localSet: (i: number): Code => [0x21, ...uleb(i)],
  localTee: (i: number): Code => [0x22, ...uleb(i)],
  i32Const: (v: number): Code => [0x41, ...sleb(v)],
  i32Add: [0x6a] as Code,
  i32Sub: [0x6b] as Code,
  i32Mul: [0x6c] as Code,
  i32Shl: [0x74] as Code,
  i32Eqz: [0x45] as Code,
  i32LtS: [0x48] as Code,
  f64Load: (offset = 0): Code => [0x2b, ...memarg(offset)],
  v128Load: (offset = 0): Code => [SIMD, ...uleb(0x00), ...memarg(offset)],
  v128Store: (offset = 0): Code => [SIMD, ...uleb(0x0b), ...memarg(offset)],
  v128Zero: [SIMD, ...uleb(0x0c), ...new Array(16).fill(0)] as Code,
  f64x2Splat: [SIMD, ...uleb(0x14)] as Code,
  f64x2Add: [SIMD, ...uleb(0xf0)] as Code,
  f64x2Mul: [SIMD, ...uleb(0xf2)] as Code,
  /** `block … end`: `br` to it jumps past its end. */
  block: (...body: Code[]): Code => [0x02, EMPTY_BLOCK, ...body, 0x0b],
  /** `loop … end`: `br` to it jumps back to its start. */
  loop: (...body: Code[]): Code => [0x03, EMPTY_BLOCK, ...body, 0x0b],
  /** `if … else … end` on the i32 on the stack. */
  ifElse: (then: Code, otherwise: Code): Code => [0x04, EMPTY_BLOCK, then, 0x05, otherwise, 0x0b],
  /** Branch to the enclosing block or loop `depth` levels out (0 = innermost). */
  br: (depth: number): Code => [0x0c, ...uleb(depth)],
  brIf: (depth: number): Code => [0x0d, ...uleb(depth)],
} as const;

/** One exported function: its signature, extra locals, and body. */
export interface WasmFunction {
  /** Export name. */
  readonly name: string;
  /** Parameter types. */
  readonly params: readonly number[];
  /** Types of the locals after the parameters. */
  readonly locals: readonly number[];
  /** The body (without the final `end`). */
  readonly body: Code;
}

const vec = (items: readonly number[][]): number[] => [...uleb(items.length), ...items.flat()];
const section = (
  id: number,
  content: number[],
): number[] => [id, ...uleb(content.length), ...content];
const name = (s: string): number[] => [...uleb(s.length), ...new TextEncoder().encode(s)];

/**
 * A module of functions without results, all exported, over one memory (exported as "memory")
 * of `pages` initial 64 KiB pages.
 */
export const wasmModule = (
  functions: readonly WasmFunction[],
  pages = 1,
): Uint8Array<ArrayBuffer> => {
  const types = functions.map((f) => [0x60, ...uleb(f.params.length), ...f.params, 0]);
  const bodies = functions.map((f) => {
    // Locals are declared as runs of one type.
    const runs: number[][] = [];
    for (const t of f.locals) {
      const last = runs[runs.length - 1];
      if (last !== undefined && last[1] === t) last[0]++;
      else runs.push([1, t]);
    }
    const content = [...vec(runs.map(([n, t]) => [...uleb(n), t])), ...bytesOf(f.body), 0x0b];
    return [...uleb(content.length), ...content];
  });
  const exports = [
    [...name("memory"), 0x02, 0],
    ...functions.map((f, i) => [...name(f.name), 0x00, ...uleb(i)]),
  ];
  return new Uint8Array([
    0x00,
    0x61,
    0x73,
    0x6d,
    0x01,
    0x00,
    0x00,
    0x00, // "\0asm", version 1
    ...section(1, vec(types)),
    ...section(3, vec(functions.map((_, i) => uleb(i)))),
    ...section(5, vec([[0x00, ...uleb(pages)]])),
    ...section(7, vec(exports)),
    ...section(10, vec(bodies)),
  ]);
};
