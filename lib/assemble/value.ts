/**
 * Expression values and ACME's integer arithmetic.
 *
 * A value is a number plus flags that steer addressing-mode choice the way ACME does it:
 * whether the value is known yet, whether any symbol in it was ever read before its
 * definition (then ACME keeps 16-bit addressing in every pass, so sizes never oscillate), and
 * "force bits" from leading zeros (`$00fa` → 16-bit) or byte extraction (`<x` → 8-bit).
 * Strings only pass through (text directives, macro arguments, `!error`).
 *
 * ACME computes with 64-bit C integers (wrapping, shift counts taken modulo 64, as on x86-64).
 * We use doubles and fall back to BigInt where a result leaves the 32-bit range (bit
 * operations) or the exact double range (arithmetic), then wrap to 64 bits: results are exact
 * up to ±2^53, which covers every value a 6502 program needs.
 *
 * @module
 */

/** The value is known (every symbol in it is defined). */
export const DEFINED = 1;
/** Some symbol in it was read before it was defined, in some pass. */
export const EVER_UNDEFINED = 2;
/** Force bits: the smallest addressing size the value insists on. */
export const FORCE8 = 4;
export const FORCE16 = 8;
export const FORCE24 = 16;
export const FORCE_BITS = FORCE8 | FORCE16 | FORCE24;
/** Flags that a result inherits from its operands. */
const INHERITED = EVER_UNDEFINED | FORCE_BITS;

/** A number (with flags) or a string. */
export interface Value {
  readonly n: number;
  readonly flags: number;
  /** Set for string values; `n` is then 0. */
  readonly str?: string;
}

/** A defined number without flags. */
export const num = (n: number, flags = 0): Value => ({ n, flags: flags | DEFINED });

/** The value of an expression that uses a symbol not yet defined. */
export const UNDEFINED: Value = { n: 0, flags: EVER_UNDEFINED };

export const isDefined = (v: Value): boolean => (v.flags & DEFINED) !== 0;

/** Binary operators, by ACME name. */
export type BinaryOp =
  | "^" // power
  | "*"
  | "/"
  | "div"
  | "%"
  | "+"
  | "-"
  | "<<"
  | ">>"
  | ">>>"
  | "<="
  | "<"
  | ">="
  | ">"
  | "!="
  | "=="
  | "&"
  | "xor"
  | "|";

/** Unary operators: `!` complement, `-` negate, `<` low, `>` high and `^` bank byte. */
export type UnaryOp = "!" | "neg" | "<" | ">" | "^";

/** ACME's priorities (higher binds tighter); see QuickRef.txt, "The expression parser". */
export const BINARY_PRIORITY: Readonly<Record<BinaryOp, number>> = {
  "^": 12,
  "*": 10,
  "/": 10,
  div: 10,
  "%": 10,
  "+": 9,
  "-": 9,
  "<<": 8,
  ">>": 8,
  ">>>": 8,
  "<=": 6,
  "<": 6,
  ">=": 6,
  ">": 6,
  "!=": 5,
  "==": 4,
  "&": 3,
  xor: 2,
  "|": 1,
};

export const UNARY_PRIORITY: Readonly<Record<UnaryOp, number>> = {
  "!": 13,
  neg: 11,
  "<": 7,
  ">": 7,
  "^": 7,
};

const INT32_MIN = -0x80000000;
const INT32_MAX = 0x7fffffff;
const isInt32 = (n: number) => n >= INT32_MIN && n <= INT32_MAX;
const int64 = (b: bigint): number => Number(BigInt.asIntN(64, b));

/** Bitwise ops with C semantics on 64-bit integers (fast path when both fit in 32 bits). */
const bitwise = (op: "&" | "|" | "xor", a: number, b: number): number => {
  if (isInt32(a) && isInt32(b)) return op === "&" ? a & b : op === "|" ? a | b : a ^ b;
  const x = BigInt(a), y = BigInt(b);
  return int64(op === "&" ? x & y : op === "|" ? x | y : x ^ y);
};

