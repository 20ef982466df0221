/**
 * One running C64 program as the playground drives it, without the DOM: a machine from the
 * project's harness, a keyboard, and the bookkeeping of what a person sees and hears (border
 * changes, SID blips, the C64 time each reply took).
 *
 * The keyboard. Keys a person presses wait in a queue here and move into the KERNAL's
 * keyboard buffer ($0277, count in $C6, at most 10 as the KERNAL allows) whenever there is
 * room, as the C64's keyboard scan would put them there; the harness's screen editor then
 * takes them (CHRIN echoes them, DEL and the cursor keys edit the line). Printable characters
 * become keys with the harness's own mapping (`keyOf`, which follows the character set shown).
 *
 * Time. The machine's clock only runs while the program works: the harness does not simulate
 * the time a C64 would spend waiting for a key. A turn starts when RETURN reaches a program
 * waiting in CHRIN and ends when it waits again; each blip (a note starting on the SID) is one
 * token printed, so the time between blips is the C64's time per token.
 *
 * @module
 */
import {
  type Blip,
  type BorderEvent,
  type C64,
  describeError,
  E,
  keyOf,
  type Result,
  type SoulError,
  startPrg,
} from "./lib.ts";

/** KERNAL keyboard buffer, its fill count, and its size limit. */
const KEYD = 0x0277;
const NDX = 0xc6;
const XMAX = 0x0289;
/** Return. */
const RETURN = 0x0d;

/** PETSCII codes of the keys that are not characters. */
const SPECIAL_KEYS: Readonly<Record<string, number>> = {
  Enter: RETURN,
  Backspace: 0x14, // DEL
  Delete: 0x14,
  ArrowLeft: 0x9d,
  ArrowRight: 0x1d,
  ArrowUp: 0x91,
  ArrowDown: 0x11,
  Home: 0x13,
  Insert: 0x94,
};

/** What the program is doing. */
export type Activity =
  | "running" // working (the border flashes while a reply is computed)
  | "waiting" // waiting for a typed line
  | "ended" // returned to BASIC (typed "q") or halted
  | "failed"; // the emulation stopped on an error

/** One exchange: from RETURN to the program waiting again. */
export interface TurnTiming {
  /** Wall cycle when RETURN reached the program. */
  readonly start: number;
  /** Wall cycles of the blips (one per token printed). */
  readonly tokens: readonly number[];
  /** Wall cycle when the program waited again (undefined while it works). */
  readonly end?: number;
  /** The machine's clock rate (Hz), to turn cycles into seconds. */
  readonly clockHz: number;
}

/** Seconds of C64 time a turn took, and per token. */
export const turnSeconds = (t: TurnTiming, now?: number): {
  readonly total: number;
  /** From RETURN to the first token (reading the prompt through the model included). */
  readonly first: number | undefined;
  /** Average time between tokens. */
  readonly perToken: number | undefined;
} => {
  const end = t.end ?? now ?? t.start;
  const n = t.tokens.length;
  return {
    total: (end - t.start) / t.clockHz,
    first: n > 0 ? (t.tokens[0] - t.start) / t.clockHz : undefined,
    perToken: n > 1 ? (t.tokens[n - 1] - t.tokens[0]) / (n - 1) / t.clockHz : undefined,
  };
};

/** What one slice of emulation produced. */
export interface Slice {
  readonly cycles: number;
  readonly blips: readonly Blip[];
  readonly border: readonly BorderEvent[];
}

/** The PETSCII key for a keyboard event's `key` in a character set, or -1 for none. */
export const keyFor = (key: string, charset: "upper" | "lower"): number => {
  const special = SPECIAL_KEYS[key];
  if (special !== undefined) return special;
  return key.length === 1 ? keyOf(key, charset) : -1;
};

/** A running program. */
export class Session {
  activity: Activity = "running";
  /** Why the emulation stopped, for "failed". */
  error: SoulError | undefined;
  /** The turn being computed, if any. */
  turn: TurnTiming | undefined;
  /** The last finished turn. */
  lastTurn: TurnTiming | undefined;
  /** The border colour before the oldest border event still kept. */
  borderBefore: number;
  /** Recent border events (the last two video frames' worth are enough to draw). */
  recentBorder: BorderEvent[] = [];

  readonly #keys: number[] = [];
  #blipsSeen = 0;
  #borderSeen = 0;
  #returnPending = false;

  private constructor(readonly c64: C64, readonly prg: Uint8Array) {
    this.borderBefore = c64.io.vic[0x20] & 15;
  }

  /** Load and start a PRG on a fresh PAL C64 (LOAD + RUN). */
  static start(prg: Uint8Array): Result<Session> {
    const c64 = startPrg(prg, { standard: "pal" });
    return E.isLeft(c64) ? c64 : E.right(new Session(c64.right, prg));
  }

  /** The clock rate of the machine (Hz). */
  get clockHz(): number {
    return this.c64.timing.clockHz;
  }

  /** The machine's wall cycles so far. */
  get wall(): number {
    return this.c64.time().wallCycles;
  }

  /** Queue a key press (a KeyboardEvent's `key`); false when the C64 has no such key. */
  press(key: string): boolean {
    const code = keyFor(key, this.c64.charset());
    if (code < 0) return false;
    this.#keys.push(code);
    return true;
  }

