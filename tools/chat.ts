/**
 * tools/chat.ts — talk to a soul, by default on the real C64 program in the emulator.
 *
 * Interactive:  deno task chat                        (YOU> prompt; q or Ctrl-D quits)
 * One prompt:   deno run -A tools/chat.ts --prompt "hello"
 * Machine mode: deno run -A tools/chat.ts --json < prompts.txt   (one JSON object per line)
 */
import {
  chatTurn,
  checkPair,
  describeError,
  isErr,
  type ProgramSession,
  type ProgramTurn,
  type Result,
  type Soul,
  startSession,
  type Tokenizer,
  type Turn,
} from "../mod.ts";
import { parseArgs } from "../lib/std/cli.ts";
import {
  DEFAULT_SOUL,
  DEFAULT_TOKENIZER,
  die,
  loadSoul,
  loadTokenizer,
  orDie,
  readStdinLines,
} from "./common.ts";

const HELP = `Usage: deno task chat [--engine 6502|ref] [--soul PATH] [--tokenizer PATH] [options]

Talk to a soul. The default engine runs the real C64 program (the PRG this soul links to) in
the project's cycle-exact C64 emulator and shows the C64's own time per token; --engine ref
uses the host integer reference. Both give the same replies: the 6502 engine checks every
reply against the reference and reports a mismatch loudly (exit code 2).

Options:
  --engine NAME     6502 (default) or ref
  --soul PATH       soul file, v3 or soul64 format (default: corpora/default.soul)
  --tokenizer PATH  tokenizer.json (default: corpora/default-tokenizer.json)
  --prompt TEXT     answer one prompt and exit
  --json            read prompts from standard input, one per line; print one JSON object per
                    line: {"prompt","promptIds","reply","replyIds","stop","engine"} and, for the
                    6502 engine, "cycles" (CPU cycles of the turn), "cyclesPerToken" and
                    "palSecondsPerToken" (means over the tokens after the first, which also
                    carries the prompt: "cyclesToFirstToken"), "secondsInAll"; stop is "end" (the
                    model ended the reply) or "context" (the context was full). A prompt that
                    cannot be answered gives {"prompt","error","engine"}.
  --ntsc            time an NTSC C64 (1,022,727 Hz) instead of a PAL one (985,248 Hz)
  --screen          after each reply, show the emulated 40×25 screen (6502 engine)
  --help            this text

Examples:
  deno task chat
  deno task chat --engine ref --prompt "hello"
  printf 'hi\\nhow are you\\n' | deno run -A tools/chat.ts --json
  deno run -A tools/chat.ts --soul my.soul --tokenizer my-tokenizer.json --screen
`;

const TOOL = "chat";
const PAL_HZ = 985_248, NTSC_HZ = 1_022_727;

/** One turn's outcome, from either engine. */
interface Answer {
  readonly turn: Turn;
  readonly program?: ProgramTurn;
}

/** The machine-readable record of one turn (field names are a contract: add, never rename). */
const record = (engine: string, a: Answer, hz: number) => {
  const base = {
    prompt: a.turn.prompt,
    promptIds: a.turn.promptIds,
    reply: a.turn.reply,
    replyIds: a.turn.replyIds,
    stop: a.turn.stop,
    engine,
  };
  if (a.program === undefined) return base;
  // Per token: the mean over the tokens after the first (each costs one position's work);
  // the first token also carries the prompt and is reported on its own.
  const p = a.program;
  const steady = (xs: readonly number[]) => xs.length > 1 ? xs.slice(1) : xs;
  const mean = (xs: readonly number[]) => xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : 0;
  const seconds = (wall: number) => +(wall / hz).toFixed(4);
  return {
    ...base,
    cycles: p.cycles,
    cyclesPerToken: Math.round(mean(steady(p.tokenCycles))),
    palSecondsPerToken: +(mean(steady(p.tokenWallCycles)) / PAL_HZ).toFixed(4),
    ...(hz === NTSC_HZ ? { ntscSecondsPerToken: seconds(mean(steady(p.tokenWallCycles))) } : {}),
    cyclesToFirstToken: p.tokenCycles[0] ?? null,
    secondsInAll: seconds(p.wallCycles),
  };
};

/** Compare the program's turn with the reference; a difference is a bug, said loudly. */
const mismatch = (ref: Turn, p: ProgramTurn): string | null => {
  const same = JSON.stringify(ref.replyIds) === JSON.stringify(p.replyIds) &&
    ref.reply === (p.reply ?? "") && p.stop === ref.stop;
  return same
    ? null
    : `MISMATCH between the 6502 engine and the reference for ${JSON.stringify(ref.prompt)}: ` +
      `6502 ${JSON.stringify({ ids: p.replyIds, reply: p.reply, stop: p.stop })} vs ` +
      `ref ${
        JSON.stringify({ ids: ref.replyIds, reply: ref.reply, stop: ref.stop })
      }. Please report this bug.`;
};

/** The answer of one engine to one prompt. */
type Engine = (
  prompt: string,
  onToken: (id: number) => void,
  onThink: () => void,
) => Result<Answer>;

const refEngine = (soul: Soul, tok: Tokenizer): Engine => (prompt, onToken) => {
  const t = chatTurn(soul, tok, prompt, onToken);
  return isErr(t) ? t : { _tag: "Right", right: { turn: t.right } };
};

