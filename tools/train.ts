/**
 * tools/train.ts — train a soul from a chat corpus.
 *
 *   deno run -A tools/train.ts [CORPUS] [--steps N] [--output DIR] [--seed N] [--workers N] ...
 *   deno run -A tools/train.ts --bench
 *
 * Writes DIR/soul.soul, DIR/tokenizer.json, DIR/training.svg, DIR/report.json and
 * DIR/checkpoints/step-NNNNNN.ckpt; a rerun with the same corpus and options resumes from the
 * latest checkpoint.
 *
 * @module
 */
import { fail, isErr, ok, type Result, serializeTokenizer, writeSoul } from "../mod.ts";
import {
  type Checkpoint,
  createEngine,
  decodeCheckpoint,
  DEFAULT_CONFIG,
  describeEvaluation,
  describeNotice,
  dictionaryFrom,
  encodeCheckpoint,
  type EvalRecord,
  evaluateSoul,
  initialCheckpoint,
  measureThroughput,
  type Notice,
  prepare,
  type Prepared,
  type StepInfo,
  train,
  type TrainConfig,
  trainingPlot,
} from "../lib/train/mod.ts";
import { parseArgs, parseNumber } from "../lib/std/cli.ts";
import { ensureDir, exists, readBytes, readText, writeAtomic } from "../lib/std/fs.ts";
import { die, orDie } from "./common.ts";

const TOOL = "train";
const DEFAULT_CORPUS = new URL("../corpora/default.txt", import.meta.url).pathname;
const DICTIONARY = "/usr/share/dict/american-english";

const HELP = `Usage: deno run -A tools/train.ts [CORPUS] [options]

Train a soul (a 2-layer int8 transformer for the C64) on a chat corpus, with
quantization-aware training: half the shards compute exactly what the integer engine computes,
the other half use float activations, so that the int8 and float models answer alike.

CORPUS is a text file of exchanges, one per line as <SEP>input<SEP>reply<SEP>, or as
alternating input and reply lines; # starts a comment. Default: corpora/default.txt.
Problems in it are reported with their line numbers; unusable exchanges are skipped.

Output (in --output DIR):
  soul.soul         the best soul by held-out int8 accuracy (soul64 format, END can end replies)
  soul-v3.bin       the same weights in the original's v3 format (with --v3; v3 readers use the
                    legacy argmax, so replies there run to the full context, and the legacy
                    softmax: add --legacy-softmax to train for it)
  tokenizer.json    the BPE tokenizer, trained on the training split
  training.svg      loss and held-out accuracy (int8 and float) over steps
  report.json       configuration, corpus figures, every evaluation, the final evaluation
  checkpoints/      step-NNNNNN.ckpt after every evaluation; rerunning the same command
                    resumes from the latest one and ends with the same soul

Options:
  --steps N         optimizer steps (default ${DEFAULT_CONFIG.steps})
  --output DIR      output directory (default train-out)
  --seed N          seed of the initial weights and data order (default ${DEFAULT_CONFIG.seed})
  --workers N       gradient Workers (default: the CPU count, at most ${DEFAULT_CONFIG.shards});
                    0 computes in the main thread. The result does not depend on it.
  --eval-every N    evaluate, checkpoint and keep the best every N steps (default ${DEFAULT_CONFIG.evalEvery})
  --batch N         exchanges per step (default ${DEFAULT_CONFIG.batchSize})
  --lr X            peak learning rate (default ${DEFAULT_CONFIG.lr})
  --name TEXT       the soul's name, shown on the C64 (default "${DEFAULT_CONFIG.name}")
  --float-activations
                    train with float activations only (for comparison; the default
                    alternates the integer engine's exact activations and float ones)
  --legacy-softmax  train for the original's clamped EXP table, as a v3 file runs (the
                    default is the rounded table, flag bit 1 of the soul64 format)
  --v3              also write soul-v3.bin
  --fresh           ignore (and replace) checkpoints already in DIR
  --bench           measure training speed (tokens/second) on the corpus and exit
  --quiet           no progress bar or evaluation lines
  -h, --help        this text

Examples:
  deno run -A tools/train.ts                                  # the default soul, into train-out/
  deno run -A tools/train.ts my-corpus.txt --output my-soul --steps 2000
  deno run -A tools/train.ts --output /tmp/s --v3 --name "ada"
  deno run -A tools/train.ts --bench --workers 2
  deno run -A tools/evaluate.ts --soul train-out/soul.soul --tokenizer train-out/tokenizer.json
`;

