/**
 * Running the linked program in the C64 harness as a person would: start it, type a line,
 * read the reply back from the screen, and time it by the SID blips (one per printed token).
 * Used by the end-to-end tests, the program golden vectors and `tools/bench.ts c64`.
 *
 * @module
 */
import { type C64, startPrg, type VideoStandard } from "../c64/mod.ts";
import { E } from "../deps.ts";
import { soulError } from "../errors.ts";
import type { Result } from "../pipeline.ts";

/** Cycles the title screen may take. */
const START_BUDGET = 50_000_000;
/** Cycles one turn may take (20 positions at ~2.5M each, with room). */
export const TURN_BUDGET = 400_000_000;

/** One typed line and what the program did with it. */
export interface TurnRun {
  /** The line as typed. */
  readonly prompt: string;
  /** The reply as read from the screen after "C64> " (trimmed), or null when none was given. */
  readonly reply: string | null;
  /** CPU cycles from RETURN to waiting for the next line. */
  readonly cycles: number;
  /** Wall cycles (CPU plus VIC-II badlines) from RETURN to the first token's blip, if any. */
  readonly wallToFirstToken: number | null;
  /** CPU cycles from RETURN to the first token's blip. */
  readonly cyclesToFirstToken: number | null;
  /** Wall cycles between consecutive token blips (one entry per token after the first). */
  readonly wallPerToken: readonly number[];
  /** CPU cycles between consecutive token blips. */
  readonly cyclesPerToken: readonly number[];
  /** Tokens printed (blips). */
  readonly tokens: number;
}

/**
 * The reply of the last turn on the screen: the text after "C64> " between the last two "YOU>"
 * prompts, up to the next blank row; null when that turn printed no "C64> ".
 */
export const replyOnScreen = (rows: readonly string[]): string | null => {
  const prompts = rows.flatMap((r, i) => (r.startsWith("YOU>") ? [i] : []));
  const last = prompts.length ? prompts[prompts.length - 1] : rows.length;
  const prev = prompts.length > 1 ? prompts[prompts.length - 2] : -1;
  let at = -1;
  for (let i = last - 1; i > prev; i--) {
    if (rows[i].startsWith("C64> ")) {
      at = i;
      break;
    }
  }
  if (at < 0) return null;
  let text = rows[at].slice(5);
  for (let i = at + 1; i < last && rows[i].trim() !== ""; i++) text += rows[i];
  return text.trim();
};

/** A started program, waiting at its first prompt. */
export const startProgram = (
  prg: Uint8Array,
  standard: VideoStandard = "pal",
): Result<C64> => {
  const c = startPrg(prg, { standard, maxEvents: 1_000_000 });
  if (E.isLeft(c)) return c;
  const r = c.right.runUntilIdle({ maxCycles: START_BUDGET });
  if (E.isLeft(r)) return r;
  if (r.right.stop !== "waiting") {
    return E.left(soulError("c64", `the program did not reach its prompt (${r.right.stop})`));
  }
  return E.right(c.right);
};

/** Type one line (RETURN added) and run until the program waits again. */
export const runTurn = (c64: C64, prompt: string, budget = TURN_BUDGET): Result<TurnRun> => {
  const before = c64.time();
  const blipsBefore = c64.blips.length;
  const r = c64.runUntilIdle({ type: prompt + "\n", maxCycles: budget });
  if (E.isLeft(r)) return r;
  if (r.right.stop !== "waiting") {
    return E.left(
      soulError(
        "c64",
        `after typing ${JSON.stringify(prompt)} the program stopped: ${r.right.stop}`,
      ),
    );
  }
  const blips = c64.blips.slice(blipsBefore);
  const wall = blips.map((b) => b.wall), cyc = blips.map((b) => b.cycle);
  const gaps = (xs: number[]) => xs.slice(1).map((x, i) => x - xs[i]);
  const after = c64.time();
  const rows = c64.screenRows();
  return E.right({
    prompt,
    reply: replyOnScreen(rows),
    cycles: after.cycles - before.cycles,
    wallToFirstToken: wall.length ? wall[0] - before.wallCycles : null,
    cyclesToFirstToken: cyc.length ? cyc[0] - before.cycles : null,
    wallPerToken: gaps(wall),
    cyclesPerToken: gaps(cyc),
    tokens: blips.length,
  });
};
