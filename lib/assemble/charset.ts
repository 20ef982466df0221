/**
 * ACME's three built-in text conversions (`!ct raw|pet|scr`), as ACME 0.97 applies them to each
 * byte of a string or character literal. Bytes outside the ranges below pass unchanged.
 *
 * @module
 */
import type { ConvTab } from "./ast.ts";

/** PETSCII: swap the cases (a-z → $41-$5a, A-Z → $c1-$da). */
const pet = (c: number): number =>
  c >= 0x61 && c <= 0x7a ? c - 0x20 : c >= 0x41 && c <= 0x5a ? c + 0x80 : c;

/** C64 screen codes: @ and a-z → 0-26, [\]^_ → 27-31, ` → 64; A-Z stay $41-$5a. */
const scr = (c: number): number =>
  c === 0x40
    ? 0
    : c >= 0x61 && c <= 0x7a
    ? c - 0x60
    : c >= 0x5b && c <= 0x5f
    ? c - 0x40
    : c === 0x60
    ? 0x40
    : c;

/** Convert one character code (0-255) with a table. */
export const convert = (table: ConvTab, c: number): number =>
  table === "pet" ? pet(c) : table === "scr" ? scr(c) : c;