const programEngine =
  (session: ProgramSession, soul: Soul, tok: Tokenizer): Engine => (prompt, onToken, onThink) => {
    const ref = chatTurn(soul, tok, prompt);
    if (isErr(ref)) return ref; // empty or too long: the reference says why, as the program would
    const p = session.turn(prompt, { onToken, onBorder: onThink });
    if (isErr(p)) return p;
    const problem = mismatch(ref.right, p.right);
    if (problem !== null) {
      console.error(`\n${TOOL}: ${problem}`);
      Deno.exit(2);
    }
    const stop = p.right.stop ?? ref.right.stop;
    return { _tag: "Right", right: { turn: { ...ref.right, stop }, program: p.right } };
  };

const encoder = new TextEncoder();
const write = (s: string) => Deno.stdout.writeSync(encoder.encode(s));

const frame = (rows: readonly string[]) =>
  [
    "+" + "-".repeat(40) + "+",
    ...rows.map((r) => "|" + r.padEnd(40) + "|"),
    "+" + "-".repeat(40) + "+",
  ]
    .join("\n");

const interactive = async (
  engine: Engine,
  name: string,
  label: string,
  tok: Tokenizer,
  hz: number,
  session?: ProgramSession,
  showScreen = false,
): Promise<void> => {
  const tty = Deno.stdout.isTerminal();
  const spinner = "|/-\\";
  let spin = 0, thinking = false;
  const think = () => {
    if (!tty) return;
    write((thinking ? "\b" : "") + `\x1b[2m${spinner[spin++ % 4]}\x1b[0m`);
    thinking = true;
  };
  const settle = () => {
    if (thinking) write("\b \b");
    thinking = false;
  };
  console.log(`soul64 — ${name} on the ${label}. Type a line; q or Ctrl-D quits.`);
  const reader = Deno.stdin.readable.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  write("YOU> ");
  while (true) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    let nl: number;
    while ((nl = buffer.indexOf("\n")) >= 0) {
      const line = buffer.slice(0, nl).replace(/\r$/, "");
      buffer = buffer.slice(nl + 1);
      if (line.trim() === "q") return;
      if (line.trim() !== "") {
        write("C64> ");
        const a = engine(line, (id) => {
          settle();
          write(tok.vocab[id]);
        }, think);
        settle();
        if (isErr(a)) write(`(${describeError(a.left)})\n`);
        else if (a.right.program) {
          const p = a.right.program, w = p.tokenWallCycles, n = w.length;
          const secs = (c: number) => (c / hz).toFixed(1);
          const later = n > 1 ? w.slice(1).reduce((s, x) => s + x, 0) / (n - 1) : (w[0] ?? 0);
          const machine = hz === PAL_HZ ? "PAL" : "NTSC";
          write(
            `\n\x1b[2m     ${n} tokens: the first after ${secs(w[0] ?? 0)} s, then ` +
              `${secs(later)} s each; ${secs(p.wallCycles)} s in all on a ${machine} C64\x1b[0m\n`,
          );
          if (showScreen && session) console.log(frame(session.c64.screenRows()));
        } else write("\n");
      }
      write("YOU> ");
    }
  }
  write("\n");
};

const main = async () => {
  const args = orDie(
    TOOL,
    parseArgs(Deno.args, {
      soul: { type: "string" },
      tokenizer: { type: "string" },
      prompt: { type: "string" },
      json: { type: "boolean" },
      engine: { type: "string" },
      ntsc: { type: "boolean" },
      screen: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    }),
  );
  const v = args.values;
  if (v.help) return console.log(HELP);
  if (args.positionals.length > 0) {
    die(TOOL, `unexpected argument "${args.positionals[0]}" (see --help)`);
  }
  const engineName = (v.engine as string | undefined) ?? "6502";
  if (engineName !== "6502" && engineName !== "ref") {
    die(TOOL, `--engine: expected "6502" or "ref", got "${engineName}"`);
  }
  const soul = orDie(TOOL, await loadSoul((v.soul as string | undefined) ?? DEFAULT_SOUL));
  const tok = orDie(
    TOOL,
    await loadTokenizer((v.tokenizer as string | undefined) ?? DEFAULT_TOKENIZER),
  );
  orDie(TOOL, checkPair(soul, tok));
  const hz = v.ntsc ? NTSC_HZ : PAL_HZ;
  const session = engineName === "6502"
    ? orDie(TOOL, startSession(soul, tok, v.ntsc ? "ntsc" : "pal"))
    : undefined;
  const engine = session ? programEngine(session, soul, tok) : refEngine(soul, tok);
  const say = (a: Answer) => JSON.stringify(record(engineName, a, hz));

  if (typeof v.prompt === "string") {
    const a = orDie(TOOL, engine(v.prompt, () => {}, () => {}));
    console.log(v.json ? say(a) : a.turn.reply);
    if (v.screen && session) console.log(frame(session.c64.screenRows()));
    return;
  }
  if (v.json) {
    let failed = 0;
    for (const prompt of await readStdinLines()) {
      const a = engine(prompt, () => {}, () => {});
      if (isErr(a)) failed++;
      console.log(
        isErr(a)
          ? JSON.stringify({ prompt, error: describeError(a.left), engine: engineName })
          : say(a.right),
      );
    }
    Deno.exit(failed === 0 ? 0 : 1);
  }
  const label = session
    ? `C64 program (6502 engine, ${v.ntsc ? "NTSC" : "PAL"})`
    : "host reference engine";
  await interactive(engine, soul.name || "a soul", label, tok, hz, session, v.screen === true);
};

await main();
