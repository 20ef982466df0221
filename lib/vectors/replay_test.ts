/**
 * Replays every golden-vector file against the TS integer reference, and proves the committed
 * files are current (a fresh generation yields identical bytes).
 */
import { E } from "../deps.ts";
import {
  argmax,
  attentionHead,
  chatTurn,
  embed,
  expTable,
  floorDiv,
  forward,
  initialState,
  isqrt,
  matvec,
  matvecBias,
  rmsInverse,
  rmsnorm,
  step,
} from "../forward/mod.ts";
import { assert, assertEquals, assertLeft, assertRight } from "../std/assert.ts";
import { listFiles } from "../std/fs.ts";
import { bytesOf, repoPath } from "../testing/paths.ts";
import { loadVectors, loadVectorSoul, loadVectorTokenizer } from "../testing/vectors.ts";
import { generateVectors } from "./mod.ts";
import { parseVectorFile, VectorSchemas } from "./schema.ts";

const matrix = (rows: number, cols: number, shift: number, w: number[]) => ({
  rows,
  cols,
  shift,
  data: Int8Array.from(w),
});

Deno.test("vectors: every file is current (regenerating yields identical bytes)", async () => {
  const files = assertRight(generateVectors());
  // program-*.json are the C64 program's vectors, made by tools/program-vectors.ts and
  // checked by asm/program_vectors_test.ts; everything else here comes from this generator.
  const onDisk = assertRight(await listFiles(repoPath("vectors")))
    .filter((f) => !f.startsWith("program-"));
  assertEquals(
    onDisk,
    [...files.keys()].sort(),
    "the vectors/ folder holds exactly the generated files",
  );
  for (const [name, bytes] of files) {
    assertEquals(
      bytesOf(repoPath(`vectors/${name}`)),
      bytes,
      `vectors/${name} is stale: run deno task vectors`,
    );
  }
});

Deno.test("vectors: each file matches its schema and has cases", () => {
  for (const name of Object.keys(VectorSchemas) as (keyof typeof VectorSchemas)[]) {
    assert(loadVectors(name).cases.length > 0, name);
  }
  assertLeft(parseVectorFile("isqrt.json", '{"header":{},"cases":[]}'), "isqrt.json", "header");
});

Deno.test("replay: isqrt and floor division", () => {
  for (const c of loadVectors("isqrt.json").cases) {
    assertEquals(isqrt(c.n), c.root, `isqrt(${c.n})`);
  }
  for (const c of loadVectors("divide.json").cases) {
    assertEquals(floorDiv(c.num, c.den), c.quotient);
  }
});

Deno.test("replay: matvec and matvec+bias", () => {
  for (const c of loadVectors("matvec.json").cases) {
    assertEquals([...matvec(matrix(c.rows, c.cols, c.shift, c.w), c.x, c.post)], c.y);
  }
  for (const c of loadVectors("matvec-bias.json").cases) {
    const bias = { rows: c.rows, shift: c.shift, data: Int16Array.from(c.bias) };
    assertEquals([...matvecBias(matrix(c.rows, c.cols, c.shift, c.w), bias, c.x, c.post)], c.y);
  }
});

Deno.test("replay: rmsnorm, attention head, embed, argmax, EXP table", () => {
  for (const c of loadVectors("rmsnorm.json").cases) {
    assertEquals(rmsInverse(c.x), c.inv);
    assertEquals([...rmsnorm(c.x, matrix(c.g.length, 1, c.gShift, c.g))], c.y);
  }
  for (const c of loadVectors("attention-head.json").cases) {
    assertEquals([...attentionHead(c.q, c.keys, c.values, c.softmax)], c.out);
  }
  for (const c of loadVectors("embed.json").cases) {
    const te = matrix(1, c.te.length, c.teShift, c.te),
      pe = matrix(1, c.pe.length, c.peShift, c.pe);
    assertEquals([...embed(te, pe, 0, 0)], c.h);
  }
  for (const c of loadVectors("argmax.json").cases) assertEquals(argmax(c.logits, c.rule), c.id);
  for (const c of loadVectors("exp-table.json").cases) {
    assertEquals([...expTable(c.softmax)], c.table, c.softmax);
  }
});

Deno.test("replay: forward passes, KV steps and chat turns on the random souls", () => {
  for (const c of loadVectors("forward.json").cases) {
    assertEquals([...assertRight(forward(loadVectorSoul(c.soul), c.ids))], c.logits);
  }
  for (const c of loadVectors("step.json").cases) {
    const soul = loadVectorSoul(c.soul);
    let state = initialState(soul);
    c.ids.forEach((id, t) => {
      const r = assertRight(step(soul, state, id));
      assertEquals(argmax(r.logits, soul.argmax), c.argmaxIds[t], `${c.soul} position ${t}`);
      state = r.state;
    });
  }
  const stops = new Set<string>();
  let endedAtFullContext = 0;
  for (const c of loadVectors("turn.json").cases) {
    const turn = assertRight(
      chatTurn(loadVectorSoul(c.soul), loadVectorTokenizer(c.tokenizer), c.prompt),
    );
    assertEquals(
      { promptIds: turn.promptIds, replyIds: turn.replyIds, reply: turn.reply, stop: turn.stop },
      { promptIds: c.promptIds, replyIds: c.replyIds, reply: c.reply, stop: c.stop },
    );
    stops.add(c.stop);
    if (c.stop === "end" && c.promptIds.length + c.replyIds.length === 20) endedAtFullContext++;
  }
  assertEquals([...stops].sort(), ["context", "end"], "the turns exercise both ways a reply ends");
  assert(
    endedAtFullContext > 0,
    "a turn where END is chosen at the last position of a full context",
  );
  assert(E.isRight(generateVectors()));
});
