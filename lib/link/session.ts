/**
 * A conversation with the real C64 program: link a soul, start the PRG in the C64 harness, and
 * for each line typed, follow the program as it thinks: every token id it prints (by watching
 * its `tok_print` routine), the time each token took (by the SID blip that accompanies it), and
 * the border flashes. Tools stream from this; tests and the chat tool compare it with the TS
 * reference.
 *
 * @module
 */
import type { C64, VideoStandard } from "../c64/mod.ts";
import { E } from "../deps.ts";
import { soulError } from "../errors.ts";
import type { Result } from "../pipeline.ts";
import type { Soul } from "../soul/types.ts";
import type { Tokenizer } from "../tokenize/tokenizer.ts";
import { link } from "./mod.ts";
import { replyOnScreen, startProgram, TURN_BUDGET } from "./run.ts";

/** Cycles run between looks at the program (about 0.05 s of C64 time). */
const SLICE = 50_000;

/** What a typed line made the program do. */
export interface ProgramTurn {
  /** The line as typed. */
  readonly prompt: string;
  /** The token ids the program printed, in order. */
  readonly replyIds: readonly number[];
  /** The reply as the screen shows it (trimmed), or null when the program printed none. */
  readonly reply: string | null;
  /**
   * Why the reply ended: "end" when the program stopped on the model's choice, "context" when
   * the context was full. Null when the program gave no reply (for example, a line too long).
   */
  readonly stop: "end" | "context" | null;
  /** CPU cycles from RETURN until the program waited for the next line. */
  readonly cycles: number;
  /** CPU cycles spent on each printed token: the first from RETURN, then blip to blip. */
  readonly tokenCycles: readonly number[];
  /** Wall cycles (CPU plus VIC-II badlines) per token, as tokenCycles. */
  readonly tokenWallCycles: readonly number[];
  /** Wall cycles from RETURN until the program waited again. */
  readonly wallCycles: number;
}

/** Callbacks while a turn runs. */
export interface TurnWatch {
  /** A token id the program just printed. */
  readonly onToken?: (id: number) => void;
  /** The border colour changed (the program is thinking). */
  readonly onBorder?: (colour: number) => void;
}

/** A started program, ready for lines. */
export interface ProgramSession {
  /** The machine it runs on (screen, events, time). */
  readonly c64: C64;
  /** The program's symbols. */
  readonly symbols: ReadonlyMap<string, number>;
  /** The PRG that runs. */
  readonly prg: Uint8Array;
  /** Type one line and run until the program waits again. */
  turn(prompt: string, watch?: TurnWatch): Result<ProgramTurn>;
}

/** Link a soul and start its program, waiting at the first prompt. */
export const startSession = (
  soul: Soul,
  tok: Tokenizer,
  standard: VideoStandard = "pal",
): Result<ProgramSession> => {
  const linked = link(soul, tok);
  if (E.isLeft(linked)) return linked;
  const { prg, symbols } = linked.right;
  const tokPrint = symbols.get("tok_print");
  if (tokPrint === undefined) {
    return E.left(soulError("link", "the program has no tok_print routine", { field: "symbols" }));
  }
  const started = startProgram(prg, standard);
  if (E.isLeft(started)) return started;
  const c64 = started.right;
  let printed: number[] = [];
  let stop: "end" | "context" | null = null;
  c64.onExecute(tokPrint, (cpu) => printed.push(cpu.a));
  const endModel = symbols.get("reply_end_model"), endFull = symbols.get("reply_end_full");
  if (endModel === undefined || endFull === undefined) {
    return E.left(
      soulError("link", "the program has no reply_end_model/reply_end_full labels", {
        field: "symbols",
      }),
    );
  }
  c64.onExecute(endModel, () => (stop = "end"));
  c64.onExecute(endFull, () => (stop = "context"));

  const turn = (prompt: string, watch: TurnWatch = {}): Result<ProgramTurn> => {
    printed = [];
    stop = null;
    const before = c64.time(), blips0 = c64.blips.length;
    let border = c64.border.length, reported = 0, spent = 0;
    let typed: string | undefined = prompt + "\n";
    while (true) {
      const r = c64.runUntilIdle({ type: typed, maxCycles: SLICE });
      typed = undefined;
      if (E.isLeft(r)) return r;
      for (; reported < printed.length; reported++) watch.onToken?.(printed[reported]);
      for (; border < c64.border.length; border++) watch.onBorder?.(c64.border[border].colour);
      spent += r.right.cycles;
      if (r.right.stop === "waiting") break;
      if (r.right.stop !== "budget" || spent > TURN_BUDGET) {
        return E.left(
          soulError(
            "c64",
            `after typing ${JSON.stringify(prompt)} the program stopped: ${r.right.stop}`,
          ),
        );
      }
    }
    const after = c64.time();
    const blips = c64.blips.slice(blips0);
    const steps = (xs: number[], start: number) =>
      xs.map((x, i) => x - (i === 0 ? start : xs[i - 1]));
    const reply = replyOnScreen(c64.screenRows());
    const ids = [...printed];
    return E.right({
      prompt,
      replyIds: ids,
      reply,
      stop,
      cycles: after.cycles - before.cycles,
      tokenCycles: steps(blips.map((b) => b.cycle), before.cycles),
      tokenWallCycles: steps(blips.map((b) => b.wall), before.wallCycles),
      wallCycles: after.wallCycles - before.wallCycles,
    });
  };
  return E.right({ c64, symbols, prg, turn });
};
