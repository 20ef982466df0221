/**
 * soul64: real transformers on 8-bit home computers.
 *
 * A pure-functional pipeline from a chat corpus to a Commodore 64 floppy:
 * tokenize → train (QAT) → quantize → forward (integer) → assemble (6502) → link → pack a D64.
 * Every stage is a typed function returning `Either<SoulError, T>`; compose them with the
 * small vocabulary exported here (`pipe`, `chain`, `map`, `match`, `isOk`, ...); a `Result` is
 * structurally fp-ts's `Either<SoulError, T>`, so fp-ts works on it too.
 *
 * ```ts
 * import { chain, chatTurn, map, parseTokenizer, pipe, readSoul } from "./mod.ts";
 * ```
 *
 * This module only re-exports each stage's public API; it does no I/O.
 *
 * @module
 */
export {
  andThen,
  chain,
  type Err,
  fail,
  isErr,
  isOk,
  map,
  match,
  type Ok,
  ok,
  pipe,
  type Result,
  type Stage,
  traverse,
  unwrap,
} from "./lib/pipeline.ts";
export * from "./lib/errors.ts";
export * from "./lib/soul/mod.ts";
export * from "./lib/tokenize/mod.ts";
export * from "./lib/quantize/mod.ts";
export * from "./lib/forward/mod.ts";
export * from "./lib/vectors/mod.ts";
export * from "./lib/d64/mod.ts";
export * from "./lib/cpu/mod.ts";
export * from "./lib/c64/mod.ts";
export * from "./lib/assemble/mod.ts";
export * from "./lib/link/mod.ts";
export { buildFloppy, type Floppy, type FloppyOptions } from "./lib/build.ts";
export * from "./lib/train/mod.ts";
