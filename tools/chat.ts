/**
 * tools/chat.ts — talk to a soul.
 *
 * One prompt:   deno run -A tools/chat.ts --prompt "hello"
 * Machine mode: deno run -A tools/chat.ts --json < prompts.txt   (one JSON object per line)
 * Interactive:  deno run -A tools/chat.ts                        (a YOU> prompt; q or Ctrl-D quits)
 */
import {
  chatTurn,
  checkPair,
  describeError,
  isErr,
  type Soul,
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

const HELP =
  `Usage: deno run -A tools/chat.ts [--soul PATH] [--tokenizer PATH] [--prompt TEXT] [--json]

Talk to a soul with the host integer reference engine (bit-exact with the C64 program).

Options:
  --soul PATH       soul file, v3 or soul64 format (default: corpora/default.soul)
  --tokenizer PATH  tokenizer.json (default: corpora/default-tokenizer.json)
  --prompt TEXT     answer one prompt and exit
  --json            read prompts from standard input, one per line; print one JSON object per
                    line: {"prompt","promptIds","reply","replyIds","stop","engine"}
                    (stop: "end" = the model ended the reply, "context" = the context was full;
                    a prompt that cannot be answered gives {"prompt","error","engine"})
  --engine NAME     ref (the TS integer reference; the default)
  --help            this text

Examples:
  deno run -A tools/chat.ts --prompt "hello"
  printf 'hi\\nhow are you\\n' | deno run -A tools/chat.ts --json
  deno run -A tools/chat.ts --soul my.soul --tokenizer my-tokenizer.json
`;

const TOOL = "chat";
const ENGINE = "ref";

/** The machine-readable record of one turn (field names are a contract: add, never rename). */
const turnRecord = (t: Turn) => ({
  prompt: t.prompt,
  promptIds: t.promptIds,
  reply: t.reply,
  replyIds: t.replyIds,
  stop: t.stop,
  engine: ENGINE,
});

const jsonMode = async (soul: Soul, tok: Tokenizer): Promise<number> => {
  let failed = 0;
  for (const prompt of await readStdinLines()) {
    const t = chatTurn(soul, tok, prompt);
    if (isErr(t)) failed++;
    console.log(
      JSON.stringify(
        isErr(t) ? { prompt, error: describeError(t.left), engine: ENGINE } : turnRecord(t.right),
      ),
    );
  }
  return failed === 0 ? 0 : 1;
};

const interactive = async (soul: Soul, tok: Tokenizer): Promise<void> => {
  const enc = new TextEncoder();
  const write = (s: string) => Deno.stdout.writeSync(enc.encode(s));
  console.log(
    `soul64 — ${soul.name || "a soul"} (${ENGINE} engine). Type a line; q or Ctrl-D quits.`,
  );
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
        const t = chatTurn(soul, tok, line, (id) => write(tok.vocab[id]));
        write(isErr(t) ? `(${describeError(t.left)})\n` : "\n");
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
      help: { type: "boolean", short: "h" },
    }),
  );
  const v = args.values;
  if (v.help) return console.log(HELP);
  if (args.positionals.length > 0) {
    die(TOOL, `unexpected argument "${args.positionals[0]}" (see --help)`);
  }
  if (v.engine !== undefined && v.engine !== ENGINE) {
    die(TOOL, `--engine: expected "ref", got "${v.engine}"`);
  }
  const soul = orDie(TOOL, await loadSoul((v.soul as string | undefined) ?? DEFAULT_SOUL));
  const tok = orDie(
    TOOL,
    await loadTokenizer((v.tokenizer as string | undefined) ?? DEFAULT_TOKENIZER),
  );
  orDie(TOOL, checkPair(soul, tok));
  if (typeof v.prompt === "string") {
    const t = orDie(TOOL, chatTurn(soul, tok, v.prompt));
    console.log(v.json ? JSON.stringify(turnRecord(t)) : t.reply);
    return;
  }
  if (v.json) Deno.exit(await jsonMode(soul, tok));
  await interactive(soul, tok);
};

await main();
