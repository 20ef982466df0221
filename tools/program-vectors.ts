/**
 * Write the C64 program's golden vectors: vectors/program-souls.json (the seeded random souls
 * of vectors/souls with the prompts of vectors/turn.json, plus lines that test bad input) and
 * vectors/program-seed.json (the compat seed soul from ../shared with its 20 prompts).
 *
 *   deno run -A tools/program-vectors.ts [--check]
 *
 * With --check nothing is written; the exit code says whether the files are up to date.
 *
 * @module
 */
import { E } from "../lib/deps.ts";
import { describeError } from "../lib/errors.ts";
import { link } from "../lib/link/mod.ts";
import { programVectorCases } from "../lib/link/program_vectors.ts";
import { readSoul } from "../lib/soul/mod.ts";
import { parseTokenizer } from "../lib/tokenize/mod.ts";
import { parseArgs } from "../lib/std/cli.ts";
import { writeAtomic } from "../lib/std/fs.ts";
import { die, orDie } from "./common.ts";

const HELP = `Usage: deno run -A tools/program-vectors.ts [--check]

Runs the C64 program in the harness on the seeded random souls (vectors/souls) and on the
original's seed soul (../shared/compat), and writes what it printed, token by token, with exact
cycle counts: vectors/program-souls.json and vectors/program-seed.json. Rerun after any change
to asm/*.s (and tools/asm-sources.ts first).

Options:
  --check   write nothing; exit 1 when a file is stale
  --help    this text
`;

const args = orDie(
  "program-vectors",
  parseArgs(Deno.args, { check: { type: "boolean" }, help: { type: "boolean", short: "h" } }),
);
if (args.values.help) {
  console.log(HELP);
  Deno.exit(0);
}
if (args.positionals.length > 0) {
  die("program-vectors", `unexpected argument "${args.positionals[0]}" (see --help)`);
}

const repo = (rel: string) => new URL(`../${rel}`, import.meta.url).pathname;
const must = <T>(r: E.Either<import("../lib/errors.ts").SoulError, T>): T => {
  if (E.isLeft(r)) {
    console.error(describeError(r.left));
    Deno.exit(1);
  }
  return r.right;
};

/** Lines every soul also gets: blank, over-long, unknown characters. */
export const EXTRA_PROMPTS = [
  "",
  "   ",
  "hello #1@",
  "i love you so much and i feel happy today because you are here",
];

const build = (
  soulPath: string,
  tokPath: string,
  soulName: string,
  tokName: string,
  prompts: string[],
) => {
  const soul = must(readSoul(Deno.readFileSync(soulPath), soulName));
  const tok = must(parseTokenizer(Deno.readTextFileSync(tokPath), tokName));
  const linked = must(link(soul, tok));
  return must(programVectorCases(linked, { soul: soulName, tokenizer: tokName }, prompts));
};

const header = (about: string) => ({
  about,
  generator: "tools/program-vectors.ts (lib/link/program_vectors.ts)",
  seed: 6502,
  version: 1 as const,
});

const turns = JSON.parse(Deno.readTextFileSync(repo("vectors/turn.json"))) as {
  cases: { soul: string; tokenizer: string; prompt: string }[];
};
const souls = [...new Set(turns.cases.map((c) => c.soul))];
const soulsCases = souls.flatMap((s) => {
  const cs = turns.cases.filter((c) => c.soul === s);
  return build(
    repo(`vectors/${s}`),
    repo(`vectors/${cs[0].tokenizer}`),
    s,
    cs[0].tokenizer,
    [...cs.map((c) => c.prompt), ...EXTRA_PROMPTS],
  );
});
const compat = JSON.parse(
  Deno.readTextFileSync(repo("../shared/compat/seed-soul-vectors.json")),
) as {
  records: { prompt: string }[];
};
const seedCases = build(
  repo("../shared/compat/seed-soul.bin"),
  repo("../shared/compat/seed-tokenizer.json"),
  "../shared/compat/seed-soul.bin",
  "../shared/compat/seed-tokenizer.json",
  compat.records.map((r) => r.prompt),
);

const files: [string, unknown][] = [
  ["vectors/program-souls.json", {
    header: header(
      "the C64 program in the harness: typed line -> reply on screen, tokens, cycles (seeded random souls, one program per soul, lines in order)",
    ),
    cases: soulsCases,
  }],
  ["vectors/program-seed.json", {
    header: header(
      "the C64 program on the compat seed soul: each compat prompt -> reply on screen, tokens, cycles (one program, prompts in order)",
    ),
    cases: seedCases,
  }],
];
let stale = false;
const check = args.values.check === true;
for (const [path, value] of files) {
  const text = JSON.stringify(value, null, 1) + "\n";
  if (check) {
    let cur = "";
    try {
      cur = Deno.readTextFileSync(repo(path));
    } catch { /* missing */ }
    if (cur !== text) {
      console.error(`${path} is stale: run deno run -A tools/program-vectors.ts`);
      stale = true;
    }
  } else {
    orDie("program-vectors", await writeAtomic(repo(path), text));
    console.log(`wrote ${path}`);
  }
}
if (stale) Deno.exit(1);
