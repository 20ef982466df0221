/**
 * tokenizer.json, in the original's layout:
 * `{"vocab": {"<PAD>": 0, ...}, "merges": [["o", "u"], ...], "vocab_size": 128}`.
 *
 * The shape is checked with an io-ts codec; errors name the path of the bad field
 * (for example `merges.3.1`). Then the content is checked: ids 0..vocab_size-1 each used
 * exactly once, and the four specials at ids 0..3 (the engines rely on them).
 *
 * @module
 */
import { E, t } from "../deps.ts";
import { soulError } from "../errors.ts";
import type { Result } from "../pipeline.ts";
import { SPECIAL_TOKENS, type Tokenizer } from "./tokenizer.ts";

/** The io-ts codec of the JSON document. */
export const TokenizerJson = t.type({
  vocab: t.record(t.string, t.Int),
  merges: t.array(t.tuple([t.string, t.string])),
  vocab_size: t.Int,
});

/** The decoded JSON document's type. */
export type TokenizerJson = t.TypeOf<typeof TokenizerJson>;

const describeValue = (v: unknown): string => {
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 40 ? s.slice(0, 37) + "..." : s;
};

/** Turn the first io-ts validation error into a message naming the field path. */
const firstIoTsError = (errors: t.Errors): { field: string; message: string } => {
  const err = errors[0];
  const path = err.context.map((c) => c.key).filter((k) => k !== "").join(".");
  const expected = err.context[err.context.length - 1]?.type.name ?? "a value";
  return {
    field: path === "" ? "(document)" : path,
    message: `expected ${expected}, got ${describeValue(err.value)}`,
  };
};

/** Check a decoded document's content and build the Tokenizer. */
const fromJson = (doc: TokenizerJson, file?: string): Result<Tokenizer> => {
  const bad = (field: string, message: string) =>
    E.left(soulError("tokenizer", message, { file, field }));
  const n = doc.vocab_size;
  if (n < SPECIAL_TOKENS.length || n > 256) {
    return bad("vocab_size", `expected 4..256, got ${n}`);
  }
  const vocab: (string | undefined)[] = new Array(n).fill(undefined);
  for (const [text, id] of Object.entries(doc.vocab)) {
    if (id < 0 || id >= n) return bad(`vocab.${text}`, `id ${id} is outside 0..${n - 1}`);
    if (vocab[id] !== undefined) {
      return bad(`vocab.${text}`, `id ${id} is already used by ${JSON.stringify(vocab[id])}`);
    }
    if (text === "") return bad("vocab", "the empty string cannot be a token");
    vocab[id] = text;
  }
  const missing = vocab.findIndex((s) => s === undefined);
  if (missing >= 0) return bad("vocab", `no token has id ${missing} (vocab_size is ${n})`);
  for (let i = 0; i < SPECIAL_TOKENS.length; i++) {
    if (vocab[i] !== SPECIAL_TOKENS[i]) {
      return bad("vocab", `id ${i} must be ${SPECIAL_TOKENS[i]}, got ${JSON.stringify(vocab[i])}`);
    }
  }
  return E.right({ vocab: vocab as string[], merges: doc.merges });
};

/** Parse tokenizer.json text. `file` is used in error messages. */
export const parseTokenizer = (jsonText: string, file?: string): Result<Tokenizer> => {
  let raw: unknown;
  try {
    raw = JSON.parse(jsonText);
  } catch (e) {
    return E.left(
      soulError("tokenizer", `not valid JSON (${(e as Error).message})`, { file }),
    );
  }
  const decoded = TokenizerJson.decode(raw);
  if (E.isLeft(decoded)) {
    const { field, message } = firstIoTsError(decoded.left);
    return E.left(soulError("tokenizer", message, { file, field }));
  }
  return fromJson(decoded.right, file);
};

/** Serialize to tokenizer.json text (2-space indented, vocab in id order). */
export const serializeTokenizer = (tok: Tokenizer): string => {
  const vocab: Record<string, number> = {};
  tok.vocab.forEach((s, id) => {
    if (!(s in vocab)) vocab[s] = id;
  });
  const doc: TokenizerJson = {
    vocab: vocab as TokenizerJson["vocab"],
    merges: tok.merges.map(([a, b]) => [a, b] as [string, string]),
    vocab_size: tok.vocab.length as t.Int,
  };
  return JSON.stringify(doc, null, 2) + "\n";
};
