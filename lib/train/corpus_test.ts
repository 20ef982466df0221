import { assert, assertEquals, assertLeft, assertRight } from "../std/assert.ts";
import { DEFAULT_SHAPE, END, SEP } from "../soul/types.ts";
import { baseVocab } from "../tokenize/tokenizer.ts";
import {
  describeNotice,
  type Exchange,
  parseCorpus,
  splitExchanges,
  toExamples,
} from "./corpus.ts";

const charTokenizer = { vocab: baseVocab(), merges: [] };

Deno.test("parses <SEP> lines and alternating lines, skipping comments and blanks", () => {
  const text = [
    "# a comment",
    "<SEP>hello<SEP>hi there!<SEP>",
    "",
    "   # an indented comment",
    "how are you",
    "fine, thanks.",
    "<SEP> spaced   out <SEP> reply <SEP>",
  ].join("\n");
  const c = assertRight(parseCorpus(text));
  assertEquals(c.exchanges, [
    { input: "hello", reply: "hi there!", line: 2 },
    { input: "how are you", reply: "fine, thanks.", line: 5 },
    { input: "spaced out", reply: "reply", line: 7 },
  ]);
  assertEquals(c.notices, []);
});

Deno.test("uppercase is lowercased with a warning; typographic apostrophes become '", () => {
  const c = assertRight(parseCorpus("<SEP>Hello<SEP>I\u2019m HERE<SEP>"));
  assertEquals(c.exchanges[0], { input: "hello", reply: "i'm here", line: 1 });
  assertEquals(c.notices.map((n) => n.level), ["warning", "warning", "warning"]);
  assert(c.notices.some((n) => n.message.includes("lowercased")));
});

Deno.test("unusable lines are reported with line and column, and skipped", () => {
  const text = [
    "<SEP>ok<SEP>fine<SEP>",
    "<SEP>it costs 5 dollars<SEP>no<SEP>", // a digit
    "<SEP><SEP>empty input<SEP>",
    "<SEP>only one part<SEP>",
    "<SEP>ok<SEP>fine<SEP>", // duplicate
    "<SEP>caf\u00e9<SEP>yes<SEP>",
    "dangling input",
  ].join("\n");
  const c = assertRight(parseCorpus(text, "c.txt"));
  assertEquals(c.exchanges.length, 1);
  const lines = c.notices.map((n) => describeNotice(n, "c.txt"));
  assertEquals(lines.length, 6);
  assert(lines[0].startsWith('c.txt:2:15: error: character "5"'), lines[0]);
  assert(lines[1].startsWith("c.txt:3:6: error: empty input"), lines[1]);
  assert(lines[2].includes("c.txt:4:1: error: malformed line"), lines[2]);
  assert(lines[3].includes("c.txt:5: warning: duplicate of the exchange on line 1"), lines[3]);
  assert(lines[4].startsWith('c.txt:6:9: error: character "é"'), lines[4]);
  assert(lines[5].includes("c.txt:7: error: the last input line has no reply"), lines[5]);
});

Deno.test("a corpus with no usable exchange is an error, not an empty soul", () => {
  assertLeft(parseCorpus("# nothing here\n\n", "empty.txt"), "empty.txt", "no exchanges");
  assertLeft(
    parseCorpus("<SEP>7<SEP>8<SEP>", "bad.txt"),
    "bad.txt",
    "no usable exchange",
    "line 1",
  );
});

Deno.test("exchanges too long for the context are dropped with a notice", () => {
  const exchanges: Exchange[] = [
    { input: "hi", reply: "hello", line: 1 }, // 2 + 5 + 3 = 10 tokens
    { input: "abcdefgh", reply: "ijklmnop", line: 2 }, // 8 + 8 + 3 = 19
    { input: "abcdefgh", reply: "ijklmnopq", line: 3 }, // 20: fits exactly
    { input: "abcdefgh", reply: "ijklmnopqr", line: 4 }, // 21: too long
  ];
  const r = toExamples(charTokenizer, DEFAULT_SHAPE, exchanges);
  assertEquals(r.kept.map((e) => e.line), [1, 2, 3]);
  assertEquals(r.examples[0].ids, [SEP, 12, 13, SEP, 12, 9, 16, 16, 19, END]);
  assertEquals(r.examples[0].replyStart, 4);
  assertEquals(r.notices.length, 1);
  assertEquals(r.notices[0].line, 4);
  assert(r.notices[0].message.includes("8 input + 10 reply tokens + 3"), r.notices[0].message);
});

Deno.test("the held-out split is deterministic, about 10%, and never shares an input", () => {
  const exchanges: Exchange[] = [];
  for (let i = 0; i < 200; i++) {
    exchanges.push({
      input: `prompt ${"abcdefghij"[i % 10]}${"klmnopqrst"[(i >> 2) % 10]}`,
      reply: `r${i}`,
      line: i + 1,
    });
  }
  const a = splitExchanges(exchanges, 0.1, 7), b = splitExchanges(exchanges, 0.1, 7);
  assertEquals(a, b);
  assert(a.heldOut.length >= 20 && a.heldOut.length <= 30, `${a.heldOut.length} held out`);
  assertEquals(a.train.length + a.heldOut.length, 200);
  const trainInputs = new Set(a.train.map((e) => e.input));
  for (const e of a.heldOut) assert(!trainInputs.has(e.input));
  assertEquals(splitExchanges(exchanges.slice(0, 1)).heldOut.length, 0);
});
