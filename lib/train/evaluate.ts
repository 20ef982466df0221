/**
 * Scoring a soul on held-out exchanges: the int8 model through the integer reference engine
 * (`lib/forward`), side by side with the float model (the same weights, float activations).
 *
 * Figures:
 * - teacher-forced accuracy: feed `[SEP] input [SEP] reply`, and count the positions where the
 *   argmax (rule "end") is the next reply token or the final END;
 * - greedy replies (the chat turn as the C64 runs it): how many end with END rather than
 *   filling the context, how many are empty, how many distinct, what share of their words are
 *   dictionary words, and on how many prompts the float and int8 replies are identical.
 *
 * @module
 */
import { E } from "../deps.ts";
import { chatTurn, initialState, step } from "../forward/mod.ts";
import type { Result } from "../pipeline.ts";
import { argmaxFirstId, type SoftmaxRule, type Soul } from "../soul/types.ts";
import { decode } from "../tokenize/encode.ts";
import type { Tokenizer } from "../tokenize/tokenizer.ts";
import { type Example, exampleTargets, fillBatch } from "./batch.ts";
import { type Exchange, exchangeExample } from "./corpus.ts";
import {
  argmaxFrom,
  buildGraph,
  type Graph,
  graphGenerate,
  paramSlots,
  TRAINED_SOFTMAX,
} from "./model.ts";

/** Correct predictions out of scored positions. */
export interface Accuracy {
  /** Positions whose argmax was the right token. */
  readonly correct: number;
  /** Positions scored (reply tokens and END). */
  readonly count: number;
}

/** correct / count (0 when nothing was scored). */
export const rate = (a: Accuracy): number => (a.count === 0 ? 0 : a.correct / a.count);

/** The targets of examples, in scoring order: every reply token and the END after it. */
const targetsOf = (examples: readonly Example[]): number[] =>
  examples.flatMap((ex) => ex.ids.slice(ex.replyStart));

/** How many targets the examples have (the length of targetsOf). */
const targetCount = (examples: readonly Example[]): number =>
  examples.reduce((n, ex) => n + exampleTargets(ex), 0);

/** How many predictions equal the targets. */
const accuracyOf = (predicted: ArrayLike<number>, targets: readonly number[]): Accuracy => {
  let correct = 0;
  for (let i = 0; i < targets.length; i++) if (predicted[i] === targets[i]) correct++;
  return { correct, count: targets.length };
};

/**
 * The int8 soul's teacher-forced next-token choices (argmax) at every reply token and END of
 * the examples, in order, run by the integer reference (KV steps).
 */
export const int8Predictions = (
  soul: Soul,
  examples: readonly Example[],
): Result<Int32Array> => {
  const out = new Int32Array(targetCount(examples));
  const first = argmaxFirstId(soul.argmax);
  let n = 0;
  for (const ex of examples) {
    let state = initialState(soul);
    for (let t = 0; t + 1 < ex.ids.length; t++) {
      const r = step(soul, state, ex.ids[t]);
      if (E.isLeft(r)) return r;
      state = r.right.state;
      if (t + 1 >= ex.replyStart) out[n++] = argmaxFrom(r.right.logits, first);
    }
  }
  return E.right(out);
};

/** Teacher-forced accuracy of the int8 soul, run by the integer reference (KV steps). */
export const int8TeacherForced = (soul: Soul, examples: readonly Example[]): Result<Accuracy> =>
  E.map((p: Int32Array) => accuracyOf(p, targetsOf(examples)))(int8Predictions(soul, examples));

/** A graph for scoring many examples at once (no loss). */
export const scoringGraph = (
  soul: Soul["shape"],
  params: Float64Array,
  exact: boolean,
  quantize: boolean,
  maxRows: number,
  softmax: SoftmaxRule = TRAINED_SOFTMAX,
): Graph =>
  buildGraph(soul, params, new Float64Array(params.length), {
    maxRows,
    exact,
    softmax,
    smoothing: 0,
    withLoss: false,
    quantizeWeights: quantize,
  });

/**
 * A graph's teacher-forced next-token choices at every reply token and END of the examples, in
 * order (the same order as int8Predictions), run in chunks of examples that fit its batch.
 */
