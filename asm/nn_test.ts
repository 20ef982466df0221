// The other primitives replay their golden vectors in the emulator: isqrt, floor division,
// rmsnorm, one attention head, embed, argmax and the EXP table.
import { assert, assertEquals } from "../lib/std/assert.ts";
import type { SoftmaxRule } from "../lib/soul/types.ts";
import { Bare, linked, seedPair } from "../lib/link/testing.ts";
import { loadVectors } from "../lib/testing/vectors.ts";

/** The engine linked with the seed soul, whose softmax rule is the original's (or "rounded"). */
const machine = (softmax: SoftmaxRule = "legacy") => {
  const { soul, tok } = seedPair();
  const m = new Bare(linked(`seed-${softmax}`, { ...soul, softmax }, tok));
  m.call("engine_init");
  return m;
};

const poke32 = (m: Bare, addr: number, v: number) => {
  for (let i = 0; i < 4; i++) m.ram[addr + i] = Number((BigInt(v) >> BigInt(8 * i)) & 0xffn);
};
const peek = (m: Bare, addr: number, n: number, signed: boolean) => {
  let v = 0n;
  for (let i = n - 1; i >= 0; i--) v = (v << 8n) | BigInt(m.ram[addr + i]);
  if (signed && v >= 1n << BigInt(8 * n - 1)) v -= 1n << BigInt(8 * n);
  return Number(v);
};

Deno.test("math: isqrt.json", () => {
  const m = machine();
  for (const c of loadVectors("isqrt.json").cases) {
    poke32(m, m.sym("m_q"), c.n);
    m.call("isqrt32");
    assertEquals(peek(m, m.sym("m_r"), 2, false), c.root, `isqrt(${c.n})`);
  }
});

Deno.test("math: divide.json (floor division)", () => {
  const m = machine();
  for (const c of loadVectors("divide.json").cases) {
    poke32(m, m.sym("m_q"), c.num);
    m.pokeWord(m.sym("m_d"), c.den);
    m.call("fdiv32s");
    assertEquals(peek(m, m.sym("m_q"), 4, true), c.quotient, `${c.num} // ${c.den}`);
  }
});

Deno.test("nn: rmsnorm.json", () => {
  const m = machine();
  const g = m.sym("KV_KM"); // scratch for the gains
  for (const [i, c] of loadVectors("rmsnorm.json").cases.entries()) {
    m.pokeVec(m.sym("H_LO"), m.sym("H_HI"), c.x);
    c.g.forEach((v, k) => m.ram[g + k] = v & 0xff);
    m.pokeWord(m.sym("n_ptr"), g);
    m.ram[m.sym("n_s")] = c.gShift & 0xff;
    m.call("rmsnorm");
    assertEquals(m.peekVec(m.sym("XN_LO"), m.sym("XN_HI"), c.x.length), c.y, `case ${i}`);
  }
});

Deno.test("att: attention-head.json (one head over the KV cache, stored by kv_store)", () => {
  const machines = { legacy: machine("legacy"), rounded: machine("rounded") };
  const cases = loadVectors("attention-head.json").cases;
  assert(cases.some((c) => c.softmax === "rounded") && cases.some((c) => c.softmax === "legacy"));
  for (const [i, c] of cases.entries()) {
    const m = machines[c.softmax];
    const ed = m.sym("ED");
    const hd = c.q.length, n = c.keys.length;
    // layer 0 bases; each key/value goes in through kv_store as step would store it
    m.pokeWord(m.sym("KM_BASE"), m.sym("KV_KM"));
    m.pokeWord(m.sym("VC_LO_BASE"), m.sym("KV_VL"));
    m.pokeWord(m.sym("VC_HI_BASE"), m.sym("KV_VH"));
    for (let j = 0; j < n; j++) {
      const pad = (v: number[]) => [...v, ...new Array(ed - hd).fill(0)];
      m.pokeVec(m.sym("KT_LO"), m.sym("KT_HI"), pad(c.keys[j]));
      m.pokeVec(m.sym("VT_LO"), m.sym("VT_HI"), pad(c.values[j]));
      m.ram[m.sym("s_pos")] = j;
      m.call("kv_store");
    }
    m.pokeVec(m.sym("Q_LO"), m.sym("Q_HI"), c.q);
    m.ram[m.sym("s_head")] = 0;
    m.ram[m.sym("s_keys")] = n;
    m.call("att_head");
    assertEquals(m.peekVec(m.sym("ATT_LO"), m.sym("ATT_HI"), hd), c.out, `case ${i} (${n} keys)`);
  }
});

Deno.test("nn: embed.json", () => {
  const m = machine();
  for (const [i, c] of loadVectors("embed.json").cases.entries()) {
    c.te.forEach((v, k) => m.ram[m.sym("TE_DATA") + k] = v & 0xff);
    c.pe.forEach((v, k) => m.ram[m.sym("PE_DATA") + k] = v & 0xff);
    m.ram[m.sym("EMB_K")] = (8 - c.teShift) & 0xff;
    m.ram[m.sym("EMB_K") + 1] = (8 - c.peShift) & 0xff;
    m.ram[m.sym("s_tok")] = 0;
    m.ram[m.sym("s_pos")] = 0;
    m.call("embed");
    assertEquals(m.peekVec(m.sym("H_LO"), m.sym("H_HI"), c.h.length), c.h, `case ${i}`);
  }
});

Deno.test("nn: argmax.json (both rules, first maximum)", () => {
  const m = machine();
  for (const [i, c] of loadVectors("argmax.json").cases.entries()) {
    m.pokeVec(m.sym("LOGITS_LO"), m.sym("LOGITS_HI"), c.logits);
    m.ram[m.sym("ARGMAX_FROM")] = c.rule === "legacy" ? 4 : 3;
    m.call("argmax");
    assertEquals(m.cpu.a, c.id, `case ${i}`);
  }
});

Deno.test("nn: the EXP table in the program is the soul's rule's, as exp-table.json", () => {
  const cases = loadVectors("exp-table.json").cases;
  assertEquals(cases.map((c) => c.softmax).sort(), ["legacy", "rounded"]);
  for (const c of cases) {
    const m = machine(c.softmax);
    const at = m.sym("EXP_TABLE");
    assertEquals(Array.from(m.ram.subarray(at, at + c.table.length)), c.table, c.softmax);
  }
});
