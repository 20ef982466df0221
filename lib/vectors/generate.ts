/**
 * Golden-vector generation: every primitive of the integer arithmetic, a full forward pass
 * and full chat turns on seeded random souls. Pure: returns the files (path -> bytes) that
 * `tools/vectors.ts` writes under `vectors/` and that a test regenerates to prove the
 * committed files are current.
 *
 * The expected values come from the TS reference (lib/forward); the reference itself is
 * checked independently against the original's recorded vectors (../shared/compat) and by
 * brute-force tests of each primitive.
 *
 * @module
 */
import { E } from "../deps.ts";
import type { Result } from "../pipeline.ts";
import {
  argmax,
  attentionHead,
  chatTurn,
  embed,
  EXP_TABLE,
  EXP_TABLE_ROUNDED,
  floorDiv,
  forward,
  hiddenStates,
  initialState,
  isqrt,
  matvec,
  matvecBias,
  promptContext,
  rmsInverse,
  rmsnorm,
  step,
} from "../forward/mod.ts";
import { DEFAULT_SHAPE, type QMatrix, type SoftmaxRule, type Soul } from "../soul/types.ts";
import { writeSoul } from "../soul/format.ts";
import { serializeTokenizer, type Tokenizer, trainBpe } from "../tokenize/mod.ts";
import { createRng, type Rng } from "./random.ts";
import { randomSoul, withEagerEnd } from "./souls.ts";
import type { VectorFileName } from "./schema.ts";

/** The seed every vector file is generated from. */
export const VECTOR_SEED: number = 6502;
const GENERATOR = "tools/vectors.ts (lib/vectors/generate.ts)";

/** The text the random souls' tokenizer is trained on (our own words). */
export const TOKENIZER_TEXT: readonly string[] = [
  "hello there, friend! how are you today? i am fine, thank you.",
  "the little computer hums along; its blue screen glows in the dark room.",
  "we can talk about music, games, pets, the weather, or nothing at all.",
  "are you happy? are you sad? i'm here, and i'm listening to you.",
  "tell me a joke: why did the byte cross the bus? to reach the other side!",
  "good night, sleep well, and dream of sprites and sound chips.",
  "what is your name? my name is a secret, but you can call me soul.",
  "thinking takes a while on a machine this small, but it is worth the wait.",
  "do you like the sea? i like the sound of the waves and the wind.",
  "everything is going to be okay; one step at a time, one byte at a time.",
  "the keyboard clicks, the border flashes, and a reply appears letter by letter.",
  "please be kind to yourself; rest when you are tired and eat when you are hungry.",
  "yes, no, maybe: every answer is a small step forward in a long talk.",
  "i love old machines, quiet evenings, warm tea and the smell of new books.",
].map((s) => s.repeat(2));

/** The prompts of the turn vectors. */
export const TURN_PROMPTS = [
  "hello",
  "how are you?",
  "tell me a joke",
  "i'm sad today",
  "what is your name",
  "good night!",
  "do you like music",
  "i feel lonely",
  "thank you, friend",
  "zzz 123 ###",
  "ARE YOU A COMPUTER?",
  "bye",
  // On random-2 this reply fills the context and END is the model's choice at the last
  // position: the stop is "end" although no room was left (see lib/forward/chat.ts).
  "how are you today the",
];

/** The random souls: file name -> (seed, rules, format, whether END is made eager). */
const SOULS = [
  { file: "souls/random-1.soul", seed: 101, rule: "end", softmax: "legacy", format: "soul64" },
  { file: "souls/random-2.soul", seed: 202, rule: "end", softmax: "rounded", format: "soul64" },
  { file: "souls/random-3.bin", seed: 303, rule: "legacy", softmax: "legacy", format: "v3" },
] as const;
/** The soul whose END is made eager (withEagerEnd), so that some of its replies end early. */
const LOUD_END_SOUL = "souls/random-2.soul";
const TOKENIZER_FILE = "souls/random-tokenizer.json";

const header = (about: string) => ({
  about,
  generator: GENERATOR,
  seed: VECTOR_SEED,
  version: 1 as const,
});

/** JSON with one case per line: readable diffs, stable bytes. */
const toJson = (about: string, cases: readonly unknown[]): string =>
  `{\n  "header": ${JSON.stringify(header(about))},\n  "cases": [\n` +
  cases.map((c) => "    " + JSON.stringify(c)).join(",\n") + "\n  ]\n}\n";

const randomMatrix = (rng: Rng, rows: number, cols: number): QMatrix => {
  const data = new Int8Array(rows * cols);
  for (let i = 0; i < data.length; i++) data[i] = rng.int(-127, 127);
  return { rows, cols, shift: rng.int(4, 8), data };
};

const randomVector = (rng: Rng, n: number, lo: number, hi: number): number[] =>
  Array.from({ length: n }, () => rng.int(lo, hi));

/** An int16 activation vector, sometimes small, sometimes at the extremes. */
const activation = (rng: Rng, n: number): number[] => {
  const scale = [256, 2048, 32767][rng.int(0, 2)];
  return Array.from({ length: n }, () => Math.max(-32768, Math.min(32767, rng.int(-scale, scale))));
};