export const graphPredictions = (g: Graph, examples: readonly Example[]): Int32Array => {
  const out = new Int32Array(targetCount(examples));
  const cap = g.batch.tokens.length, vs = g.shape.vocab, first = argmaxFirstId("end");
  let i = 0, n = 0;
  while (i < examples.length) {
    let rows = 0, j = i;
    while (j < examples.length && rows + examples[j].ids.length - 1 <= cap) {
      rows += examples[j].ids.length - 1;
      j++;
    }
    if (j === i) throw new RangeError("graphPredictions: an example does not fit the batch");
    fillBatch(g.batch, examples.slice(i, j), 1);
    g.tape.forward();
    for (let r = 0; r < g.batch.targetCount; r++) {
      out[n++] = argmaxFrom(g.logits.data.subarray(r * vs, (r + 1) * vs), first);
    }
    i = j;
  }
  return out;
};

/** Teacher-forced accuracy of a float graph. */
export const graphTeacherForced = (g: Graph, examples: readonly Example[]): Accuracy =>
  accuracyOf(graphPredictions(g, examples), targetsOf(examples));

/** A soul's weights as a flat parameter vector (biases divided back from the accumulator). */
export const paramsFromSoul = (soul: Soul): Float64Array => {
  const slots = paramSlots(soul.shape);
  const p = new Float64Array(slots.reduce((n, s) => n + s.size, 0));
  const tensors = new Map<string, { data: ArrayLike<number>; shift: number; bias: boolean }>();
  tensors.set("te", { ...soul.te, bias: false });
  tensors.set("pe", { ...soul.pe, bias: false });
  soul.layers.forEach((l, i) => {
    const p = `layer${i}.`;
    const m = (name: string, q: { data: ArrayLike<number>; shift: number }, bias = false) =>
      tensors.set(p + name, { data: q.data, shift: q.shift, bias });
    m("n1", l.n1);
    m("q", l.q);
    m("k", l.k);
    m("v", l.v);
    m("proj", l.proj);
    m("n2", l.n2);
    m("fc1_w", l.fc1);
    m("fc1_b", l.fc1Bias, true);
    m("fc2_w", l.fc2);
    m("fc2_b", l.fc2Bias, true);
  });
  tensors.set("norm", { ...soul.norm, bias: false });
  tensors.set("out", { ...soul.out, bias: false });
  for (const s of slots) {
    const t = tensors.get(s.name)!;
    const scale = 2 ** -(t.shift + (t.bias ? 8 : 0));
    for (let i = 0; i < s.size; i++) p[s.offset + i] = t.data[i] * scale;
  }
  return p;
};

/** Words of a reply: split at spaces. */
const words = (reply: string): string[] => reply.split(" ").filter((w) => w !== "");

/**
 * Whether a word is a dictionary word: compared lowercased, after dropping punctuation at its
 * end (a word may end with punctuation; "i'm" counts if the dictionary lists it). A hyphenated
 * compound counts when each part does ("sixty-four"). A piece that is only punctuation is not
 * a word.
 */
export const isRealWord = (word: string, dictionary: ReadonlySet<string>): boolean => {
  const w = word.toLowerCase().replace(/[.!?,;:-]+$/, "");
  if (w === "" || !/[a-z]/.test(w)) return false;
  if (dictionary.has(w) || (w.endsWith("'") && dictionary.has(w.slice(0, -1)))) return true;
  const parts = w.split("-");
  return parts.length > 1 && parts.every((p) => p !== "" && dictionary.has(p));
};

/** A dictionary from a word list (one word a line), lowercased. */
export const dictionaryFrom = (text: string): ReadonlySet<string> =>
  new Set(text.split(/\r?\n/).map((w) => w.trim().toLowerCase()).filter((w) => w !== ""));

/** One held-out prompt, answered by both models. */
export interface ReplyPair {
  /** The prompt. */
  readonly input: string;
  /** The corpus's reply. */
  readonly expected: string;
  /** The int8 soul's greedy reply. */
  readonly int8: string;
  /** Why the int8 reply stopped. */
  readonly int8Stop: "end" | "context";
  /** The float model's greedy reply. */
  readonly float: string;
  /** Why the float reply stopped. */
  readonly floatStop: "end" | "context";
}

