/**
 * The tokenizer's data: an id -> string vocabulary and an ordered merge list.
 *
 * Layout (the original's, kept so its souls run here): ids 0..3 are the specials
 * <PAD> <SEP> <UNK> <END>; ids 4..38 are the base characters (space, a..z, then . ' ! ? , ; : -);
 * ids 39.. are BPE merges in the order they were learned.
 *
 * @module
 */

/** A BPE tokenizer: `vocab[id]` is the id's text; `merges` are applied in order when encoding. */
export interface Tokenizer {
  /** vocab[id] is the text of the id. */
  readonly vocab: readonly string[];
  /** Merges (left, right), applied in this order when encoding. */
  readonly merges: readonly (readonly [string, string])[];
}

/** The four special tokens, in id order. */
export const SPECIAL_TOKENS: readonly string[] = ["<PAD>", "<SEP>", "<UNK>", "<END>"];

/** The base characters, in id order from 4. */
export const BASE_CHARACTERS: readonly string[] = [
  " ",
  ..."abcdefghijklmnopqrstuvwxyz",
  ...".'!?,;:-",
];

/** Number of ids before the first merge (4 specials + 35 characters = 39). */
export const FIRST_MERGE_ID: number = SPECIAL_TOKENS.length + BASE_CHARACTERS.length;

/** True for ids that are special tokens (never printed). */
export const isSpecialId = (id: number): boolean => id >= 0 && id < SPECIAL_TOKENS.length;

/** The vocabulary every tokenizer starts from: specials then base characters. */
export const baseVocab = (): string[] => [...SPECIAL_TOKENS, ...BASE_CHARACTERS];
