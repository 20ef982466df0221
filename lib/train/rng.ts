/**
 * Seeded randomness. Everything random in training (initial weights, the data order, the
 * held-out split) is a pure function of a seed, so a run can be repeated and resumed exactly.
 *
 * @module
 */

/** Mix a 32-bit value thoroughly (an avalanche hash: multiply-xorshift rounds). */
export const mix32 = (x: number): number => {
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d);
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b);
  return (x ^ (x >>> 16)) >>> 0;
};

/** Hash several integers into one 32-bit seed. */
export const hashInts = (...xs: readonly number[]): number => {
  let h = 0x9e3779b9;
  for (const x of xs) h = mix32((h ^ mix32(x >>> 0)) + 0x6a09e667);
  return h;
};

/** A 32-bit FNV-1a hash of a string (for fingerprints and text-keyed seeds). */
export const hashString = (s: string): number => {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
};

/** A stream of random numbers. */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Standard normal (Box-Muller). */
  normal(): number;
}

/**
 * A seeded generator: a Weyl sequence (a counter stepped by an odd constant) fed through
 * mix32, which passes as random for initialization and shuffling and never repeats within
 * 2^32 draws.
 */
export const createRng = (seed: number): Rng => {
  let state = mix32(seed >>> 0);
  const next = (): number => {
    state = (state + 0x9e3779b9) >>> 0;
    return mix32(state) / 4294967296;
  };
  return {
    next,
    int: (n) => Math.floor(next() * n),
    normal: () => {
      const u = 1 - next(); // (0, 1]
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
    },
  };
};

/** A seeded Fisher-Yates permutation of 0..n-1. */
export const permutation = (n: number, seed: number): Int32Array => {
  const p = new Int32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  const rng = createRng(seed);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = p[i];
    p[i] = p[j];
    p[j] = t;
  }
  return p;
};