const isqrtCases = (rng: Rng) => {
  const ns = [0, 1, 2, 3, 4, 8, 9, 15, 16, 17, 255, 256, 65535, 65536, 2 ** 24, 2 ** 31 - 1];
  for (let r = 2; r < 46341; r = r * 3 + 1) ns.push(r * r - 1, r * r, r * r + 1);
  for (let i = 0; i < 60; i++) ns.push(rng.int(0, 2 ** 31 - 1));
  return ns.map((n) => ({ n, root: isqrt(n) }));
};

const divideCases = (rng: Rng) => {
  const cases = [
    { num: 2 ** 19, den: 1 },
    { num: 2 ** 19, den: 16 },
    { num: 2 ** 19, den: 46340 },
    { num: -1, den: 255 },
    { num: -255, den: 255 },
    { num: -256, den: 255 },
    { num: 0, den: 1 },
  ];
  for (let i = 0; i < 40; i++) cases.push({ num: 2 ** 19, den: rng.int(1, 46340) });
  for (let i = 0; i < 80; i++) {
    const den = rng.int(1, 255 * 20);
    cases.push({ num: rng.int(-32768 * den, 32767 * den), den });
  }
  return cases.map((c) => ({ ...c, quotient: floorDiv(c.num, c.den) }));
};

const matvecCases = (rng: Rng, biased: boolean) => {
  const shapes = [[32, 32], [64, 32], [32, 64], [128, 32], [4, 3], [1, 1]];
  const out = [];
  for (let i = 0; i < 24; i++) {
    const [rows, cols] = shapes[i % shapes.length];
    const w = randomMatrix(rng, rows, cols);
    const post = i % 4 === 3 ? 0 : 1;
    const x = activation(rng, cols);
    const bias = biased ? randomVector(rng, rows, -32768, 32767) : undefined;
    const y = biased
      ? matvecBias(w, { rows, shift: w.shift, data: Int16Array.from(bias!) }, x, post)
      : matvec(w, x, post);
    out.push({
      rows,
      cols,
      shift: w.shift,
      post,
      w: [...w.data],
      ...(biased ? { bias } : {}),
      x,
      y: [...y],
    });
  }
  return out;
};

const rmsnormCases = (rng: Rng) =>
  Array.from({ length: 40 }, (_, i) => {
    const x = i === 0
      ? new Array(32).fill(0)
      : i === 1
      ? new Array(32).fill(-32768)
      : activation(rng, 32);
    const g: QMatrix = {
      rows: 32,
      cols: 1,
      shift: rng.int(5, 7),
      data: Int8Array.from(randomVector(rng, 32, -127, 127)),
    };
    return { x, g: [...g.data], gShift: g.shift, inv: rmsInverse(x), y: [...rmsnorm(x, g)] };
  });

const attentionCases = (rng: Rng, softmax: SoftmaxRule) =>
  Array.from({ length: 40 }, (_, i) => {
    const n = (i % 20) + 1;
    const span = [512, 4096, 32767][i % 3];
    const vec = () => randomVector(rng, 8, -span, span);
    const q = vec(), keys = Array.from({ length: n }, vec), values = Array.from({ length: n }, vec);
    return { softmax, q, keys, values, out: [...attentionHead(q, keys, values, softmax)] };
  });

const embedCases = (rng: Rng) =>
  Array.from({ length: 24 }, (_, i) => {
    const te: QMatrix = {
      rows: 1,
      cols: 32,
      shift: [0, 4, 5, 8, 9, 12][i % 6],
      data: Int8Array.from(randomVector(rng, 32, -128, 127)),
    };
    const pe: QMatrix = {
      rows: 1,
      cols: 32,
      shift: rng.int(3, 10),
      data: Int8Array.from(randomVector(rng, 32, -128, 127)),
    };
    return {
      te: [...te.data],
      teShift: te.shift,
      pe: [...pe.data],
      peShift: pe.shift,
      h: [...embed(te, pe, 0, 0)],
    };
  });

const argmaxCases = (rng: Rng) => {
  const out = [];
  for (let i = 0; i < 30; i++) {
    const logits = randomVector(rng, 128, -32768, 32767);
    if (i % 3 === 0) {
      // Ties: the first maximum must win; put the maximum at several ids, END among them.
      const m = 32767;
      for (const id of [3, rng.int(4, 60), rng.int(61, 127)]) logits[id] = m;
    }
    if (i % 5 === 0) logits[rng.int(0, 3)] = 32767; // a special id wins only if the rule allows
    for (const rule of ["legacy", "end"] as const) {
      out.push({ logits, rule, id: argmax(logits, rule) });
    }
  }
  return out;
};

