/**
 * Stage `quantize`: float tensors to int8 + power-of-two shift, biases to the accumulator.
 *
 * @module
 */
export * from "./quantize.ts";
