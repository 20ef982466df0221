/**
 * Test-only helpers to find the repository's own files and the `shared/` folder that sits
 * beside the checkout (CI has it; a missing one is a failure with a clear message, never a
 * silent skip).
 *
 * @module
 */
import { E } from "../deps.ts";
import { describeError } from "../errors.ts";
import { readBytesSync, readTextSync } from "../std/fs.ts";

/** Absolute path of a file in the repository (relative to the repository root). */
export const repoPath = (rel: string): string => new URL(`../../${rel}`, import.meta.url).pathname;

/** Absolute path of a file in ../shared. Throws a clear error when shared/ is missing. */
export const sharedPath = (rel: string): string => {
  const root = new URL("../../../shared/", import.meta.url).pathname;
  try {
    Deno.statSync(root);
  } catch {
    throw new Error(
      `the shared/ folder is missing: expected it at ${root} (beside the checkout); ` +
        "CI provides it, and these tests need its compat souls and vectors",
    );
  }
  return root + rel;
};

/** Read a file's bytes or throw with the SoulError's description. */
export const bytesOf = (path: string): Uint8Array => {
  const r = readBytesSync(path);
  if (E.isLeft(r)) throw new Error(describeError(r.left));
  return r.right;
};

/** Read a file's text or throw with the SoulError's description. */
export const textOf = (path: string): string => {
  const r = readTextSync(path);
  if (E.isLeft(r)) throw new Error(describeError(r.left));
  return r.right;
};
