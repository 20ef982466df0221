/**
 * Test assertions. The project's stand-in for `@std/assert` (not installable here): every test
 * imports from this module only, so switching to `jsr:@std/assert` is one edit.
 *
 * @module
 */
import * as nodeAssert from "node:assert/strict";
import { E, type Either } from "../deps.ts";
import { describeError, type SoulError } from "../errors.ts";

/** Deep, strict equality (typed arrays compared element by element). */
export const assertEquals = <T>(actual: unknown, expected: T, msg?: string): void =>
  nodeAssert.deepStrictEqual(actual, expected, msg);

/** Strict inequality. */
export const assertNotEquals = (actual: unknown, expected: unknown, msg?: string): void =>
  nodeAssert.notDeepStrictEqual(actual, expected, msg);

/** A truthy condition. */
export function assert(cond: unknown, msg?: string): asserts cond {
  nodeAssert.ok(cond, msg);
}

/** A string contains a substring. */
export const assertStringIncludes = (actual: string, expected: string, msg?: string): void =>
  nodeAssert.ok(
    actual.includes(expected),
    msg ?? `expected ${JSON.stringify(actual)} to include ${JSON.stringify(expected)}`,
  );

/** A string matches a pattern. */
export const assertMatch = (actual: string, re: RegExp, msg?: string): void =>
  nodeAssert.match(actual, re, msg);

/** A function throws (optionally with a message containing `includes`). */
export const assertThrows = (fn: () => unknown, includes?: string): void => {
  try {
    fn();
  } catch (e) {
    if (includes !== undefined) assertStringIncludes(String((e as Error).message ?? e), includes);
    return;
  }
  nodeAssert.fail("expected the function to throw");
};

/** Fail unconditionally. */
export const fail = (msg: string): never => nodeAssert.fail(msg);

/** The Right value of an Either, or a failed assertion naming the SoulError. */
export const assertRight = <T>(r: Either<SoulError, T>, msg?: string): T => {
  if (E.isLeft(r)) {
    return nodeAssert.fail(`${msg ? msg + ": " : ""}expected Right, got ${describeError(r.left)}`);
  }
  return r.right;
};

/**
 * The Left SoulError of an Either, or a failed assertion. With `includes`, the one-line
 * description must contain each given fragment (so a test pins both the message and location).
 */
export const assertLeft = <T>(
  r: Either<SoulError, T>,
  ...includes: readonly string[]
): SoulError => {
  if (E.isRight(r)) return nodeAssert.fail("expected a SoulError (Left), got Right");
  const text = describeError(r.left);
  for (const frag of includes) assertStringIncludes(text, frag);
  return r.left;
};
