// step (asm/step.s): the whole transformer for one position, KV cache included, replays
// vectors/forward.json (last-position logits) and step.json (the argmax after every step) on
// the seeded random souls.
import { assert, assertEquals } from "../lib/std/assert.ts";
import { Bare, linked, vectorPair } from "../lib/link/testing.ts";
import { loadVectors } from "../lib/testing/vectors.ts";
import { argmax, initialState, step } from "../lib/forward/mod.ts";
import type { Soul } from "../lib/soul/mod.ts";

const machineFor = (soulFile: string) => {
  const { soul, tok } = vectorPair(soulFile);
  const m = new Bare(linked(soulFile, soul, tok));
  m.call("engine_init");
  return { m, soul };
};

/** Feed ids from position 0; returns the logits after each step. */
const feed = (m: Bare, ids: readonly number[], vs: number): number[][] => {
  const out: number[][] = [];
  ids.forEach((id, pos) => {
    m.ram[m.sym("s_tok")] = id;
    m.ram[m.sym("s_pos")] = pos;
    m.call("step");
    out.push(m.peekVec(m.sym("LOGITS_LO"), m.sym("LOGITS_HI"), vs));
  });
  return out;
};

Deno.test("step: forward.json (logits of the last position)", () => {
  for (const [i, c] of loadVectors("forward.json").cases.entries()) {
    const { m, soul } = machineFor(c.soul);
    const logits = feed(m, c.ids, soul.shape.vocab);
    assertEquals(logits[logits.length - 1], c.logits, `case ${i} (${c.soul}, ${c.ids.length} ids)`);
  }
});

Deno.test("step: step.json (argmax after every step of a full context)", () => {
  for (const [i, c] of loadVectors("step.json").cases.entries()) {
    const { m } = machineFor(c.soul);
    const ids: number[] = [];
    c.ids.forEach((id, pos) => {
      m.ram[m.sym("s_tok")] = id;
      m.ram[m.sym("s_pos")] = pos;
      m.call("step");
      m.call("argmax");
      ids.push(m.cpu.a);
    });
    assertEquals(ids, c.argmaxIds, `case ${i} (${c.soul})`);
  }
});

Deno.test("step: with s_nolog bit 6 (argmax only, pruned output rows) the argmax is the same", () => {
  for (const [i, c] of loadVectors("step.json").cases.entries()) {
    const { m } = machineFor(c.soul);
    const ids: number[] = [];
    let pruned = 0;
    c.ids.forEach((id, pos) => {
      m.ram[m.sym("s_tok")] = id;
      m.ram[m.sym("s_pos")] = pos;
      m.ram[m.sym("s_nolog")] = 0x40;
      m.call("step");
      const vs = m.sym("VS");
      pruned += m.peekVec(m.sym("LOGITS_LO"), m.sym("LOGITS_HI"), vs)
        .filter((v) => v === -32768).length;
      m.call("argmax");
      ids.push(m.cpu.a);
    });
    assertEquals(ids, c.argmaxIds, `case ${i} (${c.soul})`);
    assert(pruned > 0, `case ${i}: no row was pruned`);
  }
});

Deno.test("step: an odd shape (ED 24, 3 heads, FF 40, 1 layer, SL 12, END rule) matches the reference", () => {
  let seed = 99;
  const rnd = (n: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  const mat = (rows: number, cols: number, shift: number) => ({
    rows,
    cols,
    shift,
    data: Int8Array.from({ length: rows * cols }, () => rnd(256) - 128),
  });
  const shape = { vocab: 128, embed: 24, heads: 3, headDim: 8, ffn: 40, layers: 1, context: 12 };
  const soul: Soul = {
    shape,
    argmax: "end",
    softmax: "rounded",
    name: "odd",
    te: mat(128, 24, 7),
    pe: mat(12, 24, 8),
    layers: [{
      n1: mat(24, 1, 6),
      q: mat(24, 24, 8),
      k: mat(24, 24, 8),
      v: mat(24, 24, 7),
      proj: mat(24, 24, 8),
      n2: mat(24, 1, 6),
      fc1: mat(40, 24, 8),
      fc1Bias: {
        rows: 40,
        shift: 8,
        data: Int16Array.from({ length: 40 }, () => rnd(4000) - 2000),
      },
      fc2: mat(24, 40, 8),
      fc2Bias: {
        rows: 24,
        shift: 8,
        data: Int16Array.from({ length: 24 }, () => rnd(4000) - 2000),
      },
    }],
    norm: mat(24, 1, 6),
    out: mat(128, 24, 7),
  };
  const { tok } = vectorPair("souls/random-1.soul");
  const m = new Bare(linked("odd-shape", soul, tok));
  m.call("engine_init");
  // a second machine in generation mode (s_nolog bit 6: pruned output rows)
  const g = new Bare(linked("odd-shape", soul, tok));
  g.call("engine_init");
  const ids = [1, 5, 9, 40, 77, 3, 1, 100, 12, 4, 66, 127];
  let state = initialState(soul);
  ids.forEach((id, pos) => {
    m.ram[m.sym("s_tok")] = id;
    m.ram[m.sym("s_pos")] = pos;
    m.call("step");
    const r = step(soul, state, id);
    if (r._tag === "Left") throw new Error(r.left.message);
    state = r.right.state;
    assertEquals(
      m.peekVec(m.sym("LOGITS_LO"), m.sym("LOGITS_HI"), 128),
      Array.from(r.right.logits),
      `position ${pos}`,
    );
    g.ram[g.sym("s_tok")] = id;
    g.ram[g.sym("s_pos")] = pos;
    g.ram[g.sym("s_nolog")] = 0x40;
    g.call("step");
    g.call("argmax");
    assertEquals(g.cpu.a, argmax(r.right.logits, soul.argmax), `argmax at position ${pos}`);
  });
});