/** The figures of one soul on a set of exchanges. */
export interface SoulEvaluation {
  /** Distinct prompts answered greedily. */
  readonly prompts: number;
  /** Int8 teacher-forced accuracy on reply tokens + END. */
  readonly int8Accuracy: Accuracy;
  /** Float teacher-forced accuracy on the same positions. */
  readonly floatAccuracy: Accuracy;
  /**
   * Teacher-forced positions where the float and int8 models choose the same next token: a
   * finer (and much less noisy) measure of their agreement than whole greedy replies.
   */
  readonly tokenAgreement: { readonly agreeing: number; readonly count: number };
  /** Prompts whose float and int8 greedy replies are the same tokens. */
  readonly agreeing: number;
  /** Int8 replies that ended with END (not by filling the context). */
  readonly ended: number;
  /** Empty int8 replies. */
  readonly empty: number;
  /** Distinct int8 replies. */
  readonly distinct: number;
  /** Int8 replies identical to one of the corpus's replies to that prompt. */
  readonly exact: number;
  /** Words in the int8 replies, and how many are dictionary words (when a dictionary is given). */
  readonly words: number;
  /** Dictionary words among them. */
  readonly realWords: number;
  /** Every prompt's replies. */
  readonly replies: readonly ReplyPair[];
}

/** Answer prompts with both models: int8 by chatTurn, float by the float graph. */
export const answer = (
  soul: Soul,
  tok: Tokenizer,
  floatGraph: Graph,
  exchange: Exchange,
): Result<ReplyPair> => {
  const turn = chatTurn(soul, tok, exchange.input);
  if (E.isLeft(turn)) return turn;
  const f = graphGenerate(floatGraph, turn.right.promptIds);
  const text = decode(tok, f.ids);
  if (E.isLeft(text)) return text;
  return E.right({
    input: exchange.input,
    expected: exchange.reply,
    int8: turn.right.reply,
    int8Stop: turn.right.stop,
    float: text.right.trim(),
    floatStop: f.stop,
  });
};

/**
 * Evaluate a soul on exchanges (they must fit its context; see toExamples). Teacher forcing
 * scores every exchange; the greedy replies are made once per distinct prompt (a held-out
 * prompt may come with several corpus replies: the first is shown as "expected"). The float
 * model runs the soul's own weights with float activations. Without a dictionary, `realWords`
 * is 0.
 */
export const evaluateSoul = (
  soul: Soul,
  tok: Tokenizer,
  exchanges: readonly Exchange[],
  dictionary?: ReadonlySet<string>,
): Result<SoulEvaluation> => {
  const examples = exchanges.map((e) => exchangeExample(tok, e));
  const int8 = int8Predictions(soul, examples);
  if (E.isLeft(int8)) return int8;
  const params = paramsFromSoul(soul);
  const batchGraph = scoringGraph(soul.shape, params, false, false, 64 * soul.shape.context);
  const float = graphPredictions(batchGraph, examples), targets = targetsOf(examples);
  let sameToken = 0;
  for (let i = 0; i < targets.length; i++) if (float[i] === int8.right[i]) sameToken++;
  const single = scoringGraph(soul.shape, params, false, false, soul.shape.context);
  const replies: ReplyPair[] = [];
  const replyOf = new Map<string, readonly string[]>();
  for (const e of exchanges) replyOf.set(e.input, [...(replyOf.get(e.input) ?? []), e.reply]);
  let agreeing = 0, ended = 0, empty = 0, exact = 0, nWords = 0, real = 0;
  for (const [input, expected] of replyOf) {
    const r = answer(soul, tok, single, { input, reply: expected[0], line: 0 });
    if (E.isLeft(r)) return r;
    const p = r.right;
    replies.push(p);
    if (p.int8 === p.float && p.int8Stop === p.floatStop) agreeing++;
    if (p.int8Stop === "end") ended++;
    if (p.int8 === "") empty++;
    if (expected.includes(p.int8)) exact++;
    for (const w of words(p.int8)) {
      nWords++;
      if (dictionary !== undefined && isRealWord(w, dictionary)) real++;
    }
  }
  return E.right({
    prompts: replies.length,
    int8Accuracy: accuracyOf(int8.right, targets),
    floatAccuracy: accuracyOf(float, targets),
    tokenAgreement: { agreeing: sameToken, count: targets.length },
    agreeing,
    ended,
    empty,
    distinct: new Set(replies.map((r) => r.int8)).size,
    exact,
    words: nWords,
    realWords: real,
    replies,
  });
};

