import { E } from "../deps.ts";
import { assert, assertEquals, assertLeft, assertRight } from "../std/assert.ts";
import { sharedPath, textOf } from "../testing/paths.ts";
import {
  BASE_CHARACTERS,
  countWords,
  decode,
  encode,
  FIRST_MERGE_ID,
  parseTokenizer,
  serializeTokenizer,
  trainBpe,
} from "./mod.ts";

Deno.test("base layout: 4 specials then 35 characters", () => {
  assertEquals(BASE_CHARACTERS.length, 35);
  assertEquals(FIRST_MERGE_ID, 39);
  assertEquals(BASE_CHARACTERS[0], " ");
  assertEquals(BASE_CHARACTERS[1], "a");
  assertEquals(BASE_CHARACTERS[34], "-");
});

Deno.test("words follow the spec's pattern and never include spaces", () => {
  assertEquals([...countWords(["I'm fine, thanks!! ok... -- x"])], [
    ["i'", 1],
    ["m", 1],
    ["fine,", 1],
    ["thanks!!", 1],
    ["ok...", 1],
    ["--", 1],
    ["x", 1],
  ]);
});

Deno.test("BPE: most frequent pair first; ties go to the pair met first", () => {
  // "ab" occurs 3 times, "cd" 3 times; "ab" is met first. Worked out by hand:
  // round 1: ab (3) vs cd (3) -> ab; round 2: cd (3); round 3: "ab"+"cd"? pairs: (ab,cd) x2 -> abcd.
  const tok = assertRight(trainBpe(["abcd abcd ab cd"], 42));
  assertEquals(tok.merges, [["a", "b"], ["c", "d"], ["ab", "cd"]]);
  assertEquals(tok.vocab.slice(FIRST_MERGE_ID), ["ab", "cd", "abcd"]);
});

Deno.test("BPE: stops when no pair occurs twice, and at the vocabulary size", () => {
  const once = assertRight(trainBpe(["xyz"], 128));
  assertEquals(once.merges.length, 0);
  const capped = assertRight(trainBpe(["hello hello world world"], 40));
  assertEquals(capped.vocab.length, 40);
  assertLeft(trainBpe(["x"], 20), "vocabSize", "39..256");
});

Deno.test("BPE training is deterministic", () => {
  const texts = ["the cat sat on the mat", "the dog sat on the log", "that is that"];
  assertEquals(trainBpe(texts, 60), trainBpe(texts, 60));
});

Deno.test("encode: characters, merges in list order, non-overlapping, left to right", () => {
  const tok = {
    vocab: ["<PAD>", "<SEP>", "<UNK>", "<END>", ...BASE_CHARACTERS, "aa", "aaa"],
    merges: [["a", "a"], ["aa", "a"]] as [string, string][],
  };
  const a = 5, aa = 39, aaa = 40;
  // "aaaaa": merge a+a left to right -> aa aa a; then aa+a -> aa aaa.
  assertEquals(encode(tok, "aaaaa"), [aa, aaa]);
  assertEquals(encode(tok, "a"), [a]);
  // Uppercase is lowercased; unknown characters become UNK (2).
  assertEquals(encode(tok, "A#"), [a, 2]);
  assertEquals(encode(tok, ""), []);
});

Deno.test("encode: a merge the vocabulary cannot express is skipped", () => {
  const tok = {
    vocab: ["<PAD>", "<SEP>", "<UNK>", "<END>", ...BASE_CHARACTERS],
    merges: [["a", "b"]] as [string, string][],
  };
  assertEquals(encode(tok, "ab"), [5, 6]);
});

Deno.test("decode skips specials; out-of-range ids are an error naming the position", () => {
  const tok = { vocab: ["<PAD>", "<SEP>", "<UNK>", "<END>", ...BASE_CHARACTERS], merges: [] };
  assertEquals(assertRight(decode(tok, [1, 12, 13, 3, 0])), "hi");
  assertLeft(decode(tok, [5, 39]), "ids[1]", "outside the vocabulary");
});

Deno.test("the original's tokenizer: encodes the recorded prompts exactly", () => {
  const tok = assertRight(parseTokenizer(textOf(sharedPath("compat/seed-tokenizer.json"))));
  const vectors = JSON.parse(textOf(sharedPath("compat/seed-soul-vectors.json")));
  assert(vectors.records.length > 0);
  for (const r of vectors.records) {
    assertEquals([1, ...encode(tok, r.prompt), 1], r.prompt_ids, r.prompt);
  }
});

Deno.test("tokenizer.json round trip keeps the original's layout", () => {
  const text = textOf(sharedPath("compat/seed-tokenizer.json"));
  const tok = assertRight(parseTokenizer(text));
  assertEquals(tok.vocab.length, 128);
  assertEquals(JSON.parse(serializeTokenizer(tok)), JSON.parse(text));
});

Deno.test("malformed tokenizer.json: the error names the file and the field path", () => {
  const good = {
    vocab: { "<PAD>": 0, "<SEP>": 1, "<UNK>": 2, "<END>": 3 },
    merges: [],
    vocab_size: 4,
  };
  assert(E.isRight(parseTokenizer(JSON.stringify(good))));
  assertLeft(parseTokenizer("{not json", "t.json"), "t.json", "not valid JSON");
  assertLeft(
    parseTokenizer(JSON.stringify({ ...good, merges: [["a", 5]] }), "t.json"),
    "t.json",
    "merges.0.1",
    "expected string",
  );
  assertLeft(
    parseTokenizer(JSON.stringify({ ...good, vocab: { ...good.vocab, x: "7" } })),
    "vocab.x",
  );
  assertLeft(parseTokenizer(JSON.stringify({ vocab: good.vocab, merges: [] })), "vocab_size");
  assertLeft(parseTokenizer(JSON.stringify({ ...good, vocab_size: 5 })), "no token has id 4");
  assertLeft(
    parseTokenizer(JSON.stringify({ ...good, vocab: { ...good.vocab, q: 3 } })),
    "already used",
  );
  assertLeft(
    parseTokenizer(JSON.stringify({ ...good, vocab: { ...good.vocab, q: 9 } })),
    "outside 0..3",
  );
  assertLeft(
    parseTokenizer(
      JSON.stringify({ ...good, vocab: { "<SEP>": 0, "<PAD>": 1, "<UNK>": 2, "<END>": 3 } }),
    ),
    "id 0 must be <PAD>",
  );
});
