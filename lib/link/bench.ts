/**
 * Measuring the C64 program: time per generated token in the C64 harness (PAL, screen on, so
 * badlines count), and where the cycles go (a bare-6502 replay of the same tokens with the
 * core's per-PC profile, mapped to routines through the symbol table). Also the program golden
 * vectors (prompt -> reply and cycles). Used by `tools/bench.ts c64` and
 * `tools/program-vectors.ts`.
 *
 * @module
 */
import { createCpu, createFlatBus } from "../cpu/mod.ts";
import { E } from "../deps.ts";
import { soulError } from "../errors.ts";
import { chatTurn } from "../forward/mod.ts";
import type { Result } from "../pipeline.ts";
import type { Soul } from "../soul/mod.ts";
import type { Tokenizer } from "../tokenize/mod.ts";
import { link, type Linked } from "./mod.ts";
import { runTurn, startProgram, type TurnRun } from "./run.ts";

/** A PAL C64's clock (Hz): wall cycles per second. */
export const PAL_HZ = 985_248;

/** The engine's routines, by entry label: a profile is summed per routine. */
export const ROUTINES: readonly string[] = [
  "start",
  "engine_init",
  "read_line",
  "reply",
  "feed",
  "think_tick",
  "blip_on",
  "blip_off",
  "quit",
  "print_str",
  "encode",
  "tok_print",
  "step",
  "kv_store",
  "kv_transpose",
  "att_head",
  "mul8x8",
  "deshift24",
  "embed",
  "rmsnorm",
  "square",
  "mul16x8s",
  "sat8_3",
  "residual",
  "relu",
  "argmax",
  "mv_kernel_ed",
  "mv_kernel_ff",
  "mv_kernel_hd",
  "mv_kernel_out",
  "mv_prune_init",
  "mv_newmax",
  "mv_init",
  "mv_prep",
  "mv_u_hi",
  "mv_u_lo",
  "mv_build",
  "mv_sblk",
  "mv_apply",
  "mv_chain_init",
  "mv_fin_raw",
  "mv_fin16",
  "shift_sat32",
  "qs_init",
  "qs_ptrs",
  "mul16u",
  "mul16s",
  "udiv32",
  "fdiv32s",
  "isqrt32",
  "fdiv_sat",
];

/** Cycles and share of one routine. */
export interface RoutineShare {
  readonly routine: string;
  readonly cycles: number;
  readonly share: number;
}

/** Sum a per-PC profile by routine (each PC counts for the nearest routine at or below it). */
export const profileByRoutine = (
  profile: Float64Array,
  symbols: ReadonlyMap<string, number>,
): RoutineShare[] => {
  const starts = ROUTINES.flatMap((name) => {
    const a = symbols.get(name);
    return a === undefined ? [] : [[name, a] as const];
  }).sort((a, b) => a[1] - b[1]);
  const dedup = starts.filter((s, i) => i === 0 || s[1] !== starts[i - 1][1]);
  const sums = new Map<string, number>();
  let total = 0;
  for (let pc = 0; pc < 0x10000; pc++) {
    const c = profile[pc];
    if (c === 0) continue;
    total += c;
    let name = "(other)";
    for (const [n, a] of dedup) {
      if (a <= pc) name = n;
      else break;
    }
    sums.set(name, (sums.get(name) ?? 0) + c);
  }
  return [...sums.entries()]
    .map(([routine, cycles]) => ({ routine, cycles, share: total ? cycles / total : 0 }))
    .sort((a, b) => b.cycles - a.cycles);
};

/** What `tools/bench.ts c64` reports. */
export interface BenchReport {
  /** Mean PAL seconds between consecutive tokens of a reply (screen on). */
  readonly meanPalSecondsPerToken: number;
  /** The slowest such gap. */
  readonly worstPalSecondsPerToken: number;
  /** Mean CPU cycles per generated token (same gaps). */
  readonly meanCyclesPerToken: number;
  /** Mean CPU cycles from RETURN to the first token. */
  readonly cyclesToFirstToken: number;
  /** Mean PAL seconds from RETURN to the first token. */
  readonly palSecondsToFirstToken: number;
  /** Prompts run and tokens generated. */
  readonly prompts: number;
  readonly tokens: number;
  /** Where the cycles of the token steps go. */
  readonly profile: readonly RoutineShare[];
}

/**
 * Run every prompt in the harness and profile the same token steps on a bare 6502.
 * The replies are checked against the TS reference on the way (a wrong reply is an error).
 */
