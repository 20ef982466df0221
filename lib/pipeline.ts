/**
 * The small vocabulary the stages are composed with.
 *
 * A stage is a pure function `A -> Result<B>`, where `Result<T>` is fp-ts's
 * `Either<SoulError, T>`. Chain stages with `pipe` and `chain`, run one over an array with
 * `traverse`, and look at the outcome with `isOk` / `match`. These are thin, documented
 * wrappers over fp-ts, so fp-ts's own `Either` functions work on the same values.
 *
 * ```ts
 * const reply = pipe(
 *   readSoul(bytes),
 *   chain((soul) => chatTurn(soul, tokenizer, "hello")),
 *   map((turn) => turn.reply),
 * );
 * ```
 *
 * @module
 */
import { E, type Either } from "./deps.ts";
import { type Location, type SoulError, soulError, type SoulErrorKind } from "./errors.ts";

// Stage code inside lib/ may use fp-ts directly through these; mod.ts does not re-export them.
export { E };
export type { Either };

/** A failed result (the same shape as fp-ts's `Left<SoulError>`). */
export interface Err {
  /** Marks a failure. */
  readonly _tag: "Left";
  /** What went wrong. */
  readonly left: SoulError;
}

/** A successful result (the same shape as fp-ts's `Right<T>`). */
export interface Ok<T> {
  /** Marks a success. */
  readonly _tag: "Right";
  /** The value. */
  readonly right: T;
}

/**
 * The result every stage returns: a SoulError or a value. Structurally this is fp-ts's
 * `Either<SoulError, T>`, so fp-ts's Either functions accept it as is.
 */
export type Result<T> = Err | Ok<T>;

/** A pure, typed transformation that may fail with a SoulError. */
export type Stage<A, B> = (input: A) => Result<B>;

/** Succeed with a value. */
export const ok = <T>(value: T): Result<T> => E.right(value);

/** Fail with a SoulError. */
export const fail = <T = never>(
  kind: SoulErrorKind,
  message: string,
  where: Location = {},
): Result<T> => E.left(soulError(kind, message, where));

/** True when a result holds a value. */
export const isOk = <T>(r: Result<T>): r is Ok<T> => r._tag === "Right";

/** True when a result holds an error. */
export const isErr = <T>(r: Result<T>): r is Err => r._tag === "Left";

/** Transform the value of a successful result. */
export const map = <A, B>(f: (a: A) => B): (r: Result<A>) => Result<B> => E.map(f);

/** Continue with another stage when the result is a value; keep the first error. */
export const chain = <A, B>(f: Stage<A, B>): (r: Result<A>) => Result<B> => E.chain(f);

/** Fold a result into one value. */
export const match = <A, B>(
  onError: (e: SoulError) => B,
  onValue: (a: A) => B,
): (r: Result<A>) => B => E.match(onError, onValue);

/** Compose two stages left to right. */
export const andThen = <A, B, C>(first: Stage<A, B>, second: Stage<B, C>): Stage<A, C> => (a) =>
  E.chain(second)(first(a));

/** Run a stage on each element, collecting the results or stopping at the first error. */
export const traverse = <A, B>(
  stage: (a: A, index: number) => Result<B>,
): (items: readonly A[]) => Result<readonly B[]> =>
(items) => {
  const out: B[] = [];
  for (let i = 0; i < items.length; i++) {
    const r = stage(items[i], i);
    if (E.isLeft(r)) return r;
    out.push(r.right);
  }
  return E.right(out);
};

/** Pass a value through functions left to right: `pipe(a, f, g)` is `g(f(a))`. */
export function pipe<A>(a: A): A;
/** Pass a value through one function. */
export function pipe<A, B>(a: A, ab: (a: A) => B): B;
/** Pass a value through two functions. */
export function pipe<A, B, C>(a: A, ab: (a: A) => B, bc: (b: B) => C): C;
/** Pass a value through three functions. */
export function pipe<A, B, C, D>(a: A, ab: (a: A) => B, bc: (b: B) => C, cd: (c: C) => D): D;
/** Pass a value through four functions. */
export function pipe<A, B, C, D, F>(
  a: A,
  ab: (a: A) => B,
  bc: (b: B) => C,
  cd: (c: C) => D,
  df: (d: D) => F,
): F;
/** Pass a value through five functions. */
export function pipe<A, B, C, D, F, G>(
  a: A,
  ab: (a: A) => B,
  bc: (b: B) => C,
  cd: (c: C) => D,
  df: (d: D) => F,
  fg: (f: F) => G,
): G;
/** Pass a value through six functions. */
export function pipe<A, B, C, D, F, G, H>(
  a: A,
  ab: (a: A) => B,
  bc: (b: B) => C,
  cd: (c: C) => D,
  df: (d: D) => F,
  fg: (f: F) => G,
  gh: (g: G) => H,
): H;
/** Pass a value through seven functions. */
export function pipe<A, B, C, D, F, G, H, I>(
  a: A,
  ab: (a: A) => B,
  bc: (b: B) => C,
  cd: (c: C) => D,
  df: (d: D) => F,
  fg: (f: F) => G,
  gh: (g: G) => H,
  hi: (h: H) => I,
): I;
export function pipe(a: unknown, ...fns: ((x: unknown) => unknown)[]): unknown {
  return fns.reduce((acc, f) => f(acc), a);
}

/**
 * Unwrap a Result at a program boundary (tools, tests): returns the value or throws an Error
 * whose message is the SoulError's one-line description. Library code never calls this.
 */
export const unwrap = <T>(r: Result<T>, describe: (e: SoulError) => string): T => {
  if (E.isLeft(r)) throw new Error(describe(r.left));
  return r.right;
};
