/**
 * soul64: real transformers on 8-bit home computers.
 *
 * A pure-functional pipeline from a chat corpus to a Commodore 64 floppy:
 * tokenize → train (QAT) → quantize → forward (integer) → assemble (6502) → link → pack a D64.
 * Every stage is a typed function returning `Either<SoulError, T>`; compose them with the
 * fp-ts vocabulary re-exported here (`pipe`, `E.chain`, ...).
 *
 * ```ts
 * import { chatTurn, E, parseTokenizer, pipe, readSoul } from "./mod.ts";
 * ```
 *
 * This module only re-exports each stage's public API; it does no I/O.
 *
 * @module
 */
export * from "./lib/pipeline.ts";
export * from "./lib/errors.ts";
export * from "./lib/soul/mod.ts";
export * from "./lib/tokenize/mod.ts";
export * from "./lib/quantize/mod.ts";
export * from "./lib/forward/mod.ts";
export * from "./lib/vectors/mod.ts";
export * from "./lib/d64/mod.ts";
