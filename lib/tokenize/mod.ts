/**
 * Stage `tokenize`: BPE training from corpus texts, encode, decode, and tokenizer.json.
 *
 * @module
 */
export {
  BASE_CHARACTERS,
  baseVocab,
  FIRST_MERGE_ID,
  isSpecialId,
  SPECIAL_TOKENS,
  type Tokenizer,
} from "./tokenizer.ts";
export { countWords, trainBpe } from "./bpe.ts";
export {
  applyMerges,
  characterIds,
  decode,
  encode,
  type MergeRule,
  mergeRules,
  vocabIndex,
} from "./encode.ts";
export { parseTokenizer, serializeTokenizer } from "./codec.ts";
