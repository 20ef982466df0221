/**
 * PETSCII (the C64's character codes), screen codes (what screen RAM holds) and text.
 *
 * The C64 has two character sets and shows one at a time: the upper case/graphics set it
 * starts in, and the lower/upper case set (selected by printing $0E or by setting bit 1 of
 * $D018). The same codes look different in each:
 *
 * | PETSCII   | screen code | upper case set | lower case set |
 * | --------- | ----------- | -------------- | -------------- |
 * | $41-$5A   | 1-26        | A-Z            | a-z            |
 * | $C1-$DA   | 65-90       | graphics       | A-Z            |
 * | $61-$7A   | 65-90       | (same as $C1-$DA)               |
 * | $20-$3F   | 32-63       | space, digits, punctuation (as ASCII) |
 *
 * So text typed on a real keyboard maps to keys, not to ASCII: in the lower case set, `h` is the
 * unshifted H key (PETSCII $48, shown as `h`) and `H` is shifted H ($C8, shown as `H`); in the
 * upper case set a person wanting `HELLO` presses the unshifted keys, so letters of either case
 * become $41-$5A. {@link textToKeys} does this; {@link glyphOf} reads a screen code back as text
 * in a given set (reverse video is ignored), so screen text round-trips.
 *
 * The KERNAL's own conversions are followed exactly: printing ({@link screenCodeOf}) maps
 * $20-$3F → 32-63, $40-$5F → 0-31, $60-$7F → 64-95, $A0-$BF → 96-127, $C0-$DF → 64-95,
 * $E0-$FE → 96-126 and $FF (π) → 94; reading a line back from the screen
 * ({@link petsciiOfScreenCode}) maps 0-31 → $40-$5F, 32-63 → $20-$3F, 64-95 → $C0-$DF and
 * 96-127 → $A0-$BF.
 *
 * Graphics characters are shown as the nearest Unicode symbol (box drawing, blocks, card
 * suits); several similar PETSCII line pieces share one symbol.
 *
 * @module
 */
import { E, type Either } from "../deps.ts";
import { type SoulError, soulError } from "../errors.ts";

/** Which character set the VIC-II shows: "upper" (upper case/graphics) or "lower" (lower/upper). */
export type Charset = "upper" | "lower";

/** The screen code CHROUT stores for a printable PETSCII code (reverse off), or -1 for a control code. */
export const screenCodeOf = (petscii: number): number => {
  const c = petscii & 0xff;
  if (c < 0x20 || (c >= 0x80 && c < 0xa0)) return -1;
  if (c < 0x40) return c;
  if (c < 0x60) return c - 0x40;
  if (c < 0x80) return c - 0x20;
  if (c === 0xff) return 94;
  return c < 0xc0 ? c - 0x40 : c - 0x80;
};

/** The PETSCII code the screen editor reads back for a screen code (reverse bit ignored). */
export const petsciiOfScreenCode = (code: number): number => {
  const c = code & 0x7f;
  if (c < 0x20) return c + 0x40;
  if (c < 0x40) return c;
  if (c < 0x60) return c + 0x80;
  return c + 0x40;
};

const POUND = "\u00a3";
/** Screen codes 0-31 besides the letters: @ [ £ ] ↑ ←. */
const LOW_SYMBOLS: Readonly<Record<number, string>> = {
  0: "@",
  27: "[",
  28: POUND,
  29: "]",
  30: "\u2191",
  31: "\u2190",
};

/**
 * Screen codes 64-127 of the upper case set (graphics). Several PETSCII line pieces at
 * different heights share a symbol.
 */
