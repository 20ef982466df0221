/**
 * Speed measurements, one subcommand each.
 *
 *   deno run -A tools/bench.ts cpu [--seconds N] [--json]
 *   deno run -A tools/bench.ts c64 [--soul P --tokenizer P] [--json]
 *
 * `cpu` runs the 6502 core on a long inference-like loop (a 64x64 int8-style matvec with a
 * quarter-square multiply table, in real 6502 code) and prints emulated cycles per second.
 * `c64` runs the linked chat program in the C64 harness over the compat prompts and reports
 * PAL seconds per generated token (screen on), cycles to the first token, and where the
 * cycles go (routine shares from the core's profile).
 *
 * @module
 */
import { E, type Either } from "../lib/deps.ts";
import { describeError, type SoulError, soulError } from "../lib/errors.ts";
import { parseArgs } from "../lib/std/cli.ts";
import { createCpu, createFlatBus, loadMatvec, MATVEC } from "../lib/cpu/mod.ts";
import { benchProgram } from "../lib/link/bench.ts";
import { readSoul } from "../lib/soul/mod.ts";
import { parseTokenizer } from "../lib/tokenize/mod.ts";
import { readBytesSync, readTextSync } from "../lib/std/fs.ts";

/** A PAL C64's CPU clock (Hz). */
const PAL_C64_HZ = 985_248;

interface Command {
  readonly summary: string;
  readonly help: string;
  readonly run: (argv: readonly string[]) => Either<SoulError, string>;
}

const CPU_HELP = `deno run -A tools/bench.ts cpu [options]

Runs the 6502 core on a 64x64 matrix-vector product in 6502 machine code (quarter-square
multiply tables read through LDA (zp),Y, 16-bit accumulation, STA abs,X, branches), warms it
up, then measures emulated cycles per wall-clock second.

Options:
  --seconds N   how long to measure after warm-up (default 3)
  --json        print one JSON object instead of a line of text
  -h, --help    this text

Examples:
  deno run -A tools/bench.ts cpu
  deno run -A tools/bench.ts cpu --seconds 5 --json`;

/** Emulated cycles per second on the matvec workload, measured for about `seconds`. */
const measureCpu = (seconds: number) => {
  const bus = createFlatBus();
  loadMatvec(bus.ram);
  const cpu = createCpu(bus);
  cpu.pc = MATVEC.entry;
  const slice = 20_000_000;
  // Warm-up: let V8 optimise the core before timing it.
  const warmEnd = performance.now() + Math.min(500, seconds * 250);
  while (performance.now() < warmEnd) cpu.run({ maxCycles: slice });
  const start = performance.now();
  const startCycles = cpu.cycles;
  let now = start;
  while (now - start < seconds * 1000) {
    const r = cpu.run({ maxCycles: slice });
    if (E.isLeft(r)) return r;
    now = performance.now();
  }
  const elapsed = (now - start) / 1000;
  const cycles = cpu.cycles - startCycles;
  return E.right({ cycles, seconds: elapsed, cyclesPerSecond: cycles / elapsed });
};

const cpuCommand: Command = {
  summary: "6502 core speed (emulated cycles/s) on an inference-like loop",
  help: CPU_HELP,
  run: (argv) => {
    const parsed = parseArgs(argv, {
      seconds: { type: "string" },
      json: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    });
    if (E.isLeft(parsed)) return parsed;
    const { values, positionals } = parsed.right;
    if (values.help) return E.right(CPU_HELP);
    if (positionals.length > 0) {
      return E.left(soulError("usage", `cpu: unexpected argument "${positionals[0]}"`));
    }
    let seconds = 3;
    if (typeof values.seconds === "string") {
      const n = Number(values.seconds);
      if (!(n > 0 && n <= 600)) {
        return E.left(
          soulError("usage", `--seconds: expected 0 < N <= 600, got "${values.seconds}"`),
        );
      }
      seconds = n;
    }
    const m = measureCpu(seconds);
    if (E.isLeft(m)) return m;
    const { cycles, cyclesPerSecond } = m.right;
    const speedup = cyclesPerSecond / PAL_C64_HZ;
    if (values.json) {
      return E.right(JSON.stringify({
        cyclesPerSecond: Math.round(cyclesPerSecond),
        cycles,
        seconds: Number(m.right.seconds.toFixed(3)),
        palC64Speedup: Number(speedup.toFixed(1)),
        workload: "matvec 64x64, quarter-square multiply (6502 code)",
      }));
    }
    return E.right(
      `cpu: ${(cyclesPerSecond / 1e6).toFixed(1)} M emulated cycles/s ` +
        `(${speedup.toFixed(0)}x a PAL C64)`,
    );
  },
};

