/**
 * Encoding and decoding: the character-then-merges scheme. The C64 program runs the same
 * algorithm on the keyboard line, so it is kept deliberately simple:
 *
 * 1. lowercase the text and map each character to its id (unknown characters become UNK);
 * 2. for each merge in list order, scan the ids left to right and replace every
 *    non-overlapping adjacent (left, right) pair with the merged id. A merge whose strings or
 *    merged string are missing from the vocabulary is skipped.
 *
 * @module
 */
import { E } from "../deps.ts";
import { soulError } from "../errors.ts";
import type { Result } from "../pipeline.ts";
import { UNK } from "../soul/types.ts";
import { isSpecialId, type Tokenizer } from "./tokenizer.ts";

/** A merge resolved to ids: replace (left, right) by merged. */
export interface MergeRule {
  /** Left id of the pair. */
  readonly left: number;
  /** Right id of the pair. */
  readonly right: number;
  /** The id that replaces the pair. */
  readonly merged: number;
}

/** The string -> id index of a vocabulary (the first id wins if a string repeats). */
export const vocabIndex = (tok: Tokenizer): ReadonlyMap<string, number> => {
  const index = new Map<string, number>();
  tok.vocab.forEach((s, id) => {
    if (!index.has(s)) index.set(s, id);
  });
  return index;
};

/** The merges as id triples, in order, skipping merges the vocabulary cannot express. */
export const mergeRules = (tok: Tokenizer): readonly MergeRule[] => {
  const index = vocabIndex(tok);
  const rules: MergeRule[] = [];
  for (const [a, b] of tok.merges) {
    const left = index.get(a), right = index.get(b), merged = index.get(a + b);
    if (left !== undefined && right !== undefined && merged !== undefined) {
      rules.push({ left, right, merged });
    }
  }
  return rules;
};

/** Map characters to ids (lowercased; unknown -> UNK), before any merge. */
export const characterIds = (tok: Tokenizer, text: string): number[] => {
  const index = vocabIndex(tok);
  return [...text.toLowerCase()].map((ch) => index.get(ch) ?? UNK);
};

/** Apply merge rules in order over an id array (pure: returns a new array). */
export const applyMerges = (ids: readonly number[], rules: readonly MergeRule[]): number[] => {
  let cur = [...ids];
  for (const { left, right, merged } of rules) {
    if (cur.length < 2) break;
    const next: number[] = [];
    let i = 0;
    while (i < cur.length) {
      if (i + 1 < cur.length && cur[i] === left && cur[i + 1] === right) {
        next.push(merged);
        i += 2;
      } else {
        next.push(cur[i]);
        i += 1;
      }
    }
    cur = next;
  }
  return cur;
};

/** Encode text to ids. Total: every string has an encoding (unknown characters become UNK). */
export const encode = (tok: Tokenizer, text: string): number[] =>
  applyMerges(characterIds(tok, text), mergeRules(tok));

/**
 * Decode ids to text: the concatenated strings of the ids, skipping the four specials.
 * An id outside the vocabulary is an error naming its position.
 */
export const decode = (tok: Tokenizer, ids: readonly number[]): Result<string> => {
  let out = "";
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i];
    if (!Number.isInteger(id) || id < 0 || id >= tok.vocab.length) {
      return E.left(
        soulError(
          "input",
          `token id ${id} is outside the vocabulary (0..${tok.vocab.length - 1})`,
          { field: `ids[${i}]` },
        ),
      );
    }
    if (!isSpecialId(id)) out += tok.vocab[id];
  }
  return E.right(out);
};
