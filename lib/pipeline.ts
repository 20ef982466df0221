/**
 * The small fp-ts vocabulary the stages are composed with.
 *
 * A stage is a pure function `A -> Either<SoulError, B>`. Stages chain with `pipe` and
 * `E.chain` (re-exported here so scripts need one import), and `traverse` runs a stage over an
 * array, stopping at the first error.
 *
 * @module
 */
import { E, type Either, flow, pipe } from "./deps.ts";
import { type SoulError, soulError, type SoulErrorKind } from "./errors.ts";

export { E, flow, pipe };
export type { Either };

/** A pure, typed transformation that may fail with a SoulError. */
export type Stage<A, B> = (input: A) => Either<SoulError, B>;

/** The result type every stage returns. */
export type Result<T> = Either<SoulError, T>;

/** Succeed with a value. */
export const ok = <T>(value: T): Result<T> => E.right(value);

/** Fail with a SoulError. */
export const fail = <T = never>(
  kind: SoulErrorKind,
  message: string,
  where: Parameters<typeof soulError>[2] = {},
): Result<T> => E.left(soulError(kind, message, where));

/** Compose two stages left to right. */
export const andThen = <A, B, C>(first: Stage<A, B>, second: Stage<B, C>): Stage<A, C> =>
  flow(first, E.chain(second));

/** Run a stage on each element, collecting the results or the first error. */
export const traverse =
  <A, B>(stage: (a: A, index: number) => Result<B>) =>
  (items: readonly A[]): Result<readonly B[]> => {
    const out: B[] = [];
    for (let i = 0; i < items.length; i++) {
      const r = stage(items[i], i);
      if (E.isLeft(r)) return r;
      out.push(r.right);
    }
    return E.right(out);
  };

/**
 * Unwrap a Result at a program boundary (tools, tests): returns the value or throws an Error
 * whose message is the SoulError's one-line description. Library code never calls this.
 */
export const unwrap = <T>(r: Result<T>, describe: (e: SoulError) => string): T => {
  if (E.isLeft(r)) throw new Error(describe(r.left));
  return r.right;
};