const C64_HELP = `deno run -A tools/bench.ts c64 [options]

Links the chat program for a soul, runs every prompt of the compat vectors
(../shared/compat/seed-soul-vectors.json) in the C64 harness (PAL, screen on: badlines
count) and reports seconds per generated token (mean and worst), cycles to the first token,
and each routine's share of the cycles of the token steps. Every reply is checked against the
TS reference on the way.

Options:
  --soul P        soul file (default ../shared/compat/seed-soul.bin)
  --tokenizer P   tokenizer.json (default ../shared/compat/seed-tokenizer.json)
  --json          print one JSON object
  -h, --help      this text

Examples:
  deno run -A tools/bench.ts c64
  deno run -A tools/bench.ts c64 --json
  deno run -A tools/bench.ts c64 --soul corpora/soul.bin --tokenizer corpora/tokenizer.json`;

const shared = (rel: string): string => new URL(`../../shared/${rel}`, import.meta.url).pathname;

const c64Command: Command = {
  summary: "the C64 program: PAL seconds per token, first-token cycles, routine profile",
  help: C64_HELP,
  run: (argv) => {
    const parsed = parseArgs(argv, {
      soul: { type: "string" },
      tokenizer: { type: "string" },
      json: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    });
    if (E.isLeft(parsed)) return parsed;
    const { values, positionals } = parsed.right;
    if (values.help) return E.right(C64_HELP);
    if (positionals.length > 0) {
      return E.left(soulError("usage", `c64: unexpected argument "${positionals[0]}"`));
    }
    const soulPath = typeof values.soul === "string" ? values.soul : shared("compat/seed-soul.bin");
    const tokPath = typeof values.tokenizer === "string"
      ? values.tokenizer
      : shared("compat/seed-tokenizer.json");
    const bytes = readBytesSync(soulPath);
    if (E.isLeft(bytes)) return bytes;
    const soul = readSoul(bytes.right, soulPath);
    if (E.isLeft(soul)) return soul;
    const tokText = readTextSync(tokPath);
    if (E.isLeft(tokText)) return tokText;
    const tok = parseTokenizer(tokText.right, tokPath);
    if (E.isLeft(tok)) return tok;
    const vecPath = shared("compat/seed-soul-vectors.json");
    const vecText = readTextSync(vecPath);
    if (E.isLeft(vecText)) return vecText;
    let prompts: string[];
    try {
      prompts = (JSON.parse(vecText.right).records as { prompt: string }[]).map((r) => r.prompt);
    } catch (e) {
      return E.left(
        soulError("vectors", `not valid JSON (${(e as Error).message})`, { file: vecPath }),
      );
    }
    const r = benchProgram(soul.right, tok.right, prompts);
    if (E.isLeft(r)) return r;
    const b = r.right;
    if (values.json) return E.right(JSON.stringify(b));
    return E.right([
      `c64: ${b.prompts} prompts, ${b.tokens} tokens, PAL with the screen on`,
      `  per generated token: mean ${b.meanPalSecondsPerToken.toFixed(3)} s ` +
      `(${Math.round(b.meanCyclesPerToken)} cycles), worst ${
        b.worstPalSecondsPerToken.toFixed(3)
      } s`,
      `  to the first token: ${Math.round(b.cyclesToFirstToken)} cycles ` +
      `(${b.palSecondsToFirstToken.toFixed(2)} s)`,
      "  where the cycles go (token steps):",
      ...b.profile.filter((p) => p.share >= 0.005).map((p) =>
        `    ${p.routine.padEnd(14)} ${(p.share * 100).toFixed(1).padStart(5)}%`
      ),
    ].join("\n"));
  },
};

/** Subcommands. */
const COMMANDS: Readonly<Record<string, Command>> = {
  cpu: cpuCommand,
  c64: c64Command,
};

const usage = (): string =>
  [
    "deno run -A tools/bench.ts <command> [options]",
    "",
    "Commands:",
    ...Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(6)} ${c.summary}`),
    "",
    "Run `deno run -A tools/bench.ts <command> --help` for a command's options.",
    "",
    "Examples:",
    "  deno run -A tools/bench.ts cpu",
    "  deno run -A tools/bench.ts cpu --json",
    "  deno run -A tools/bench.ts c64 --json",
  ].join("\n");

const main = (argv: readonly string[]): number => {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    console.log(usage());
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS[name];
  if (command === undefined) {
    console.error(`bench: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  const r = command.run(rest);
  if (E.isLeft(r)) {
    console.error(`bench ${name}: ${describeError(r.left)}`);
    return r.left.kind === "usage" ? 2 : 1;
  }
  console.log(r.right);
  return 0;
};

if (import.meta.main) Deno.exit(main(Deno.args));
