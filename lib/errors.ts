/**
 * SoulError: the one error type every stage returns on the left of an Either.
 *
 * A SoulError is for the user, not the developer: its message says what was expected, and its
 * location fields say where (file, line/column for text, byte offset for binary, field or
 * tensor name for structured data). `describeError` renders it as one line.
 *
 * @module
 */

/** Which stage or concern raised the error. */
export type SoulErrorKind =
  | "io" // a file could not be read or written
  | "usage" // bad command-line arguments
  | "tokenizer" // tokenizer.json content or tokenization
  | "soul" // soul file layout, header or tensor data
  | "shape" // a model shape that is invalid or unsupported
  | "input" // ids, prompts or contexts out of range
  | "vectors" // golden-vector files
  | "corpus" // training corpus problems
  | "train" // training configuration or checkpoint problems
  | "assemble" // 6502 source errors
  | "cpu" // 6502 emulation stopped on an error
  | "c64" // C64 harness errors (KERNAL banked out, runaway program, ...)
  | "link" // the program does not fit, or its parts do not agree
  | "d64"; // disk image problems

/** Where a problem is. Every field is optional; set the ones that help the user find it. */
export interface Location {
  /** The file the problem is in. */
  readonly file?: string;
  /** Line number (1-based) in a text file. */
  readonly line?: number;
  /** Column (1-based) in a text file. */
  readonly column?: number;
  /** Byte offset in a binary file. */
  readonly offset?: number;
  /** The field, tensor or path of the bad value. */
  readonly field?: string;
}

/** A user-facing error: what went wrong, in which stage, and where. */
export interface SoulError extends Location {
  /** Marks the value as a SoulError. */
  readonly _tag: "SoulError";
  /** The stage or concern that raised it. */
  readonly kind: SoulErrorKind;
  /** What was expected and what was found. */
  readonly message: string;
}

/** Build a SoulError. */
export const soulError = (
  kind: SoulErrorKind,
  message: string,
  where: Location = {},
): SoulError => ({ _tag: "SoulError", kind, message, ...where });

/** Attach (or override) location fields, e.g. the file name once a pure parser has failed. */
export const withLocation = (e: SoulError, where: Location): SoulError => ({ ...e, ...where });

/** True when a value is a SoulError (for catch blocks at tool boundaries). */
export const isSoulError = (u: unknown): u is SoulError =>
  typeof u === "object" && u !== null && (u as { _tag?: unknown })._tag === "SoulError";

/**
 * Render as one line: `file:line:column: message`, or `file: byte offset N: message`, with the
 * field named when known. Example: `soul.bin: byte offset 4102: tensor pe: truncated ...`.
 */
export const describeError = (e: SoulError): string => {
  const parts: string[] = [];
  if (e.file !== undefined) {
    let at = e.file;
    if (e.line !== undefined) {
      at += `:${e.line}`;
      if (e.column !== undefined) at += `:${e.column}`;
    }
    parts.push(at);
  } else if (e.line !== undefined) {
    parts.push(`line ${e.line}${e.column !== undefined ? `, column ${e.column}` : ""}`);
  }
  if (e.offset !== undefined) parts.push(`byte offset ${e.offset}`);
  if (e.field !== undefined) parts.push(e.field);
  parts.push(e.message);
  return parts.join(": ");
};
