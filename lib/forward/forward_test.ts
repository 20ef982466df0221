import { assertEquals, assertLeft, assertRight } from "../std/assert.ts";
import { DEFAULT_SHAPE, readSoul } from "../soul/mod.ts";
import { parseTokenizer } from "../tokenize/mod.ts";
import { bytesOf, sharedPath, textOf } from "../testing/paths.ts";
import { createRng } from "../vectors/random.ts";
import { randomSoul } from "../vectors/souls.ts";
import {
  argmax,
  chatTurn,
  forward,
  hiddenStates,
  initialState,
  rmsnorm,
  step,
  stepAll,
} from "./mod.ts";

interface CompatRecord {
  prompt: string;
  prompt_ids: number[];
  generated_ids: number[];
  decoded: string;
  first_logits: number[];
  first_argmax: number;
  first_argmax_all128: number;
}

const compat = () => {
  const soul = assertRight(readSoul(bytesOf(sharedPath("compat/seed-soul.bin")), "seed-soul.bin"));
  const tok = assertRight(parseTokenizer(textOf(sharedPath("compat/seed-tokenizer.json"))));
  const doc = JSON.parse(textOf(sharedPath("compat/seed-soul-vectors.json")));
  return { soul, tok, records: doc.records as CompatRecord[] };
};

Deno.test("compat: the original's soul gives the recorded ids, logits and replies", async (t) => {
  const { soul, tok, records } = compat();
  assertEquals(records.length, 20);
  for (const r of records) {
    await t.step(r.prompt, () => {
      const logits = assertRight(forward(soul, r.prompt_ids));
      assertEquals([...logits], r.first_logits);
      assertEquals(argmax(logits, "legacy"), r.first_argmax);
      assertEquals(argmax(logits, "end") === 3 ? 3 : r.first_argmax_all128, r.first_argmax_all128);
      const turn = assertRight(chatTurn(soul, tok, r.prompt));
      assertEquals(turn.promptIds, r.prompt_ids);
      assertEquals(turn.replyIds, r.generated_ids);
      assertEquals(turn.reply, r.decoded);
      assertEquals(turn.stop, "context"); // v3's rule can never choose END
    });
  }
});

Deno.test("KV-cached steps give exactly the whole-context logits at every position", () => {
  const rng = createRng(11);
  for (const seed of [1, 2, 3]) {
    const soul = randomSoul(DEFAULT_SHAPE, seed, "end", "");
    const ids = Array.from({ length: 20 }, () => rng.int(0, 127));
    let state = initialState(soul);
    for (let t = 0; t < ids.length; t++) {
      const r = assertRight(step(soul, state, ids[t]));
      assertEquals(r.logits, assertRight(forward(soul, ids.slice(0, t + 1))), `position ${t}`);
      state = r.state;
    }
    assertEquals(state.position, 20);
    assertLeft(step(soul, state, 5), "context is full");
  }
});

Deno.test("step leaves the state it was given untouched", () => {
  const soul = randomSoul(DEFAULT_SHAPE, 4, "end", "");
  const s1 = assertRight(step(soul, initialState(soul), 7)).state;
  const copy = s1.keys.map((k) => k.slice());
  assertRight(step(soul, s1, 9));
  assertEquals(s1.keys, copy);
  assertEquals(s1.position, 1);
});

Deno.test("other shapes run too (whole context = steps)", () => {
  const shape = { vocab: 64, embed: 24, heads: 2, headDim: 12, ffn: 16, layers: 3, context: 30 };
  const soul = randomSoul(shape, 5, "legacy", "");
  const ids = Array.from({ length: 30 }, (_, i) => (i * 7) % 64);
  assertEquals(
    assertRight(stepAll(soul, initialState(soul), ids)).logits,
    assertRight(forward(soul, ids)),
  );
});

Deno.test("bad input to forward: empty, too long, ids out of range", () => {
  const soul = randomSoul(DEFAULT_SHAPE, 6, "end", "");
  assertLeft(forward(soul, []), "empty context");
  assertLeft(forward(soul, new Array(21).fill(4)), "21 tokens is longer than the soul's 20");
  assertLeft(forward(soul, [1, 128]), "ids[1]", "outside the vocabulary (0..127)");
  assertLeft(forward(soul, [1, -1]), "ids[1]");
  assertLeft(forward(soul, [1, 2.5]), "ids[1]");
  assertLeft(step(soul, initialState(soul), 300), "token id 300");
});

Deno.test("chat: empty input, no room for a reply, mismatched tokenizer", () => {
  const { soul, tok } = compat();
  assertLeft(chatTurn(soul, tok, "   "), "empty input");
  assertLeft(
    chatTurn(soul, tok, "tell me a very long story about the sea"),
    "input too long",
    "no room",
  );
  assertLeft(chatTurn(soul, { ...tok, vocab: tok.vocab.slice(0, 100) }, "hi"), "100 tokens", "128");
  // The longest prompt that still leaves room for one reply token: 17 ids + 2 SEP = 19.
  const turn = assertRight(chatTurn(soul, tok, "a".repeat(17)));
  assertEquals(turn.promptIds.length, 19);
  assertEquals(turn.replyIds.length, 1);
  assertEquals(turn.stop, "context");
});

Deno.test("chat: under the 'end' rule a reply stops when the model chooses END", () => {
  const { soul, tok } = compat();
  // Point END's output row along the prompt's final normalized state: its logit must win.
  const ids = [1, 49, 16, 56, 1];
  const hs = hiddenStates(soul, ids);
  const xn = rmsnorm(hs[hs.length - 1], soul.norm);
  const out = soul.out.data.slice();
  for (let c = 0; c < 32; c++) out[3 * 32 + c] = xn[c] >= 0 ? 127 : -127;
  const eager = { ...soul, argmax: "end" as const, out: { ...soul.out, data: out } };
  const logits = assertRight(forward(eager, ids));
  assertEquals(argmax(logits, "end"), 3);
  assertEquals(argmax(logits, "legacy") !== 3, true);
  const turn = assertRight(chatTurn(eager, tok, "hello"));
  assertEquals(turn.replyIds, []);
  assertEquals(turn.reply, "");
  assertEquals(turn.stop, "end");
  // The same soul under the legacy rule cannot stop: it fills the context.
  const legacy = assertRight(chatTurn({ ...eager, argmax: "legacy" }, tok, "hello"));
  assertEquals(legacy.stop, "context");
  assertEquals(legacy.promptIds.length + legacy.replyIds.length, 20);
});