export const benchProgram = (
  soul: Soul,
  tok: Tokenizer,
  prompts: readonly string[],
): Result<BenchReport> => {
  const linked = link(soul, tok);
  if (E.isLeft(linked)) return linked;
  const c64 = startProgram(linked.right.prg);
  if (E.isLeft(c64)) return c64;
  const gaps: number[] = [],
    gapCycles: number[] = [],
    first: number[] = [],
    firstWall: number[] = [];
  const profile = new Float64Array(0x10000);
  const bare = bareMachine(linked.right);
  for (const prompt of prompts) {
    const turn = chatTurn(soul, tok, prompt);
    if (E.isLeft(turn)) return turn;
    const run = runTurn(c64.right, prompt);
    if (E.isLeft(run)) return run;
    if (run.right.reply !== turn.right.reply) {
      return E.left(
        soulError(
          "c64",
          `the program answered ${JSON.stringify(run.right.reply)} to ${
            JSON.stringify(prompt)
          }, the reference ${JSON.stringify(turn.right.reply)}`,
        ),
      );
    }
    gaps.push(...run.right.wallPerToken);
    gapCycles.push(...run.right.cyclesPerToken);
    if (run.right.cyclesToFirstToken !== null) {
      first.push(run.right.cyclesToFirstToken);
      firstWall.push(run.right.wallToFirstToken!);
    }
    const ids = [...turn.right.promptIds, ...turn.right.replyIds].slice(0, soul.shape.context);
    const p = bare(ids, turn.right.promptIds.length);
    if (E.isLeft(p)) return p;
    for (let i = 0; i < 0x10000; i++) profile[i] += p.right[i];
  }
  const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
  return E.right({
    meanPalSecondsPerToken: mean(gaps) / PAL_HZ,
    worstPalSecondsPerToken: gaps.length ? Math.max(...gaps) / PAL_HZ : 0,
    meanCyclesPerToken: mean(gapCycles),
    cyclesToFirstToken: mean(first),
    palSecondsToFirstToken: mean(firstWall) / PAL_HZ,
    prompts: prompts.length,
    tokens: gaps.length + first.length,
    profile: profileByRoutine(profile, linked.right.symbols),
  });
};

/**
 * A bare 6502 with the program loaded: feeds ids through `step` (prompt ids without logits but
 * the last, as the program does) and returns the profile of the steps after the prompt.
 */
const bareMachine = (prog: Linked) => {
  const bus = createFlatBus();
  const ram = bus.ram;
  ram.set(prog.prg.subarray(2), prog.prg[0] | (prog.prg[1] << 8));
  const cpu = createCpu(bus);
  const sym = (n: string) => prog.symbols.get(n) ?? 0;
  const RET = 0x0340;
  const call = (name: string, profile?: Float64Array): Result<void> => {
    ram[0x1ff] = (RET - 1) >> 8;
    ram[0x1fe] = (RET - 1) & 0xff;
    cpu.s = 0xfd;
    cpu.pc = sym(name);
    const r = cpu.run({ maxCycles: 100_000_000, stopAt: RET, stopOnSelfLoop: false, profile });
    if (E.isLeft(r)) return r;
    return r.right.reason === "stop-pc"
      ? E.right(undefined)
      : E.left(soulError("cpu", `${name} did not return (${r.right.reason})`));
  };
  const init = call("engine_init");
  return (ids: readonly number[], promptLength: number): Result<Float64Array> => {
    if (E.isLeft(init)) return init;
    const profile = new Float64Array(0x10000);
    for (let pos = 0; pos < ids.length; pos++) {
      ram[sym("s_tok")] = ids[pos];
      ram[sym("s_pos")] = pos;
      ram[sym("s_nolog")] = pos < promptLength - 1 ? 0x80 : 0x40; // as main.s does
      const r = call("step", pos >= promptLength ? profile : undefined);
      if (E.isLeft(r)) return r;
    }
    return E.right(profile);
  };
};

/** One program golden vector: a typed line, the reply on the screen, and the cycles. */
export interface ProgramCase {
  readonly prompt: string;
  readonly reply: string | null;
  readonly tokens: number;
  /** CPU cycles from RETURN until the program waits for the next line. */
  readonly cycles: number;
  /** CPU cycles from RETURN to the first token (null: no reply). */
  readonly cyclesToFirstToken: number | null;
}

/** Run prompts in order on one started program; the golden vectors of the full program. */
export const programCases = (
  prg: Uint8Array,
  prompts: readonly string[],
): Result<ProgramCase[]> => {
  const c64 = startProgram(prg);
  if (E.isLeft(c64)) return c64;
  const out: ProgramCase[] = [];
  for (const prompt of prompts) {
    const r: Result<TurnRun> = runTurn(c64.right, prompt);
    if (E.isLeft(r)) return r;
    out.push({
      prompt,
      reply: r.right.reply,
      tokens: r.right.tokens,
      cycles: r.right.cycles,
      cyclesToFirstToken: r.right.cyclesToFirstToken,
    });
  }
  return E.right(out);
};