const shift = (op: "<<" | ">>" | ">>>", a: number, b: number): number => {
  const x = BigInt(a), y = BigInt(((b % 64) + 64) % 64);
  if (op === "<<") return int64(x << y);
  if (op === ">>") return int64(BigInt.asIntN(64, x) >> y);
  return int64(BigInt.asUintN(64, x) >> y);
};

/** `a op b` for + - *, wrapping at 64 bits like C when the result leaves the exact range. */
const arithmetic = (op: "+" | "-" | "*", a: number, b: number): number => {
  const r = op === "+" ? a + b : op === "-" ? a - b : a * b;
  if (Number.isSafeInteger(r)) return r;
  const x = BigInt(a), y = BigInt(b);
  return int64(op === "+" ? x + y : op === "-" ? x - y : x * y);
};

/** Integer power by squaring, wrapping at 64 bits; 0^0 = 1 as in ACME. */
const power = (a: number, b: number): number => {
  const direct = a ** b;
  if (Number.isSafeInteger(direct)) return direct;
  let result = 1n, base = BigInt.asUintN(64, BigInt(a));
  for (let e = BigInt(b); e > 0n; e >>= 1n) {
    if (e & 1n) result = BigInt.asUintN(64, result * base);
    base = BigInt.asUintN(64, base * base);
  }
  return int64(result);
};

/**
 * Compute a binary operator on two numbers. Returns a string describing the problem for
 * division by zero or a negative exponent (the caller decides whether that is an error yet:
 * operands may still be placeholders in an early pass).
 */
export const binaryNumber = (op: BinaryOp, a: number, b: number): number | string => {
  switch (op) {
    case "^":
      return b < 0 ? "negative exponent" : power(a, b);
    case "*":
    case "+":
    case "-":
      return arithmetic(op, a, b);
    case "/":
    case "div":
      return b === 0 ? "division by zero" : Math.trunc(a / b); // C truncates toward zero
    case "%":
      return b === 0 ? "division by zero" : a % b; // sign follows the dividend, as in C
    case "<<":
    case ">>":
    case ">>>":
      return shift(op, a, b);
    case "<=":
      return a <= b ? 1 : 0;
    case "<":
      return a < b ? 1 : 0;
    case ">=":
      return a >= b ? 1 : 0;
    case ">":
      return a > b ? 1 : 0;
    case "!=":
      return a !== b ? 1 : 0;
    case "==":
      return a === b ? 1 : 0;
    case "&":
    case "|":
    case "xor":
      return bitwise(op, a, b);
  }
};

/** Flags of a binary result: inherited bits of both, defined only when both are. */
export const binaryFlags = (a: Value, b: Value): number =>
  ((a.flags | b.flags) & INHERITED) | (a.flags & b.flags & DEFINED);

/** Compute a unary operator (value and flags). */
export const unary = (op: UnaryOp, v: Value): Value => {
  const keep = v.flags & (INHERITED | DEFINED);
  switch (op) {
    case "!":
      return { n: bitwise("xor", v.n, -1), flags: keep };
    case "neg":
      return { n: v.n === 0 ? 0 : -v.n, flags: keep };
    default: {
      // Byte extraction makes the value a byte: force 8-bit addressing, drop wider forces.
      const n = op === "<" ? v.n : op === ">" ? Math.floor(v.n / 256) : Math.floor(v.n / 65536);
      return { n: ((n % 256) + 256) % 256, flags: (keep & ~FORCE_BITS) | FORCE8 };
    }
  }
};

/** Whether a number fits a field of `bits` bits, signed or unsigned (ACME's range rule). */
export const fitsBits = (n: number, bits: 8 | 16 | 24 | 32): boolean => {
  if (bits === 32) return true; // ACME does not range-check !32
  const limit = 2 ** bits;
  return n >= -(limit / 2) && n < limit;
};

/** Render a number like ACME's `!error`: decimal and hex. */
export const describeNumber = (n: number): string =>
  `${n} (${n < 0 ? "-" : ""}0x${Math.abs(n).toString(16)})`;
