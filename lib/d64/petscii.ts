/**
 * File names, disk names and IDs between ASCII text and the PETSCII bytes on disk.
 *
 * The convention: a C64 starts in its upper case/graphics character set, where PETSCII $41-$5A
 * show as the capitals A-Z and are what the user types in `LOAD"SOUL64",8`. So ASCII letters
 * of either case become $41-$5A: "soul64", "Soul64" and "SOUL64" all list as SOUL64 (and so
 * count as the same name). Shifted letters ($C1-$DA) would list as graphics symbols there and
 * cannot be typed in a plain LOAD, so text never produces them. Tools that show PETSCII in
 * the lower case set (cc1541's listing, cbmconvert's extracted file names) print $41-$5A as
 * lower case: "soul64".
 *
 * Digits, space and `! # $ % & ' ( ) + - . / ; < > @ [ ]` keep their codes (they are the same
 * in ASCII and PETSCII), and `£` is $5C. File names may not use `" * ? , : =` (the DOS reads them as quotes,
 * wildcards and separators) nor start with `$`, `@` or `#` (directory, save-and-replace and
 * buffer commands). Anything else (control characters, `\ ^ _ \` { | } ~`, non-ASCII) is
 * refused rather than guessed.
 *
 * Reading goes the other way: $20-$5D become the same characters (letters as capitals, as the
 * C64 lists them, and $5C as `£`); any other byte is shown as `{$xx}`. Trailing shifted spaces ($A0)
 * are padding and are dropped.
 *
 * @module
 */

/** The padding byte after names (a shifted space). */
export const PAD = 0xa0;

const DOS_SPECIAL = `"*?,:=`;
const LEADING_COMMANDS = "$@#";
/** PETSCII $5C is the pound sign where ASCII has a backslash. */
const POUND = "\u00a3";

/** Why a character cannot be written, or undefined when it can. */
const refusal = (ch: string, forFileName: boolean): string | undefined => {
  const c = ch.codePointAt(0)!;
  if (ch === '"') return 'the quote character " ends a name in BASIC';
  if ((c >= 0x61 && c <= 0x7a) || ch === POUND) return undefined;
  if (c < 0x20 || c > 0x5d || ch === "\\") {
    return `${JSON.stringify(ch)} has no PETSCII equivalent a user can type`;
  }
  if (forFileName && DOS_SPECIAL.includes(ch)) {
    return `${JSON.stringify(ch)} has a special meaning in DOS file names`;
  }
  return undefined;
};

/** The PETSCII code of an accepted character. */
const code = (ch: string): number => {
  if (ch === POUND) return 0x5c;
  const c = ch.codePointAt(0)!;
  return c >= 0x61 && c <= 0x7a ? c - 0x20 : c;
};

/**
 * Encode text as PETSCII (see the module comment). `kind` decides the rules: "file" names
 * must be 1-16 characters without DOS special characters, "disk" names 0-16, and an "id"
 * exactly 2. Returns the bytes (unpadded) or a reason.
 */
export const encodeName = (
  text: string,
  kind: "file" | "disk" | "id",
): { bytes: Uint8Array } | { reason: string } => {
  const chars = Array.from(text);
  if (kind === "file" && chars.length === 0) return { reason: "a file name cannot be empty" };
  if (kind === "id" && chars.length !== 2) {
    return { reason: `a disk ID is 2 characters, got ${chars.length}` };
  }
  if (chars.length > 16) {
    return { reason: `a name is at most 16 characters, got ${chars.length}` };
  }
  if (kind === "file" && LEADING_COMMANDS.includes(chars[0])) {
    return { reason: `a file name cannot start with ${chars[0]} (a DOS command)` };
  }
  const bytes = new Uint8Array(chars.length);
  for (let i = 0; i < chars.length; i++) {
    const why = refusal(chars[i], kind === "file");
    if (why !== undefined) return { reason: `character ${i + 1}: ${why}` };
    bytes[i] = code(chars[i]);
  }
  return { bytes };
};

/** Bytes of a padded name field with the trailing $A0 padding removed. */
export const unpad = (field: Uint8Array): Uint8Array => {
  let end = field.length;
  while (end > 0 && field[end - 1] === PAD) end--;
  return field.slice(0, end);
};

/** Render PETSCII bytes as text: $20-$5D as ASCII ($5C as `£`), anything else as `{$xx}`. */
export const decodeName = (bytes: Uint8Array): string => {
  let out = "";
  for (const b of bytes) {
    out += b === 0x5c
      ? POUND
      : b >= 0x20 && b <= 0x5d
      ? String.fromCharCode(b)
      : `{$${b.toString(16).padStart(2, "0")}}`;
  }
  return out;
};
