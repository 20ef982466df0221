// The subset-sum matvec (asm/mv.s) replays vectors/matvec.json and matvec-bias.json in the
// emulator, bit for bit, on both kernels and both paths (|x| < 4096 and the split path).
import { assertEquals } from "../lib/std/assert.ts";
import { biasPlanes, groupsFor, matrixMasks } from "../lib/link/mod.ts";
import { Bare, linked, seedPair } from "../lib/link/testing.ts";
import { loadVectors } from "../lib/testing/vectors.ts";
import { matvecBias } from "../lib/forward/mod.ts";

const machine = () => {
  const { soul, tok } = seedPair();
  const m = new Bare(linked("seed", soul, tok));
  m.call("engine_init");
  return m;
};

/** Run W·x (+bias) >> (shift + post) through mv_prep + mv_apply; returns y. */
const runMatvec = (
  m: Bare,
  c: { rows: number; cols: number; shift: number; post: number; w: number[]; x: number[] },
  bias?: number[],
): { y: number[]; cycles: number } => {
  const gEd = m.sym("G_ED"), gFf = m.sym("G_FF");
  const kernel = c.cols <= 8 * gEd ? 0 : 1;
  const groups = kernel === 0 ? gEd : gFf;
  const w = { rows: c.rows, cols: c.cols, shift: c.shift, data: Int8Array.from(c.w) };
  const masks = matrixMasks(w, groups);
  // scratch: the KV cache area
  let at = m.sym("KV_KM");
  const desc = at;
  at += 16;
  const maskAt = at;
  m.ram.set(masks, at);
  at += masks.length;
  let biasAt = 0;
  if (bias) {
    biasAt = at;
    m.ram.set(
      biasPlanes({ rows: c.rows, shift: c.shift, data: Int16Array.from(bias) }),
      at,
    );
    at += 2 * c.rows;
  }
  if (at > m.sym("KV_END")) throw new Error("scratch overflow");
  m.ram[desc] = c.rows & 0xff;
  m.ram[desc + 1] = kernel;
  m.pokeWord(desc + 2, maskAt);
  m.pokeWord(desc + 4, biasAt);
  m.ram[desc + 6] = (c.shift + c.post) & 0xff;
  m.ram[desc + 7] = c.rows & 0xff;
  // input in the Z planes (FF long), output in LOGITS (VS long)
  const zlo = m.sym("Z_LO"), zhi = m.sym("Z_HI");
  m.pokeVec(zlo, zhi, c.x);
  m.pokeWord(m.sym("mv_xlo"), zlo);
  m.pokeWord(m.sym("mv_xhi"), zhi);
  m.ram[m.sym("mv_cols")] = c.cols;
  let cycles = m.call("mv_prep");
  m.pokeWord(m.sym("mv_desc"), desc);
  const olo = m.sym("LOGITS_LO"), ohi = m.sym("LOGITS_HI");
  m.pokeWord(m.sym("mv_ptr"), olo);
  m.pokeWord(m.sym("mv_ptr2"), ohi);
  cycles += m.call("mv_apply");
  return { y: m.peekVec(olo, ohi, c.rows), cycles };
};

Deno.test("mv: matvec.json replays bit-exactly", () => {
  const m = machine();
  for (const [i, c] of loadVectors("matvec.json").cases.entries()) {
    const { y } = runMatvec(m, c);
    assertEquals(y, c.y, `case ${i} (${c.rows}x${c.cols})`);
  }
});

Deno.test("mv: matvec-bias.json replays bit-exactly", () => {
  const m = machine();
  for (const [i, c] of loadVectors("matvec-bias.json").cases.entries()) {
    const { y } = runMatvec(m, c, c.bias);
    assertEquals(y, c.y, `case ${i} (${c.rows}x${c.cols})`);
  }
});

Deno.test("mv: extremes (full-scale weights and inputs, both paths, left shifts) match the reference", () => {
  const m = machine();
  let seed = 12345;
  const rnd = (n: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  const cases: {
    rows: number;
    cols: number;
    shift: number;
    post: number;
    w: number[];
    x: number[];
  }[] = [];
  for (const [rows, cols] of [[32, 32], [16, 64], [128, 32], [5, 7]]) {
    for (const kind of ["max", "min", "random", "small"]) {
      const w = Array.from(
        { length: rows * cols },
        () => kind === "max" ? 127 : kind === "min" ? -128 : rnd(256) - 128,
      );
      const x = Array.from(
        { length: cols },
        () =>
          kind === "max"
            ? 32767
            : kind === "min"
            ? -32768
            : kind === "small"
            ? rnd(8192) - 4096
            : rnd(65536) - 32768,
      );
      for (const shift of [-3, 0, 7, 20]) cases.push({ rows, cols, shift, post: 1, w, x });
    }
  }
  for (const [i, c] of cases.entries()) {
    const bias = Array.from({ length: c.rows }, () => rnd(65536) - 32768);
    const want = matvecBias(
      { rows: c.rows, cols: c.cols, shift: c.shift, data: Int8Array.from(c.w) },
      { rows: c.rows, shift: c.shift, data: Int16Array.from(bias) },
      c.x,
      c.post,
    );
    const { y } = runMatvec(m, c, bias);
    assertEquals(y, Array.from(want), `extreme case ${i} (${c.rows}x${c.cols}, shift ${c.shift})`);
  }
  assertEquals(groupsFor(64), 8);
});
