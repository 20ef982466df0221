/**
 * Stage `soul`: the model's shape and tensors, and its two file formats.
 *
 * @module
 */
export * from "./types.ts";
export {
  SHAPE_LIMITS,
  type TensorKind,
  tensorLayout,
  type TensorSpec,
  validateShape,
} from "./shape.ts";
export {
  detectFormat,
  FORMAT_VERSION,
  HEADER_SIZE,
  MAGIC,
  MAX_NAME_LENGTH,
  readSoul,
  type SoulFormat,
  soulTensors,
  validateSoul,
  writeSoul,
} from "./format.ts";
