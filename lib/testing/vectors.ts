/**
 * Test-only loader for the golden vectors under vectors/, checked against their io-ts schemas.
 * Both the TS-reference replay and the 6502 replays read vectors through this module, so they
 * are judged by the same files.
 *
 * @module
 */
import { E } from "../deps.ts";
import { describeError } from "../errors.ts";
import { readSoul, type Soul } from "../soul/mod.ts";
import { parseTokenizer, type Tokenizer } from "../tokenize/mod.ts";
import { parseVectorFile, type VectorFile, type VectorFileName } from "../vectors/schema.ts";
import { bytesOf, repoPath, textOf } from "./paths.ts";

/** Load and validate one vector file. */
export const loadVectors = <N extends VectorFileName>(name: N): VectorFile<N> => {
  const r = parseVectorFile(name, textOf(repoPath(`vectors/${name}`)));
  if (E.isLeft(r)) throw new Error(describeError(r.left));
  return r.right;
};

/** Load a soul referenced by a vector case (path relative to vectors/). */
export const loadVectorSoul = (rel: string): Soul => {
  const r = readSoul(bytesOf(repoPath(`vectors/${rel}`)), rel);
  if (E.isLeft(r)) throw new Error(describeError(r.left));
  return r.right;
};

/** Load a tokenizer referenced by a vector case (path relative to vectors/). */
export const loadVectorTokenizer = (rel: string): Tokenizer => {
  const r = parseTokenizer(textOf(repoPath(`vectors/${rel}`)), rel);
  if (E.isLeft(r)) throw new Error(describeError(r.left));
  return r.right;
};
