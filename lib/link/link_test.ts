// The link stage: a PRG with its BASIC stub, built twice to the same bytes, assembled
// byte-identically by ACME 0.97, with a memory map; souls that do not fit (or that the engine
// cannot run) are refused with the numbers; the embedded asm sources are current.
import { assert, assertEquals, assertLeft, assertMatch, assertRight, fail } from "../std/assert.ts";
import { DEFAULT_SHAPE, type QMatrix, type Shape, type Soul } from "../soul/mod.ts";
import type { Tokenizer } from "../tokenize/mod.ts";
import { findSysAddress, formatMemoryMap, link } from "./mod.ts";
import { embeddedSources, seedPair } from "./testing.ts";
import { linkData } from "./data.ts";
import { ASM_SOURCES } from "./sources.ts";

const zeros = (rows: number, cols: number, shift = 7): QMatrix => ({
  rows,
  cols,
  shift,
  data: new Int8Array(rows * cols),
});

/** A soul of any shape with zero weights (enough for layout questions). */
const blankSoul = (shape: Shape): Soul => ({
  shape,
  argmax: "end",
  softmax: "rounded",
  name: "blank",
  te: zeros(shape.vocab, shape.embed),
  pe: zeros(shape.context, shape.embed),
  layers: Array.from({ length: shape.layers }, () => ({
    n1: zeros(shape.embed, 1),
    q: zeros(shape.embed, shape.embed),
    k: zeros(shape.embed, shape.embed),
    v: zeros(shape.embed, shape.embed),
    proj: zeros(shape.embed, shape.embed),
    n2: zeros(shape.embed, 1),
    fc1: zeros(shape.ffn, shape.embed),
    fc1Bias: { rows: shape.ffn, shift: 7, data: new Int16Array(shape.ffn) },
    fc2: zeros(shape.embed, shape.ffn),
    fc2Bias: { rows: shape.embed, shift: 7, data: new Int16Array(shape.embed) },
  })),
  norm: zeros(shape.embed, 1),
  out: zeros(shape.vocab, shape.embed),
});

const tokenizerOf = (vocab: number, base: Tokenizer): Tokenizer => ({
  vocab: Array.from({ length: vocab }, (_, i) => base.vocab[i] ?? `t${i}`),
  merges: [],
});

Deno.test("link: a PRG at $0801 whose BASIC line SYSes to the code, identical when built twice", () => {
  const { soul, tok } = seedPair();
  const a = assertRight(link(soul, tok)), b = assertRight(link(soul, tok));
  assertEquals(a.prg, b.prg);
  assertEquals([a.prg[0], a.prg[1]], [0x01, 0x08]);
  assertEquals(assertRight(findSysAddress(a.prg)), 2061);
  assertEquals(a.symbols.get("start") !== undefined, true);
  const text = formatMemoryMap(a.map);
  assertMatch(text, /\$0801-\$080C\s+12\s+prg\s+BASIC stub/);
  assertMatch(text, /KV cache \(2 layers × 20 positions\)/);
  // regions are in order and do not overlap
  a.map.regions.forEach((r, i) => {
    assert(r.start < r.end, r.name);
    if (i > 0) assert(a.map.regions[i - 1].end <= r.start, `${r.name} overlaps`);
  });
  assert(a.map.freeBytes >= 0);
});

Deno.test("link: a soul too big for the C64 is refused with the bytes and where", () => {
  const { tok } = seedPair();
  const shape: Shape = {
    ...DEFAULT_SHAPE,
    vocab: 256,
    embed: 96,
    heads: 6,
    headDim: 16,
    ffn: 128,
    layers: 3,
  };
  const e = assertLeft(link(blankSoul(shape), tokenizerOf(256, tok)), "does not fit", "bytes");
  assertEquals(e.kind, "link");
  assertMatch(e.message, /runs \d+ bytes into the work buffers, which start at \$[0-9A-F]{4}/);
});

Deno.test("link: shapes the engine cannot run and mismatched tokenizers are refused", () => {
  const { tok } = seedPair();
  const wide: Shape = { ...DEFAULT_SHAPE, embed: 192, heads: 8, headDim: 24 };
  assertLeft(link(blankSoul(wide), tok), "at most 128", "shape.embed");
  assertLeft(link(blankSoul(DEFAULT_SHAPE), tokenizerOf(100, tok)), "tokenizer has 100 tokens");
});

Deno.test("link: a small different shape links and runs the same engine", () => {
  const { tok } = seedPair();
  const shape: Shape = {
    vocab: 128,
    embed: 24,
    heads: 3,
    headDim: 8,
    ffn: 40,
    layers: 1,
    context: 12,
  };
  const r = assertRight(link(blankSoul(shape), tok));
  assertEquals(r.symbols.get("ED"), 24);
  assertEquals(r.symbols.get("G_FF"), 5);
});

Deno.test("link: the program assembles byte for byte the same with ACME 0.97", async () => {
  const { soul, tok } = seedPair();
  const data = linkData(soul, tok, { codeStart: 2061 });
  const ours = assertRight(link(soul, tok));
  const dir = await Deno.makeTempDir();
  try {
    for (const [name, bytes] of [...ASM_SOURCES, ...data.files]) {
      await Deno.writeFile(`${dir}/${name}`, bytes);
    }
    const args = [
      "-f",
      "plain",
      "-o",
      `${dir}/out.bin`,
      ...Object.entries(data.defines).map(([k, v]) => `-D${k}=${v}`),
      "soul64.s",
    ];
    let out: Deno.CommandOutput;
    try {
      out = await new Deno.Command("acme", { args, cwd: dir, stdout: "piped", stderr: "piped" })
        .output();
    } catch (e) {
      if (e instanceof Deno.errors.NotFound) {
        return fail("ACME 0.97 is not installed (apt-get install acme): this cross-check needs it");
      }
      throw e;
    }
    assert(out.success, new TextDecoder().decode(out.stderr));
    const acme = await Deno.readFile(`${dir}/out.bin`);
    // ours: the PRG minus its load address and the BASIC stub
    assertEquals(ours.prg.subarray(2 + 12), acme);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("link: lib/link/sources.ts embeds the current asm/ sources", async () => {
  const want = await embeddedSources(new URL("../../asm/", import.meta.url));
  const have = await Deno.readTextFile(new URL("./sources.ts", import.meta.url));
  assert(have === want, "lib/link/sources.ts is stale: run deno run -A tools/asm-sources.ts");
});
