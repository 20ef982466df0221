/**
 * Golden vectors: generation (seeded, pure) and seeded random souls.
 *
 * @module
 */
export { generateVectors, TOKENIZER_TEXT, TURN_PROMPTS, VECTOR_SEED } from "./generate.ts";
export { createRng, type Rng } from "./random.ts";
export { randomSoul, withEagerEnd } from "./souls.ts";