/** The mean normalized final hidden state over the turn prompts' contexts. */
const meanFinalState = (soul: Soul, tok: Tokenizer): Float64Array => {
  const sum = new Float64Array(soul.shape.embed);
  for (const prompt of TURN_PROMPTS) {
    const h = hiddenStates(soul, promptContext(tok, prompt));
    rmsnorm(h[h.length - 1], soul.norm).forEach((v, i) => (sum[i] += v));
  }
  return sum;
};

/** All vector files and the souls they use, path (relative to vectors/) -> content. */
export const generateVectors = (): Result<ReadonlyMap<string, Uint8Array>> => {
  const files = new Map<string, Uint8Array>();
  const text = (path: string, s: string) => files.set(path, new TextEncoder().encode(s));
  const rng = createRng(VECTOR_SEED);
  const put = (name: VectorFileName, about: string, cases: readonly unknown[]) =>
    text(name, toJson(about, cases));

  put("isqrt.json", "floor square roots: root = isqrt(n), n in 0..2^31-1", isqrtCases(rng));
  put(
    "divide.json",
    "floor division as rmsnorm (2^19 // r) and attention (sum // W) use it",
    divideCases(rng),
  );
  put(
    "matvec.json",
    "y = sat16((W x) >> (shift + post)), W row-major int8",
    matvecCases(rng, false),
  );
  put("matvec-bias.json", "y = sat16((W x + bias) >> (shift + post))", matvecCases(rng, true));
  put(
    "rmsnorm.json",
    "rmsnorm over 32 values: inv = min(32767, 2^19 // max(1, isqrt(max(1, sum((x>>4)^2) // n)))), y as the spec",
    rmsnormCases(rng),
  );
  put(
    "attention-head.json",
    "one head (8 dims), one query over 1..20 keys/values, EXP-table softmax (either rule)",
    // The rounded cases draw from their own generator, so adding them changed no other vector.
    [...attentionCases(rng, "legacy"), ...attentionCases(createRng(VECTOR_SEED + 1), "rounded")],
  );
  put("embed.json", "h = sat16(deshift(te, teShift) + deshift(pe, peShift))", embedCases(rng));
  put("argmax.json", "first maximum over ids 4..127 (legacy) or 3..127 (end)", argmaxCases(rng));
  put(
    "exp-table.json",
    "EXP[i] = round(255 e^(-i/16)), clamped to [1,255] for 1..126 (legacy) or not (rounded); EXP[127]=0",
    [
      { softmax: "legacy", table: [...EXP_TABLE] },
      { softmax: "rounded", table: [...EXP_TABLE_ROUNDED] },
    ],
  );

  const tok = trainBpe(TOKENIZER_TEXT, DEFAULT_SHAPE.vocab);
  if (E.isLeft(tok)) return tok;
  const tokenizer: Tokenizer = tok.right;
  text(TOKENIZER_FILE, serializeTokenizer(tokenizer));

  const forwardCases = [], stepCases = [], turnCases = [];
  for (const spec of SOULS) {
    const plain: Soul = randomSoul(
      DEFAULT_SHAPE,
      spec.seed,
      spec.rule,
      spec.format === "v3" ? "" : `random ${spec.seed}`,
      spec.softmax,
    );
    const soul = spec.file === LOUD_END_SOUL
      ? withEagerEnd(plain, meanFinalState(plain, tokenizer), 0.55)
      : plain;
    const bytes = writeSoul(soul, spec.format);
    if (E.isLeft(bytes)) return bytes;
    files.set(spec.file, bytes.right);
    for (let i = 0; i < 6; i++) {
      const ids = randomVector(rng, rng.int(1, DEFAULT_SHAPE.context), 0, DEFAULT_SHAPE.vocab - 1);
      const logits = forward(soul, ids);
      if (E.isLeft(logits)) return logits;
      forwardCases.push({ soul: spec.file, ids, logits: [...logits.right] });
    }
    const ids = randomVector(rng, DEFAULT_SHAPE.context, 0, DEFAULT_SHAPE.vocab - 1);
    let state = initialState(soul);
    const argmaxIds: number[] = [];
    for (const id of ids) {
      const r = step(soul, state, id);
      if (E.isLeft(r)) return r;
      state = r.right.state;
      argmaxIds.push(argmax(r.right.logits, soul.argmax));
    }
    stepCases.push({ soul: spec.file, ids, argmaxIds });
    for (const prompt of TURN_PROMPTS) {
      const turn = chatTurn(soul, tokenizer, prompt);
      if (E.isLeft(turn)) return turn;
      const { promptIds, replyIds, reply, stop } = turn.right;
      turnCases.push({
        soul: spec.file,
        tokenizer: TOKENIZER_FILE,
        prompt,
        promptIds,
        replyIds,
        reply,
        stop,
      });
    }
  }
  put(
    "forward.json",
    "logits of the last position for random contexts on seeded random souls",
    forwardCases,
  );
  put(
    "step.json",
    "KV-cached steps over a full 20-token context: the argmax id after each step",
    stepCases,
  );
  put(
    "turn.json",
    "greedy chat turns on seeded random souls (souls/*.soul own format, souls/*.bin v3)",
    turnCases,
  );
  return E.right(files);
};