const GRAPHICS =
  // 64-79
  "\u2500\u2660\u2502\u2500\u2500\u2500\u2500\u2502\u2502\u256e\u2570\u256f\u2514\u2572\u2571\u250c" +
  // 80-95
  "\u2510\u25cf\u2500\u2665\u2502\u256d\u2573\u25cb\u2663\u2502\u2666\u253c\u2592\u2502\u03c0\u25e5" +
  // 96-111
  "\u00a0\u258c\u2584\u2594\u2581\u258f\u2592\u2595\u2592\u25e4\u2590\u251c\u2597\u2514\u2510\u2582" +
  // 112-127
  "\u250c\u2534\u252c\u2524\u258e\u258d\u2590\u2594\u2580\u2583\u259f\u2596\u259d\u2518\u2598\u259a";

/** Where the lower case set differs from GRAPHICS in 64-127 (besides the capitals 65-90). */
const LOWER_GRAPHICS: Readonly<Record<number, string>> = {
  94: "\u2592",
  95: "\u25a8",
  105: "\u25a7",
  122: "\u2713",
};

/** The character a screen code shows in a character set (reverse video ignored). */
export const glyphOf = (code: number, charset: Charset): string => {
  const c = code & 0x7f;
  if (c >= 32 && c < 64) return String.fromCharCode(c);
  if (c < 32) {
    if (c >= 1 && c <= 26) return String.fromCharCode((charset === "lower" ? 0x60 : 0x40) + c);
    return LOW_SYMBOLS[c];
  }
  if (charset === "lower") {
    if (c >= 65 && c <= 90) return String.fromCharCode(c);
    const g = LOWER_GRAPHICS[c];
    if (g !== undefined) return g;
  }
  return GRAPHICS[c - 64];
};

/** RETURN, as the keyboard and CHRIN give it. */
export const RETURN = 0x0d;

/**
 * The PETSCII key code a person presses to make a character appear in a character set (see
 * the module comment), or -1 when no key gives it. A newline ("\n" or "\r") is RETURN.
 */
export const keyOf = (ch: string, charset: Charset): number => {
  if (ch === "\n" || ch === "\r") return RETURN;
  if (ch === POUND) return 0x5c;
  if (ch === "\u2191") return 0x5e;
  if (ch === "\u2190") return 0x5f;
  if (ch.length !== 1) return -1;
  const c = ch.charCodeAt(0);
  if (c >= 0x61 && c <= 0x7a) return c - 0x20;
  if (c >= 0x41 && c <= 0x5a) return charset === "lower" ? c + 0x80 : c;
  if ((c >= 0x20 && c <= 0x40) || c === 0x5b || c === 0x5d) return c;
  return -1;
};

/**
 * Check that every character of typed text has a key (letters, digits, space, the punctuation
 * ASCII shares with PETSCII, `@ [ ] £ ↑ ←`, and newlines). The error names the first that has
 * none (e.g. `\`, `^`, `_`, `{`, `~`, or a non-ASCII letter).
 */
export const checkTypeable = (text: string): Either<SoulError, string> => {
  let i = 0;
  for (const ch of text) {
    i++;
    if (keyOf(ch, "lower") < 0) {
      return E.left(
        soulError("c64", `typed text: character ${i} (${JSON.stringify(ch)}) has no C64 key`),
      );
    }
  }
  return E.right(text);
};

/**
 * The PETSCII key codes for typed text in a character set (see {@link keyOf}); a SoulError
 * names the first character without a key.
 */
export const textToKeys = (text: string, charset: Charset): Either<SoulError, Uint8Array> => {
  const checked = checkTypeable(text);
  if (E.isLeft(checked)) return checked;
  return E.right(Uint8Array.from(Array.from(text, (ch) => keyOf(ch, charset))));
};

/**
 * PETSCII as text in a character set: printable codes as the glyph CHROUT would show, RETURN
 * ($0D, $8D) as "\n", and other control codes as `{$xx}`.
 */
export const petsciiToText = (bytes: Iterable<number>, charset: Charset): string => {
  let out = "";
  for (const b of bytes) {
    const code = screenCodeOf(b);
    if (code >= 0) out += glyphOf(code, charset);
    else if (b === 0x0d || b === 0x8d) out += "\n";
    else out += `{$${b.toString(16).padStart(2, "0")}}`;
  }
  return out;
};
