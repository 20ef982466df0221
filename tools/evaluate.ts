/**
 * tools/evaluate.ts — score a soul on the held-out split of a corpus.
 *
 *   deno run -A tools/evaluate.ts [--soul PATH] [--tokenizer PATH] [--corpus PATH] [--replies]
 *
 * @module
 */
import { checkPair } from "../mod.ts";
import {
  checkTargets,
  describeEvaluation,
  dictionaryFrom,
  evaluateSoul,
  exchangeExample,
  parseCorpus,
  SPLIT_SEED,
  splitExchanges,
} from "../lib/train/mod.ts";
import { parseArgs } from "../lib/std/cli.ts";
import { readText } from "../lib/std/fs.ts";
import { DEFAULT_SOUL, DEFAULT_TOKENIZER, die, loadSoul, loadTokenizer, orDie } from "./common.ts";

const TOOL = "evaluate";
const DEFAULT_CORPUS = new URL("../corpora/default.txt", import.meta.url).pathname;
const DICTIONARY = "/usr/share/dict/american-english";

const HELP = `Usage: deno run -A tools/evaluate.ts [options]

Score a soul on the held-out 10% of a corpus (the same split tools/train.ts holds out: it
depends only on the corpus), with the integer reference engine for int8 and the soul's own
weights with float activations for "float":

  - int8 (and float) teacher-forced accuracy on the reply tokens and the END after them, and
    how often the two models choose the same next token there;
  - greedy replies to the held-out prompts: how many float and int8 replies agree, how many
    int8 replies end with END (rather than filling the context), how many are empty or
    distinct, and the share of their words found in the dictionary (${DICTIONARY};
    a word may end with punctuation, hyphenated parts count separately);
  - whether the targets are met (agreement >= 95%, words >= 95%, END >= 90%, no empty reply).

Options:
  --soul PATH        soul file (default corpora/default.soul)
  --tokenizer PATH   tokenizer.json (default corpora/default-tokenizer.json)
  --corpus PATH      the corpus the soul was trained on (default corpora/default.txt)
  --all              score every exchange of the corpus instead of the held-out split
  --dictionary PATH  word list, one word a line (default ${DICTIONARY})
  --replies          also print every prompt with the corpus, float and int8 replies
  --json             print the figures (and replies) as one JSON object
  -h, --help         this text

Exit status: 0 when every target is met, 1 otherwise (or on an error).

Examples:
  deno run -A tools/evaluate.ts
  deno run -A tools/evaluate.ts --soul train-out/soul.soul --tokenizer train-out/tokenizer.json --replies
`;

const main = async () => {
  const args = orDie(
    TOOL,
    parseArgs(Deno.args, {
      soul: { type: "string" },
      tokenizer: { type: "string" },
      corpus: { type: "string" },
      dictionary: { type: "string" },
      all: { type: "boolean" },
      replies: { type: "boolean" },
      json: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    }),
  );
  const v = args.values;
  if (v.help) return console.log(HELP);
  if (args.positionals.length > 0) die(TOOL, `unexpected argument "${args.positionals[0]}"`);
  const str = (name: string, fallback: string) =>
    typeof v[name] === "string" ? v[name] as string : fallback;
  const soul = orDie(TOOL, await loadSoul(str("soul", DEFAULT_SOUL)));
  const tok = orDie(TOOL, await loadTokenizer(str("tokenizer", DEFAULT_TOKENIZER)));
  orDie(TOOL, checkPair(soul, tok));
  const corpusPath = str("corpus", DEFAULT_CORPUS);
  const corpus = orDie(TOOL, parseCorpus(orDie(TOOL, await readText(corpusPath)), corpusPath));
  const split = splitExchanges(corpus.exchanges, 0.1, SPLIT_SEED);
  const chosen = (v.all ? corpus.exchanges : split.heldOut).filter((e) =>
    exchangeExample(tok, e).ids.length <= soul.shape.context
  );
  if (chosen.length === 0) die(TOOL, `${corpusPath}: no exchange to evaluate on`);
  const dict = orDie(TOOL, await readText(str("dictionary", DICTIONARY)));
  const ev = orDie(TOOL, evaluateSoul(soul, tok, chosen, dictionaryFrom(dict)));
  const targets = checkTargets(ev);
  if (v.json) {
    console.log(JSON.stringify({ ...ev, replies: v.replies ? ev.replies : undefined, targets }));
  } else {
    for (const line of describeEvaluation(ev, v.replies === true)) console.log(line);
  }
  Deno.exit(targets.every((t) => t.met) ? 0 : 1);
};

await main();
