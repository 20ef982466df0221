import { assert, assertEquals, assertLeft, assertRight } from "../std/assert.ts";
import { E } from "../deps.ts";
import { writeSoul } from "../soul/mod.ts";
import type { Shape } from "../soul/types.ts";
import { type Checkpoint, decodeCheckpoint, encodeCheckpoint } from "./checkpoint.ts";
import { DEFAULT_CONFIG, type TrainConfig } from "./config.ts";
import { int8TeacherForced, rate } from "./evaluate.ts";
import {
  createEngine,
  initialCheckpoint,
  minibatchOrder,
  prepare,
  type Prepared,
  shardJobs,
  train,
} from "./trainer.ts";

const TINY: Shape = {
  vocab: 128,
  embed: 16,
  heads: 2,
  headDim: 8,
  ffn: 32,
  layers: 1,
  context: 20,
};

const CORPUS = [
  "# a tiny corpus",
  "<SEP>hi<SEP>hello!<SEP>",
  "<SEP>hello<SEP>hi there!<SEP>",
  "<SEP>how are you<SEP>good, thanks.<SEP>",
  "<SEP>bye<SEP>see you soon!<SEP>",
  "<SEP>i am sad<SEP>i am here.<SEP>",
  "<SEP>thanks<SEP>you are welcome.<SEP>",
  "<SEP>who are you<SEP>a small soul.<SEP>",
  "<SEP>tell me a joke<SEP>no jokes today.<SEP>",
  "<SEP>good night<SEP>sleep well!<SEP>",
  "<SEP>i love you<SEP>aww, thanks!<SEP>",
  "<SEP>what is this<SEP>a commodore.<SEP>",
  "<SEP>are you ok<SEP>yes, i am.<SEP>",
].join("\n");

const tinyConfig = (over: Partial<TrainConfig> = {}): TrainConfig => ({
  ...DEFAULT_CONFIG,
  shape: TINY,
  steps: 20,
  batchSize: 8,
  shards: 4,
  warmup: 5,
  lr: 1e-2,
  evalEvery: 10,
  heldOut: 0.1,
  probes: ["hi"],
  ...over,
});

const prepared = (over: Partial<TrainConfig> = {}): Prepared =>
  assertRight(prepare(CORPUS, tinyConfig(over), "tiny.txt"));

/** Train with `workers`, collecting the checkpoints handed out. */
const run = async (p: Prepared, workers: number, from?: Checkpoint) => {
  const saved: Checkpoint[] = [];
  const engine = await createEngine(p, workers);
  try {
    const out = assertRight(
      await train(p, engine, from ?? initialCheckpoint(p), {
        onCheckpoint: (c) => {
          saved.push(c);
          return Promise.resolve(E.right(undefined));
        },
      }),
    );
    return { ...out, saved };
  } finally {
    engine.close();
  }
};

Deno.test("prepare: splits, tokenizes, and refuses a corpus with nothing usable", () => {
  const p = prepared();
  // Every exchange is used, or dropped with a notice (a tiny corpus gives few merges, so some
  // exchanges are too long for the context).
  assertEquals(p.train.length + p.heldOut.length + p.notices.length, 12);
  assert(p.notices.every((n) => n.message.includes("too long")));
  assert(p.heldOut.length >= 1);
  assertEquals(p.shape.embed, 16);
  assertEquals(p.shape.vocab, p.tokenizer.vocab.length);
  assertLeft(prepare("# only comments\n", tinyConfig(), "empty.txt"), "empty.txt", "no exchanges");
  assertLeft(
    prepare("<SEP>a b c d e f g h i j<SEP>k l m n o p q r s t<SEP>", tinyConfig(), "long.txt"),
    "long.txt",
    "no exchange fits the context",
  );
});

Deno.test("the data order visits every example once per epoch, the same for the same seed", () => {
  const order = minibatchOrder(10, 4, 7);
  const seen = [...order(0), ...order(1), ...order(2)].slice(0, 10).sort((a, b) => a - b);
  assertEquals(seen, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  assertEquals(minibatchOrder(10, 4, 7)(5), order(5));
  assertEquals(shardJobs([1, 2, 3, 4, 5], 2, 9), [
    { shard: 0, step: 9, examples: [1, 2, 3] },
    { shard: 1, step: 9, examples: [4, 5] },
  ]);
});

Deno.test("a tiny model's loss falls and the int8 soul learns its replies", async () => {
  const p = prepared({ steps: 300, evalEvery: 100, heldOut: 0 });
  const out = await run(p, 0);
  const losses = out.checkpoint.losses;
  const first = losses.slice(0, 10).reduce((a, b) => a + b) / 10;
  const last = losses.slice(-10).reduce((a, b) => a + b) / 10;
  assert(last < first / 3, `loss ${first} -> ${last}`);
  const acc = rate(assertRight(int8TeacherForced(out.soul, p.trainExamples)));
  assert(acc > 0.9, `int8 teacher-forced accuracy on the training set ${acc}`);
});

Deno.test("same seed, same soul: with the main thread or with 2 Workers", async () => {
  const p = prepared();
  const a = await run(p, 0), b = await run(p, 2);
  assertEquals(b.checkpoint.params, a.checkpoint.params);
  assertEquals(assertRight(writeSoul(b.soul, "soul64")), assertRight(writeSoul(a.soul, "soul64")));
  assertEquals(b.checkpoint.losses, a.checkpoint.losses);
  const c = await run(prepared({ seed: 2 }), 0);
  assert(c.checkpoint.losses[0] !== a.checkpoint.losses[0], "another seed, another run");
});

Deno.test("the softmax rule and the decision margin reach the soul and the Workers", async () => {
  const rounded = await run(prepared(), 0);
  assertEquals(rounded.soul.softmax, "rounded");
  const legacy = await run(prepared({ softmax: "legacy" }), 0);
  assertEquals(legacy.soul.softmax, "legacy");
  const margin = { weight: 0.2, gap: 0.5, firstTokenOnly: true };
  const a = await run(prepared({ margin }), 0), b = await run(prepared({ margin }), 2);
  assertEquals(b.checkpoint.params, a.checkpoint.params);
  assert(a.checkpoint.losses[5] !== rounded.checkpoint.losses[5], "the margin changes the loss");
});

Deno.test("a run resumed from a checkpoint ends exactly like an uninterrupted one", async () => {
  const p = prepared({ steps: 30 });
  const whole = await run(p, 0);
  assertEquals(whole.saved.map((c) => c.step), [10, 20, 30]);
  // Resume from the step-10 checkpoint, read back from its bytes as a rerun would.
  const from = assertRight(decodeCheckpoint(encodeCheckpoint(whole.saved[0])));
  const resumed = await run(p, 2, from);
  assertEquals(resumed.checkpoint.params, whole.checkpoint.params);
  assertEquals(resumed.checkpoint.losses, whole.checkpoint.losses);
  assertEquals(resumed.checkpoint.evals, whole.checkpoint.evals);
  assertEquals(resumed.checkpoint.best?.step, whole.checkpoint.best?.step);
  assertEquals(
    assertRight(writeSoul(resumed.soul, "soul64")),
    assertRight(writeSoul(whole.soul, "soul64")),
  );
});

Deno.test("a checkpoint from another configuration is refused", async () => {
  const p = prepared(), other = prepared({ lr: 0.02 });
  const engine = await createEngine(p, 0);
  try {
    assertLeft(await train(p, engine, initialCheckpoint(other)), "another corpus or configuration");
  } finally {
    engine.close();
  }
});