const fmtTime = (ms: number): string => {
  const s = Math.max(0, Math.round(ms / 1000));
  return s >= 3600
    ? `${Math.floor(s / 3600)}h${String(Math.floor(s / 60) % 60).padStart(2, "0")}m`
    : s >= 60
    ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s`
    : `${s}s`;
};

const fmtRate = (tokensPerSecond: number): string =>
  tokensPerSecond >= 1000 ? `${(tokensPerSecond / 1000).toFixed(1)}k` : tokensPerSecond.toFixed(0);

/** Print notices grouped by message kind: the first few lines of each, then a count. */
const reportNotices = (notices: readonly Notice[], file: string): void => {
  const groups = new Map<string, Notice[]>();
  for (const n of notices) {
    const key = n.level + ":" + n.message.replace(/"[^"]*"/g, "").replace(/\d+/g, "#");
    groups.set(key, [...(groups.get(key) ?? []), n]);
  }
  for (const list of groups.values()) {
    for (const n of list.slice(0, 3)) console.error(describeNotice(n, file));
    if (list.length > 3) console.error(`  ... and ${list.length - 3} more like it`);
  }
};

/** The progress bar: redrawn in place on a terminal, a line per 10% otherwise. */
const progress = (quiet: boolean) => {
  const tty = Deno.stderr.isTerminal();
  const enc = new TextEncoder();
  let lastDraw = 0, lastDecile = -1, shown = false;
  const start = performance.now();
  const clear = () => {
    if (tty && shown) Deno.stderr.writeSync(enc.encode("\r\x1b[K"));
    shown = false;
  };
  return {
    step(info: StepInfo, firstStep: number) {
      if (quiet) return;
      const t = performance.now(), frac = info.step / info.steps;
      const decile = Math.floor(frac * 10);
      if (tty ? t - lastDraw < 100 && info.step !== info.steps : decile === lastDecile) return;
      lastDraw = t;
      lastDecile = decile;
      const done = info.step - firstStep, left = info.steps - info.step;
      const eta = done > 0 ? ((t - start) / done) * left : 0;
      const width = 24, filled = Math.round(frac * width);
      const line = `[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${
        (100 * frac).toFixed(0).padStart(3)
      }% ${info.step}/${info.steps} loss ${info.loss.toFixed(3)} ${
        fmtRate((info.tokens / Math.max(1, info.elapsedMs)) * 1000)
      } tok/s ETA ${fmtTime(eta)}`;
      if (tty) {
        Deno.stderr.writeSync(enc.encode("\r\x1b[K" + line));
        shown = true;
      } else console.error(line);
    },
    print(text: string) {
      if (quiet) return;
      clear();
      console.error(text);
    },
    done: clear,
  };
};

const describeEval = (e: EvalRecord, best: boolean): string[] => [
  `step ${e.step}: train loss ${e.trainLoss.toFixed(3)}, held-out accuracy int8 ${
    (100 * e.int8Accuracy).toFixed(1)
  }% / float ${(100 * e.floatAccuracy).toFixed(1)}%${best ? " (best so far)" : ""}`,
  ...e.probes.map((p) =>
    p.float === p.int8
      ? `  ${p.prompt} -> ${p.int8}`
      : `  ${p.prompt} -> int8: ${p.int8} | float: ${p.float}`
  ),
];

const checkpointName = (step: number) => `step-${String(step).padStart(6, "0")}.ckpt`;

/** The latest checkpoint in dir that belongs to this run, if any. */
const findCheckpoint = async (dir: string, p: Prepared): Promise<Result<Checkpoint | null>> => {
  if (!(await exists(dir))) return ok(null);
  const names: string[] = [];
  for await (const e of Deno.readDir(dir)) {
    if (e.isFile && /^step-\d+\.ckpt$/.test(e.name)) names.push(e.name);
  }
  names.sort().reverse();
  for (const name of names) {
    const bytes = await readBytes(`${dir}/${name}`);
    if (isErr(bytes)) return bytes;
    const c = decodeCheckpoint(bytes.right, `${dir}/${name}`);
    if (isErr(c)) return c;
    if (c.right.fingerprint !== p.fingerprint) {
      return fail(
        "train",
        "this checkpoint is from another corpus or other options; use --fresh to start over, or another --output",
        { file: `${dir}/${name}` },
      );
    }
    if (c.right.step <= p.config.steps) return ok(c.right);
  }
  return ok(null);
};

const main = async () => {
  const args = orDie(
    TOOL,
    parseArgs(Deno.args, {
      steps: { type: "string" },
      output: { type: "string" },
      seed: { type: "string" },
      workers: { type: "string" },
      "eval-every": { type: "string" },
      batch: { type: "string" },
      lr: { type: "string" },
      name: { type: "string" },
      "float-activations": { type: "boolean" },
      "legacy-softmax": { type: "boolean" },
      v3: { type: "boolean" },
      fresh: { type: "boolean" },
      bench: { type: "boolean" },
      quiet: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    }),
  );
  const v = args.values;
  if (v.help) return console.log(HELP);
  if (args.positionals.length > 1) {
    die(TOOL, `expected at most one corpus file, got ${args.positionals.length} (see --help)`);
  }
  const int = (name: string, min: number): number | undefined => {
    const text = v[name];
    if (typeof text !== "string") return undefined;
    const n = orDie(TOOL, parseNumber(text, `--${name}`));
    if (n < min) die(TOOL, `--${name}: expected at least ${min}, got ${n}`);
    return n;
  };
  const lr = typeof v.lr === "string" ? Number(v.lr) : undefined;
  if (lr !== undefined && !(lr > 0)) die(TOOL, `--lr: expected a positive number, got "${v.lr}"`);
  const name = typeof v.name === "string" ? v.name : DEFAULT_CONFIG.name;
  if (!/^[\x20-\x7e]{0,32}$/.test(name)) {
    die(TOOL, "--name: at most 32 printable ASCII characters");
  }
  const config: TrainConfig = {
    ...DEFAULT_CONFIG,
    steps: int("steps", 1) ?? DEFAULT_CONFIG.steps,
    seed: int("seed", 0) ?? DEFAULT_CONFIG.seed,
    evalEvery: int("eval-every", 1) ?? DEFAULT_CONFIG.evalEvery,
    batchSize: int("batch", 1) ?? DEFAULT_CONFIG.batchSize,
    lr: lr ?? DEFAULT_CONFIG.lr,
    name,
    exact: v["float-activations"] ? false : DEFAULT_CONFIG.exact,
    softmax: v["legacy-softmax"] ? "legacy" : DEFAULT_CONFIG.softmax,
  };
  const workers = int("workers", 0) ??
    Math.min(config.shards, Math.max(1, navigator.hardwareConcurrency ?? 1));
  const corpusPath = args.positionals[0] ?? DEFAULT_CORPUS;
  // How the corpus is named in messages and the report (the default one relative to the repo).
  const corpusName = args.positionals[0] ?? "corpora/default.txt";
  const quiet = v.quiet === true;

  const text = orDie(TOOL, await readText(corpusPath));
  const prep = orDie(TOOL, prepare(text, config, corpusName));
  if (!quiet) reportNotices(prep.notices, corpusName);
  const log = (s: string) => quiet || console.error(s);
  log(
    `corpus ${corpusName}: ${prep.train.length} training and ${prep.heldOut.length} held-out exchanges, ${prep.tokenizer.vocab.length} tokens`,
  );

  if (v.bench) {
    const engine = await createEngine(prep, workers);
    try {
      const r = await measureThroughput(prep, engine, 100);
      console.log(
        `training throughput: ${
          r.tokensPerSecond.toFixed(0)
        } tokens/s (${r.tokens} input tokens in ${r.steps} steps of ${config.batchSize} exchanges, ${
          (r.ms / 1000).toFixed(2)
        } s, ${workers} worker${workers === 1 ? "" : "s"}${workers === 0 ? ", main thread" : ""})`,
      );
    } finally {
      engine.close();
    }
    return;
  }

  const out = typeof v.output === "string" ? v.output : "train-out";
  const ckptDir = `${out}/checkpoints`;
  orDie(TOOL, await ensureDir(ckptDir));
  if (v.fresh) {
    for await (const e of Deno.readDir(ckptDir)) {
      if (e.isFile && /^step-\d+\.ckpt$/.test(e.name)) await Deno.remove(`${ckptDir}/${e.name}`);
    }
  }
  const resume = orDie(TOOL, await findCheckpoint(ckptDir, prep));
  const from = resume ?? initialCheckpoint(prep);
  if (resume !== null) log(`resuming from ${ckptDir}/${checkpointName(resume.step)}`);

  const wallStart = performance.now();
  const bar = progress(quiet);
  const engine = await createEngine(prep, workers);
  let outcome;
  try {
    outcome = orDie(
      TOOL,
      await train(prep, engine, from, {
        onStep: (info) => bar.step(info, from.step),
        onEval: (e, best) => describeEval(e, best).forEach((l) => bar.print(l)),
        onCheckpoint: (c) =>
          writeAtomic(`${ckptDir}/${checkpointName(c.step)}`, encodeCheckpoint(c)),
      }),
    );
  } finally {
    bar.done();
    engine.close();
  }
  const trainWall = performance.now() - wallStart;
  const { soul, checkpoint } = outcome;

  // Final evaluation of the kept soul on the held-out split.
  const dict = await readText(DICTIONARY);
  const dictionary = isErr(dict) ? undefined : dictionaryFrom(dict.right);
  if (dictionary === undefined) log(`(no ${DICTIONARY}: the real-word figure is skipped)`);
  const heldOut = prep.heldOut.length > 0 ? prep.heldOut : prep.train;
  const evaluation = orDie(TOOL, evaluateSoul(soul, prep.tokenizer, heldOut, dictionary));

  const files: [string, Uint8Array | string][] = [
    [`${out}/soul.soul`, orDie(TOOL, writeSoul(soul, "soul64"))],
    [`${out}/tokenizer.json`, serializeTokenizer(prep.tokenizer)],
    [
      `${out}/training.svg`,
      trainingPlot(
        checkpoint.losses,
        checkpoint.evals,
        `soul64 training: ${corpusPath.split("/").pop()}`,
      ),
    ],
  ];
  if (v.v3) {
    if (soul.softmax !== "legacy") {
      log("note: soul-v3.bin runs with the original's softmax table, which this soul was not");
      log("      trained for; --legacy-softmax trains for it");
    }
    files.push([`${out}/soul-v3.bin`, orDie(TOOL, writeSoul(soul, "v3"))]);
  }
  const report = {
    tool: "tools/train.ts",
    arguments: Deno.args,
    corpus: {
      file: corpusName,
      trainingExchanges: prep.train.length,
      heldOutExchanges: prep.heldOut.length,
      notices: prep.notices.map((n) => describeNotice(n, corpusName)),
    },
    config: prep.config,
    parameters: checkpoint.params.length,
    training: {
      steps: checkpoint.step,
      inputTokens: checkpoint.tokens,
      trainingSeconds: checkpoint.elapsedMs / 1000,
      tokensPerSecond: (checkpoint.tokens / checkpoint.elapsedMs) * 1000,
      wallSecondsThisRun: trainWall / 1000,
      resumedFromStep: from.step,
      workers,
    },
    best: checkpoint.best === null
      ? null
      : { step: checkpoint.best.step, int8Accuracy: checkpoint.best.score },
    evaluations: checkpoint.evals,
    final: {
      heldOutPrompts: evaluation.prompts,
      int8TeacherForcedAccuracy: evaluation.int8Accuracy.correct / evaluation.int8Accuracy.count,
      floatTeacherForcedAccuracy: evaluation.floatAccuracy.correct /
        evaluation.floatAccuracy.count,
      floatInt8Agreement: evaluation.agreeing / evaluation.prompts,
      floatInt8NextTokenAgreement: evaluation.tokenAgreement.agreeing /
        evaluation.tokenAgreement.count,
      endedWithEnd: evaluation.ended / evaluation.prompts,
      realWordShare: dictionary === undefined ? null : evaluation.realWords / evaluation.words,
      emptyReplies: evaluation.empty,
      distinctReplies: evaluation.distinct,
      repliesEqualToCorpus: evaluation.exact,
      replies: evaluation.replies,
    },
  };
  files.push([`${out}/report.json`, JSON.stringify(report, null, 2) + "\n"]);
  for (const [path, data] of files) orDie(TOOL, await writeAtomic(path, data));

  log("");
  log(`best soul: step ${report.best?.step} of ${checkpoint.step}`);
  for (const line of describeEvaluation(evaluation, false)) log(line);
  log(
    `trained ${checkpoint.step} steps, ${checkpoint.tokens} tokens at ${
      fmtRate(report.training.tokensPerSecond)
    } tok/s; wall time ${fmtTime(trainWall)}`,
  );
  console.log(`wrote ${files.map(([p]) => p).join(", ")}`);
};

try {
  await main();
} catch (e) {
  die(TOOL, (e as Error)?.message ?? String(e));
}