/** One target the default soul must meet, checked. */
export interface TargetCheck {
  /** What is measured. */
  readonly name: string;
  /** The measured share (0..1), or count. */
  readonly value: number;
  /** The required bound. */
  readonly bound: number;
  /** Whether the bound is met. */
  readonly met: boolean;
}

/**
 * The project's targets for a trained soul on held-out prompts: float and int8 greedy replies
 * agree on >= 95%, >= 95% of int8 reply words are dictionary words, >= 90% of int8 replies end
 * with END, and none is empty.
 */
export const checkTargets = (ev: SoulEvaluation): readonly TargetCheck[] => {
  const share = (a: number, b: number) => (b === 0 ? 0 : a / b);
  const t = (name: string, value: number, bound: number, met: boolean): TargetCheck => ({
    name,
    value,
    bound,
    met,
  });
  const agree = share(ev.agreeing, ev.prompts), real = share(ev.realWords, ev.words);
  const ended = share(ev.ended, ev.prompts);
  return [
    t("float and int8 greedy replies agree", agree, 0.95, agree >= 0.95),
    t("dictionary words in int8 replies", real, 0.95, real >= 0.95),
    t("int8 replies ending with END", ended, 0.9, ended >= 0.9),
    t("empty int8 replies", ev.empty, 0, ev.empty === 0),
  ];
};

/** The evaluation as lines of text (figures, then prompt / float / int8 replies). */
export const describeEvaluation = (ev: SoulEvaluation, withReplies = true): string[] => {
  const pct = (a: number, b: number) => (b === 0 ? "n/a" : `${(100 * a / b).toFixed(1)}%`);
  const lines = [
    `prompts (distinct):               ${ev.prompts}`,
    `int8 teacher-forced accuracy:     ${
      pct(ev.int8Accuracy.correct, ev.int8Accuracy.count)
    } (${ev.int8Accuracy.correct}/${ev.int8Accuracy.count} reply tokens + END)`,
    `float teacher-forced accuracy:    ${pct(ev.floatAccuracy.correct, ev.floatAccuracy.count)}`,
    `float = int8 next token (forced): ${
      pct(ev.tokenAgreement.agreeing, ev.tokenAgreement.count)
    } (${ev.tokenAgreement.agreeing}/${ev.tokenAgreement.count})`,
    `float = int8 greedy replies:      ${
      pct(ev.agreeing, ev.prompts)
    } (${ev.agreeing}/${ev.prompts})`,
    `int8 replies ending with END:     ${pct(ev.ended, ev.prompts)} (${ev.ended}/${ev.prompts})`,
    `dictionary words in int8 replies: ${
      pct(ev.realWords, ev.words)
    } (${ev.realWords}/${ev.words})`,
    `empty int8 replies:               ${ev.empty}`,
    `distinct int8 replies:            ${ev.distinct}`,
    `int8 replies equal to the corpus: ${ev.exact}`,
    ...checkTargets(ev).map((c) =>
      `target: ${c.name} ${c.name.startsWith("empty") ? `= ${c.bound}` : `>= ${100 * c.bound}%`}: ${
        c.met ? "met" : "NOT met"
      }`
    ),
  ];
  if (withReplies) {
    for (const r of ev.replies) {
      lines.push(
        "",
        `> ${r.input}`,
        `  corpus: ${r.expected}`,
        `  float:  ${r.float}${r.floatStop === "context" ? " [context full]" : ""}`,
        `  int8:   ${r.int8}${r.int8Stop === "context" ? " [context full]" : ""}`,
      );
    }
  }
  return lines;
};
