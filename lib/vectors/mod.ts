/**
 * Golden vectors: generation (seeded, pure), their io-ts schemas, and seeded random souls.
 *
 * @module
 */
export { generateVectors, TOKENIZER_TEXT, TURN_PROMPTS, VECTOR_SEED } from "./generate.ts";
export {
  Header,
  parseVectorFile,
  type VectorFile,
  type VectorFileName,
  VectorSchemas,
} from "./schema.ts";
export { createRng, type Rng } from "./random.ts";
export { randomSoul, withEagerEnd } from "./souls.ts";