  /** Queue text as key presses ("\n" is RETURN); false if some character has no key. */
  typeText(text: string): boolean {
    let all = true;
    for (const ch of text) all = this.press(ch === "\n" ? "Enter" : ch) && all;
    return all;
  }

  /** Keys pressed but not yet in the C64's keyboard buffer. */
  get pendingKeys(): number {
    return this.#keys.length;
  }

  /** Move queued keys into the KERNAL's keyboard buffer while it has room. */
  #feedKeys(): void {
    const ram = this.c64.ram;
    const size = Math.min(ram[XMAX] || 10, 10);
    while (this.#keys.length > 0 && ram[NDX] < size) {
      const key = this.#keys.shift()!;
      ram[KEYD + ram[NDX]] = key;
      ram[NDX]++;
      if (key === RETURN) this.#returnPending = true;
    }
  }

  /** True when running would do something now (the program works, or keys wait for it). */
  get busy(): boolean {
    return this.activity === "running" ||
      (this.activity === "waiting" && (this.#keys.length > 0 || this.c64.ram[NDX] > 0));
  }

  /** Run up to `maxCycles` CPU cycles (less when the program starts waiting for a line). */
  run(maxCycles: number): Slice {
    const none: Slice = { cycles: 0, blips: [], border: [] };
    if (this.activity === "ended" || this.activity === "failed" || !this.busy) return none;
    this.#feedKeys();
    if (this.activity === "waiting") {
      if (this.#returnPending && this.turn === undefined) {
        this.turn = { start: this.wall, tokens: [], clockHz: this.clockHz };
      }
      this.activity = "running";
    }
    this.#returnPending = false;
    const r = this.c64.runUntilIdle({ maxCycles: Math.max(1, Math.floor(maxCycles)) });
    const slice = this.#collect(E.isRight(r) ? r.right.cycles : 0);
    if (E.isLeft(r)) {
      this.activity = "failed";
      this.error = r.left;
      return slice;
    }
    const stop = r.right.stop;
    if (stop === "waiting") {
      if (r.right.detail === "GETIN") {
        // a program polling the keyboard: give it the keys, it keeps running
        this.activity = "running";
        return slice;
      }
      this.activity = "waiting";
      if (this.turn !== undefined) {
        this.lastTurn = { ...this.turn, end: this.wall };
        this.turn = undefined;
      }
    } else if (stop === "basic" || stop === "halted") {
      this.activity = "ended";
    }
    return slice;
  }

  /** Pick up the blips and border changes since the last slice. */
  #collect(cycles: number): Slice {
    const blipLog = this.c64.blips;
    const borderLog = this.c64.border;
    const blips = blipLog.slice(this.#blipsSeen);
    const border = borderLog.slice(this.#borderSeen);
    this.#blipsSeen = blipLog.length;
    this.#borderSeen = borderLog.length;
    if (this.turn !== undefined && blips.length > 0) {
      this.turn = { ...this.turn, tokens: [...this.turn.tokens, ...blips.map((b) => b.wall)] };
    }
    // keep two frames of border history for drawing
    this.recentBorder.push(...border);
    const keepFrom = this.wall - 2 * this.c64.timing.cyclesPerFrame;
    let drop = 0;
    while (drop < this.recentBorder.length - 1 && this.recentBorder[drop].wall < keepFrom) drop++;
    if (drop > 0) {
      this.borderBefore = this.recentBorder[drop - 1].colour;
      this.recentBorder.splice(0, drop);
    }
    return { cycles, blips, border };
  }

  /** The screen as 25 rows of 40 characters. */
  screenRows(): string[] {
    return this.c64.screenRows();
  }

  /** The screen as text (trailing blanks removed). */
  screenText(): string {
    return this.c64.screenText();
  }

  /** A one-line description of the state, for the page. */
  describe(): string {
    switch (this.activity) {
      case "running":
        return this.turn !== undefined ? "thinking" : "running";
      case "waiting":
        return "waiting for you to type";
      case "ended":
        return "the program has ended (Reset starts it again)";
      case "failed":
        return `the emulation stopped: ${this.error ? describeError(this.error) : "?"}`;
    }
  }
}

/**
 * The last exchange on the screen, as the chat program prints it: the rows of the last
 * `YOU> ` line, then the reply after `C64> ` up to the next empty row. Wrapped rows are joined
 * (each screen row is 40 characters). Undefined when there is no such exchange.
 */
export const lastExchange = (
  rows: readonly string[],
): { readonly prompt: string; readonly reply: string } | undefined => {
  let c = -1;
  for (let r = rows.length - 1; r >= 0; r--) {
    if (rows[r].startsWith("C64> ")) {
      c = r;
      break;
    }
  }
  if (c < 0) return undefined;
  let y = c - 1;
  while (y >= 0 && !rows[y].startsWith("YOU> ")) y--;
  if (y < 0 || c - y > 2) return undefined;
  const prompt = rows.slice(y, c).map((r) => r.padEnd(40)).join("").slice(5).trim();
  let end = c + 1;
  while (end < rows.length && rows[end].trim() !== "" && !rows[end].startsWith("YOU> ")) end++;
  const reply = rows.slice(c, end).map((r) => r.padEnd(40)).join("").slice(5).trim();
  return { prompt, reply };
};
