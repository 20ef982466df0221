/**
 * Test-only helpers: assemble a small program with lib/assemble and start it on a fresh C64.
 *
 * @module
 */
import { assemble, toPrg } from "../assemble/mod.ts";
import { E } from "../deps.ts";
import { describeError } from "../errors.ts";
import { type C64, type C64Options, createC64 } from "./machine.ts";

/** The BASIC stub `10 SYS 2061`, so that code written after it starts at $080D. */
export const STUB = `
        * = $0801
        !word stub_end
        !word 10
        !byte $9e
        !text "2061"
        !byte 0
stub_end
        !word 0
`;

/** Assemble ACME source to a PRG (throws with the assembler's message on failure). */
export const prgOf = (source: string): Uint8Array => {
  const r = assemble("test.s", new Map([["test.s", new TextEncoder().encode(source)]]));
  if (E.isLeft(r)) throw new Error(describeError(r.left));
  return toPrg(r.right);
};

/**
 * A C64 with the program loaded and started as RUN would (`source` should begin with STUB), or
 * with SYS `start` when given.
 */
export const boot = (source: string, opts: C64Options & { start?: number } = {}): C64 => {
  const c64 = createC64(opts);
  const loaded = c64.load(prgOf(source));
  if (E.isLeft(loaded)) throw new Error(describeError(loaded.left));
  const started = c64.sys(opts.start);
  if (E.isLeft(started)) throw new Error(describeError(started.left));
  return c64;
};
