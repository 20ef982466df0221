import { assert, assertEquals, assertRight } from "../std/assert.ts";
import { DEFAULT_SHAPE } from "../soul/types.ts";
import { baseVocab } from "../tokenize/tokenizer.ts";
import { type Exchange, exchangeExample } from "./corpus.ts";
import {
  checkTargets,
  describeEvaluation,
  dictionaryFrom,
  evaluateSoul,
  graphPredictions,
  graphTeacherForced,
  int8Predictions,
  int8TeacherForced,
  isRealWord,
  paramsFromSoul,
  scoringGraph,
} from "./evaluate.ts";
import { exportSoul, graphLogits, inferenceGraph, initParams } from "./model.ts";

const dict = dictionaryFrom("I\nI'm\nhello\nthere\nsixty\nfour\ncat's\n");
const tok = {
  vocab: [...baseVocab(), ...Array.from({ length: 89 }, (_, i) => `z${i}`)],
  merges: [],
};

Deno.test("dictionary words: case, trailing punctuation, contractions, hyphenated parts", () => {
  for (const w of ["hello", "Hello!", "i'm", "I'm?", "there.", "sixty-four", "cat's", "hello..."]) {
    assert(isRealWord(w, dict), w);
  }
  for (const w of ["helo", "!", "...", "-four", "hellothere", "fours"]) {
    assert(!isRealWord(w, dict), w);
  }
});

Deno.test("paramsFromSoul gives back the soul's exact values", () => {
  const soul = assertRight(
    exportSoul(DEFAULT_SHAPE, initParams(DEFAULT_SHAPE, 3, { stream: 8, qk: 1, gain: 1 }), "t"),
  );
  const again = assertRight(exportSoul(DEFAULT_SHAPE, paramsFromSoul(soul), "t"));
  assertEquals(again.te.data, soul.te.data);
  assertEquals(again.layers[1].fc2Bias.data, soul.layers[1].fc2Bias.data);
  // Run unquantized, they compute the soul's logits in exact mode.
  const g = scoringGraph(DEFAULT_SHAPE, paramsFromSoul(soul), true, false, 20);
  const q = inferenceGraph(
    DEFAULT_SHAPE,
    initParams(DEFAULT_SHAPE, 3, { stream: 8, qk: 1, gain: 1 }),
    true,
  );
  const ids = [1, 20, 30, 1, 40];
  assertEquals(graphLogits(g, ids).slice(), graphLogits(q, ids).slice());
});

Deno.test("int8 teacher forcing by the engine = by the exact float graph", () => {
  const soul = assertRight(
    exportSoul(DEFAULT_SHAPE, initParams(DEFAULT_SHAPE, 4, { stream: 8, qk: 1, gain: 1 }), "t"),
  );
  const exchanges: Exchange[] = [
    { input: "hello", reply: "hi there!", line: 1 },
    { input: "how are you?", reply: "fine.", line: 2 },
  ];
  const examples = exchanges.map((e) => exchangeExample(tok, e));
  const engine = assertRight(int8TeacherForced(soul, examples));
  const graph = graphTeacherForced(
    scoringGraph(DEFAULT_SHAPE, paramsFromSoul(soul), true, false, 64),
    examples,
  );
  assertEquals(graph, engine);
  assertEquals(engine.count, 9 + 1 + 5 + 1);
  // The choices themselves, position by position, not only their count.
  const exact = scoringGraph(DEFAULT_SHAPE, paramsFromSoul(soul), true, false, 64);
  assertEquals(graphPredictions(exact, examples), assertRight(int8Predictions(soul, examples)));
});

Deno.test("evaluateSoul counts replies, agreement and words, and checks the targets", () => {
  const soul = assertRight(
    exportSoul(DEFAULT_SHAPE, initParams(DEFAULT_SHAPE, 5, { stream: 8, qk: 1, gain: 1 }), "t"),
  );
  const exchanges: Exchange[] = [
    { input: "hello", reply: "hi there!", line: 1 },
    { input: "cat", reply: "i'm a cat.", line: 2 },
  ];
  const ev = assertRight(evaluateSoul(soul, tok, exchanges, dict));
  assertEquals(ev.prompts, 2);
  assertEquals(ev.replies.length, 2);
  assert(ev.agreeing <= 2 && ev.ended <= 2 && ev.distinct <= 2);
  assert(ev.realWords <= ev.words);
  // Next-token agreement: the positions where the float graph and the engine choose alike.
  const examples = exchanges.map((e) => exchangeExample(tok, e));
  const int8 = assertRight(int8Predictions(soul, examples));
  const float = graphPredictions(
    scoringGraph(DEFAULT_SHAPE, paramsFromSoul(soul), false, false, 64),
    examples,
  );
  assertEquals(ev.tokenAgreement.count, ev.int8Accuracy.count);
  assertEquals(ev.tokenAgreement.agreeing, int8.filter((id, i) => id === float[i]).length);
  const targets = checkTargets(ev);
  assertEquals(targets.length, 4);
  assertEquals(targets[3].met, ev.empty === 0);
  const text = describeEvaluation(ev).join("\n");
  assert(text.includes("> hello") && text.includes("target:"));
});
