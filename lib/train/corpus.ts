/**
 * Training corpora: parsing, checking and splitting conversation exchanges.
 *
 * A corpus is UTF-8 text in either of two layouts (they may be mixed):
 *
 * - one exchange per line: `<SEP>input<SEP>reply<SEP>` (the original's layout);
 * - alternating lines: an input line, then its reply line.
 *
 * Lines whose first non-blank character is `#` are comments; blank lines are ignored. Text is
 * lowercased (with a notice), typographic apostrophes become `'`, and runs of blanks become one
 * space. A character the tokenizer cannot spell (anything but space, a-z and . ' ! ? , ; : -)
 * makes its exchange unusable: it is skipped with an error notice naming the line and column,
 * as are empty inputs or replies, malformed lines and exact duplicates. Exchanges too long for
 * the context are found once a tokenizer exists (`toExamples`).
 *
 * Parsing is pure: it returns the usable exchanges and every notice; only a corpus with no
 * usable exchange at all is an error.
 *
 * @module
 */
import { E } from "../deps.ts";
import { soulError } from "../errors.ts";
import type { Result } from "../pipeline.ts";
import { END, SEP, type Shape } from "../soul/types.ts";
import { encode } from "../tokenize/encode.ts";
import { BASE_CHARACTERS, type Tokenizer } from "../tokenize/tokenizer.ts";
import type { Example } from "./batch.ts";
import { hashInts, hashString } from "./rng.ts";

/** One prompt and the reply the soul should learn to give. */
export interface Exchange {
  /** The prompt (normalized: lowercase, single spaces). */
  readonly input: string;
  /** The reply (normalized like the input). */
  readonly reply: string;
  /** 1-based line of the exchange (of its input line, in the alternating layout). */
  readonly line: number;
}

/** A problem found in a corpus: an error skipped the exchange, a warning only fixed it up. */
export interface Notice {
  /** 1-based line of the problem. */
  readonly line: number;
  /** 1-based column of the problem, when it has one. */
  readonly column?: number;
  /** "error": the exchange was skipped; "warning": it was fixed up. */
  readonly level: "error" | "warning";
  /** What was found and what was done about it. */
  readonly message: string;
}

/** A parsed corpus. */
export interface Corpus {
  /** The usable exchanges, in file order. */
  readonly exchanges: readonly Exchange[];
  /** The problems found, in line order. */
  readonly notices: readonly Notice[];
}

const SEP_TEXT = "<SEP>";
const ALLOWED = new Set(BASE_CHARACTERS);

/** Normalize one text; returns it, or null after an error notice if it is unusable. */
const cleanText = (
  raw: string,
  line: number,
  column: number,
  what: string,
  notices: Notice[],
): string | null => {
  const text = raw.replace(/[\u2018\u2019\u02bc]/g, "'"); // one character for one
  if (text !== raw) {
    notices.push({
      line,
      level: "warning",
      message: `typographic apostrophes in the ${what} became '`,
    });
  }
  if (text.toLowerCase() !== text) {
    notices.push({
      line,
      level: "warning",
      message: `uppercase letters in the ${what} were lowercased`,
    });
  }
  for (let i = 0; i < text.length; i++) {
    const c = text[i].toLowerCase();
    if (/\s/.test(c) || ALLOWED.has(c)) continue;
    notices.push({
      line,
      column: column + i,
      level: "error",
      message: `character ${
        JSON.stringify(text[i])
      } in the ${what} is outside the vocabulary (space, a-z, . ' ! ? , ; : -); exchange skipped`,
    });
    return null;
  }
  const clean = text.toLowerCase().replace(/\s+/g, " ").trim();
  if (clean === "") {
    notices.push({ line, column, level: "error", message: `empty ${what}; exchange skipped` });
    return null;
  }
  return clean;
};

/**
 * Parse a corpus. `file` names it in the error when nothing is usable. The notices are in line
 * order.
 */
