/**
 * Everything the playground takes from the library, in one place: the public API (mod.ts),
 * the linker that builds the C64 program for a soul, and fp-ts's Either helpers.
 *
 * @module
 */
export * from "../../mod.ts";
export { E } from "../../lib/pipeline.ts";
export { link, type Linked } from "../../lib/link/mod.ts";
