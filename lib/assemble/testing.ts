/**
 * Helpers for the assembler's tests: a virtual file system from strings, and bytes as hex.
 *
 * @module
 */
import type { Either } from "../deps.ts";
import type { SoulError } from "../errors.ts";
import { assemble, type Assembled, type AssembleOptions } from "./assemble.ts";

const encoder = new TextEncoder();

/** A file map from text (UTF-8 encoded) or bytes. */
export const vfs = (entries: Record<string, string | Uint8Array>): Map<string, Uint8Array> =>
  new Map(
    Object.entries(entries).map((
      [path, v],
    ) => [path, typeof v === "string" ? encoder.encode(v) : v]),
  );

/** Assemble `text` as main.s, with more files beside it. */
export const assembleText = (
  text: string,
  more: Record<string, string | Uint8Array> = {},
  options: AssembleOptions = {},
): Either<SoulError, Assembled> => assemble("main.s", vfs({ "main.s": text, ...more }), options);

/** Bytes as lower-case hex pairs separated by spaces: "a9 01". */
export const hex = (bytes: Uint8Array): string =>
  [...bytes].map((b) => b.toString(16).padStart(2, "0")).join(" ");
