/**
 * ACME's expression syntax, parsed by precedence climbing with ACME's operator priorities
 * (value.ts). Unary operators take everything of higher priority to their right, so
 * `<label + 1` is the low byte of `label + 1` and `-2 ^ 2` is -4, exactly as in ACME.
 *
 * @module
 */
import type { Expr, SymbolScope } from "./ast.ts";
import { isNameChar, isNameStart, Scanner, showChar } from "./scanner.ts";
import { BINARY_PRIORITY, type BinaryOp, UNARY_PRIORITY, type UnaryOp } from "./value.ts";

// Word operators, usable in any case: `6 AND 3`, `1 lsl 4`.
const WORD_OPS: readonly (readonly [string, BinaryOp])[] = [
  ["div", "div"],
  ["mod", "%"],
  ["and", "&"],
  ["or", "|"],
  ["xor", "xor"],
  ["lsl", "<<"],
  ["asl", "<<"],
  ["lsr", ">>>"],
  ["asr", ">>"],
];

// Symbolic operators, longest first so that `>>>` wins over `>>` and `<>` over `<`.
const SYMBOL_OPS: readonly (readonly [string, BinaryOp])[] = [
  [">>>", ">>>"],
  ["<<", "<<"],
  [">>", ">>"],
  ["<=", "<="],
  [">=", ">="],
  ["<>", "!="],
  ["><", "!="],
  ["!=", "!="],
  ["==", "=="],
  ["<", "<"],
  [">", ">"],
  ["=", "=="],
  ["&", "&"],
  ["|", "|"],
  ["^", "^"],
  ["+", "+"],
  ["-", "-"],
  ["*", "*"],
  ["/", "/"],
  ["%", "%"],
];

/** Characters after which a run of `-` is an anonymous label rather than negation. */
const endsAnonymous = (s: Scanner): boolean => {
  const c = s.char();
  return s.atStatementEnd() || c === "," || c === ")" || c === "]";
};

/** Peek at a binary operator after blanks; returns it and its length without consuming. */
const peekBinary = (s: Scanner): { op: BinaryOp; length: number } | undefined => {
  s.skipSpace();
  if (s.atComment()) return undefined;
  if (isNameStart(s.code())) {
    for (const [word, op] of WORD_OPS) {
      const end = s.pos + word.length;
      if (
        s.text.slice(s.pos, end).toLowerCase() === word && !isNameChar(s.text.charCodeAt(end))
      ) {
        return { op, length: word.length };
      }
    }
    return undefined;
  }
  for (const [text, op] of SYMBOL_OPS) {
    if (s.text.startsWith(text, s.pos)) return { op, length: text.length };
  }
  return undefined;
};

/** Read a symbol name at pos: `name`, `.name` or `@name`. */
export const readSymbol = (s: Scanner): { scope: SymbolScope; name: string; at: number } => {
  const at = s.pos;
  const c = s.char();
  if (c === "." || c === "@") {
    s.pos++;
    const name = s.readNameChars();
    if (name === "") s.fail(`expected a symbol name after '${c}'`, at);
    return { scope: c === "." ? "local" : "cheap", name, at };
  }
  if (!isNameStart(s.code())) s.fail(`expected a symbol name, found ${showChar(c)}`);
  return { scope: "global", name: s.readNameChars(), at };
};

/** Parse an expression whose binary operators all have priority >= minPriority. */
export const parseExpr = (s: Scanner, minPriority = 0): Expr =>
  s.nested(() => parseBinary(s, minPriority));

const parseBinary = (s: Scanner, minPriority: number): Expr => {
  let left = parseOperand(s);
  for (;;) {
    const found = peekBinary(s);
    if (found === undefined) return left;
    const priority = BINARY_PRIORITY[found.op];
    if (priority < minPriority) return left;
    const at = s.pos;
    s.pos += found.length;
    // `^` (power) is right-associative; everything else groups to the left.
    const right = parseExpr(s, found.op === "^" ? priority : priority + 1);
    left = { k: "binary", at, op: found.op, l: left, r: right };
  }
};

const unaryOf = (s: Scanner, op: UnaryOp, at: number): Expr => ({
  k: "unary",
  at,
  op,
  e: parseExpr(s, UNARY_PRIORITY[op] + 1),
});

const runLength = (s: Scanner, c: string): number => {
  let n = 0;
  while (s.char(n) === c) n++;
  return n;
};

const parseOperand = (s: Scanner): Expr => {
  s.skipSpace();
  const at = s.pos;
  const c = s.char();
  switch (c) {
    case "(": {
      s.pos++;
      const e = parseExpr(s);
      s.expect(")");
      return e;
    }
    case "!":
      s.pos++;
      return unaryOf(s, "!", at);
    case "<":
    case ">":
    case "^":
      s.pos++;
      return unaryOf(s, c, at);
    case "+": {
      // In operand position, `+`, `++`, ... always name the next anonymous label.
      const n = runLength(s, "+");
      s.pos += n;
      return { k: "anon", at, name: "+".repeat(n) };
    }
    case "-": {
      // `-`, `--` ... name the previous anonymous label when nothing but the end of the
      // operand follows; otherwise each `-` negates (ACME's rule).
      const n = runLength(s, "-");
      s.pos += n;
      if (endsAnonymous(s)) return { k: "anon", at, name: "-".repeat(n) };
      if (n % 2 === 0) return parseOperand(s);
      return { k: "unary", at, op: "neg", e: parseExpr(s, UNARY_PRIORITY.neg + 1) };
    }
    case "*":
      s.pos++;
      return { k: "pc", at };
    case '"':
      return { k: "str", at, s: s.readQuoted('"') };
    case "'": {
      const text = s.readQuoted("'");
      if (text.length !== 1) {
        s.fail(
          text.length === 0 ? "empty character literal" : "a character literal holds one character",
          at,
        );
      }
      return { k: "char", at, code: text.charCodeAt(0) };
    }
    case "$":
    case "%":
      return { k: "num", at, ...s.readNumber() };
    case "&":
      if (!/[0-7]/.test(s.char(1) ?? "")) s.fail("'&' (unpseudopc) is not supported", at);
      return { k: "num", at, ...s.readNumber() };
    case "[":
      return s.fail("lists are not supported", at);
    case ".":
    case "@":
      return { k: "sym", ...readSymbol(s) };
  }
  const code = s.code();
  if (code >= 48 && code <= 57) return { k: "num", at, ...s.readNumber() };
  if (isNameStart(code)) {
    if (s.acceptWord("not")) return unaryOf(s, "!", at);
    const sym = readSymbol(s);
    s.skipSpace();
    if (s.char() === "(") s.fail(`functions such as ${sym.name}() are not supported`, at);
    return { k: "sym", ...sym };
  }
  return s.fail(`expected an expression, found ${showChar(c)}`);
};

/** Parse `expr [, expr]*`. */
export const parseExprList = (s: Scanner): Expr[] => {
  const out = [parseExpr(s)];
  while (s.accept(",")) out.push(parseExpr(s));
  return out;
};