export const parseCorpus = (text: string, file?: string): Result<Corpus> => {
  const notices: Notice[] = [];
  const exchanges: Exchange[] = [];
  const seen = new Map<string, number>();
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  let pending: { text: string; line: number } | null = null;

  const accept = (
    input: string,
    inputCol: number,
    reply: string,
    replyCol: number,
    line: number,
    replyLine = line,
  ) => {
    const i = cleanText(input, line, inputCol, "input", notices);
    const r = i === null ? null : cleanText(reply, replyLine, replyCol, "reply", notices);
    if (i === null || r === null) return;
    const key = i + "\n" + r;
    const first = seen.get(key);
    if (first !== undefined) {
      notices.push({
        line,
        level: "warning",
        message: `duplicate of the exchange on line ${first}; skipped`,
      });
      return;
    }
    seen.set(key, line);
    exchanges.push({ input: i, reply: r, line });
  };

  lines.forEach((raw, index) => {
    const line = index + 1;
    const trimmed = raw.trim();
    if (trimmed === "" || trimmed.startsWith("#")) return;
    if (raw.includes(SEP_TEXT)) {
      if (pending !== null) {
        notices.push({
          line: pending.line,
          level: "error",
          message:
            "an input line without a reply line (the next line is a <SEP> exchange); skipped",
        });
        pending = null;
      }
      const parts = raw.split(SEP_TEXT);
      const ok = parts.length === 4 && parts[0].trim() === "" && parts[3].trim() === "";
      if (!ok) {
        notices.push({
          line,
          column: 1,
          level: "error",
          message: `malformed line: expected <SEP>input<SEP>reply<SEP>, found ${
            parts.length - 1
          } <SEP> markers; skipped`,
        });
        return;
      }
      const inputCol = parts[0].length + SEP_TEXT.length + 1;
      const replyCol = inputCol + parts[1].length + SEP_TEXT.length;
      accept(parts[1], inputCol, parts[2], replyCol, line);
      return;
    }
    if (pending === null) {
      pending = { text: raw, line };
    } else {
      accept(pending.text, 1, raw, 1, pending.line, line);
      pending = null;
    }
  });
  if (pending !== null) {
    notices.push({
      line: (pending as { line: number }).line,
      level: "error",
      message: "the last input line has no reply line; skipped",
    });
  }
  notices.sort((a, b) => a.line - b.line);
  if (exchanges.length === 0) {
    const first = notices.find((n) => n.level === "error");
    return E.left(
      soulError(
        "corpus",
        first === undefined
          ? "no exchanges: expected lines <SEP>input<SEP>reply<SEP> or alternating input and reply lines"
          : `no usable exchange (${notices.length} problem(s); the first, line ${first.line}: ${first.message})`,
        { file },
      ),
    );
  }
  return E.right({ exchanges, notices });
};

/** Render a notice as `file:line:column: level: message`. */
export const describeNotice = (n: Notice, file = "corpus"): string =>
  `${file}:${n.line}${n.column !== undefined ? `:${n.column}` : ""}: ${n.level}: ${n.message}`;

/**
 * Split exchanges into training and held-out sets, deterministically. Exchanges are grouped by
 * input (so a held-out prompt is never seen in training, whatever its reply), groups are
 * ordered by a seeded hash of the input, and whole groups are held out until at least
 * `fraction` of the exchanges are. With fewer than two exchanges nothing is held out.
 */
export const splitExchanges = (
  exchanges: readonly Exchange[],
  fraction = 0.1,
  seed = 0,
): { readonly train: readonly Exchange[]; readonly heldOut: readonly Exchange[] } => {
  if (exchanges.length < 2 || fraction <= 0) return { train: exchanges, heldOut: [] };
  const inputs = [...new Set(exchanges.map((e) => e.input))];
  const keyed = inputs.map((input) => ({ input, key: hashInts(seed, hashString(input)) }));
  keyed.sort((a, b) => a.key - b.key || (a.input < b.input ? -1 : a.input > b.input ? 1 : 0));
  const count = new Map<string, number>();
  for (const e of exchanges) count.set(e.input, (count.get(e.input) ?? 0) + 1);
  const want = Math.max(1, Math.round(exchanges.length * fraction));
  const held = new Set<string>();
  let n = 0;
  for (const { input } of keyed) {
    if (n >= want || held.size + 1 >= inputs.length) break;
    held.add(input);
    n += count.get(input)!;
  }
  return {
    train: exchanges.filter((e) => !held.has(e.input)),
    heldOut: exchanges.filter((e) => held.has(e.input)),
  };
};

/** The training sequence of an exchange: `[SEP] input [SEP] reply [END]`. */
export const exchangeExample = (tok: Tokenizer, e: Exchange): Example => {
  const input = encode(tok, e.input), reply = encode(tok, e.reply);
  return { ids: [SEP, ...input, SEP, ...reply, END], replyStart: input.length + 2 };
};

/**
 * Tokenize exchanges into training examples, dropping (with an error notice) those whose
 * sequence `[SEP] input [SEP] reply [END]` does not fit the context: the engine feeds at most
 * SL tokens and predicts END from the last of them, so prompt + reply + 3 <= SL.
 */
export const toExamples = (
  tok: Tokenizer,
  shape: Shape,
  exchanges: readonly Exchange[],
): {
  readonly examples: readonly Example[];
  readonly kept: readonly Exchange[];
  readonly notices: readonly Notice[];
} => {
  const examples: Example[] = [], kept: Exchange[] = [], notices: Notice[] = [];
  for (const e of exchanges) {
    const ex = exchangeExample(tok, e);
    if (ex.ids.length > shape.context) {
      const p = ex.replyStart - 2, r = ex.ids.length - ex.replyStart - 1;
      notices.push({
        line: e.line,
        level: "error",
        message:
          `too long for the ${shape.context}-token context: ${p} input + ${r} reply tokens + 3 (two SEP and END) = ${ex.ids.length}; exchange skipped`,
      });
      continue;
    }
    examples.push(ex);
    kept.push(e);
  }
  return { examples, kept, notices };
};
