/**
 * BPE training, as the original did it, made deterministic.
 *
 * Words are the matches of `[a-z]+[.!?,;:'-]*|[.!?,;:'-]+` over the lowercased corpus texts
 * (so merges never cross a space). Each word starts as its characters. Repeatedly, the most
 * frequent adjacent symbol pair (counted over all word occurrences) is merged, until no pair
 * occurs at least twice or the vocabulary is full.
 *
 * Tie-break: among pairs with the same count, the pair met first wins, scanning the distinct
 * words in order of their first appearance in the corpus and each word left to right. (This
 * is what a count kept in an insertion-ordered map and a strict "greater than" scan give.)
 *
 * @module
 */
import { E } from "../deps.ts";
import { soulError } from "../errors.ts";
import type { Result } from "../pipeline.ts";
import { baseVocab, FIRST_MERGE_ID, type Tokenizer } from "./tokenizer.ts";

const WORD = /[a-z]+[.!?,;:'-]*|[.!?,;:'-]+/g;

/** Distinct words with their counts, in order of first appearance. */
export const countWords = (texts: readonly string[]): Map<string, number> => {
  const counts = new Map<string, number>();
  for (const text of texts) {
    for (const m of text.toLowerCase().matchAll(WORD)) {
      counts.set(m[0], (counts.get(m[0]) ?? 0) + 1);
    }
  }
  return counts;
};

/** Train a tokenizer with at most `vocabSize` ids (default 128). */
export const trainBpe = (texts: readonly string[], vocabSize = 128): Result<Tokenizer> => {
  if (!Number.isInteger(vocabSize) || vocabSize < FIRST_MERGE_ID || vocabSize > 256) {
    return E.left(
      soulError("tokenizer", `vocabulary size must be ${FIRST_MERGE_ID}..256, got ${vocabSize}`, {
        field: "vocabSize",
      }),
    );
  }
  const counts = countWords(texts);
  const words = [...counts.keys()].map((w) => [...w]);
  const freq = [...counts.values()];
  const vocab = baseVocab();
  const known = new Set(vocab);
  const merges: [string, string][] = [];

  while (vocab.length < vocabSize) {
    // Count pairs in first-appearance order; the map keeps insertion order for the tie-break.
    const pairs = new Map<string, number>();
    for (let w = 0; w < words.length; w++) {
      const syms = words[w];
      for (let i = 0; i + 1 < syms.length; i++) {
        const key = syms[i] + "\u0000" + syms[i + 1];
        pairs.set(key, (pairs.get(key) ?? 0) + freq[w]);
      }
    }
    let best = "", bestCount = 1;
    for (const [key, n] of pairs) {
      if (n > bestCount) {
        best = key;
        bestCount = n;
      }
    }
    if (best === "") break; // no pair occurs at least twice
    const [a, b] = best.split("\u0000");
    const merged = a + b;
    merges.push([a, b]);
    if (!known.has(merged)) {
      known.add(merged);
      vocab.push(merged);
    }
    for (const syms of words) {
      for (let i = 0; i + 1 < syms.length; i++) {
        if (syms[i] === a && syms[i + 1] === b) syms.splice(i, 2, merged);
      }
    }
  }
  return E.right({ vocab, merges });
};
