/**
 * A cursor over a source file's text, with the lexical rules of ACME: what a name, a number, a
 * string and the end of a statement look like. Parsing is character-level (as in ACME) because
 * some characters mean different things in different places: `%` starts a binary number where
 * an operand is expected and is the modulo operator after one; `-` is a negation or an
 * anonymous label depending on what follows.
 *
 * Source text is decoded byte for byte (Latin-1), so bytes above 127 pass through strings
 * unchanged, exactly as ACME treats them.
 *
 * @module
 */
import { FORCE16, FORCE24 } from "./value.ts";

/** A syntax error at an offset; the parser turns it into an `invalid` statement. */
export class ParseError {
  constructor(readonly at: number, readonly message: string) {}
}

const isDigit = (c: number) => c >= 48 && c <= 57;
const isLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
/** Symbol characters: letters, digits, underscore and every byte above 127. */
export const isNameChar = (c: number) => isLetter(c) || isDigit(c) || c === 95 || c >= 128;
/** A global name may not start with a digit. */
export const isNameStart = (c: number) => isLetter(c) || c === 95 || c >= 128;

/** Show a character in an error message. */
export const showChar = (c: string | undefined): string =>
  c === undefined || c === "\n" || c === "\r" ? "end of line" : `'${c}'`;

/** Deepest nesting of parentheses, operators and blocks (a guard against stack overflow). */
const MAX_NESTING = 256;

export class Scanner {
  pos = 0;
  private nesting = 0;
  constructor(readonly text: string) {}

  /** Run `f` one nesting level deeper, failing past MAX_NESTING. */
  nested<T>(f: () => T): T {
    if (++this.nesting > MAX_NESTING) this.fail(`nested more than ${MAX_NESTING} levels deep`);
    try {
      return f();
    } finally {
      this.nesting--;
    }
  }

  /** Character code at pos + ahead (NaN past the end). */
  code(ahead = 0): number {
    return this.text.charCodeAt(this.pos + ahead);
  }

  char(ahead = 0): string | undefined {
    return this.text[this.pos + ahead];
  }

  fail(message: string, at = this.pos): never {
    throw new ParseError(at, message);
  }

  /** Skip blanks inside a statement (spaces and tabs). */
  skipSpace(): void {
    for (let c = this.code(); c === 32 || c === 9; c = this.code()) this.pos++;
  }

  /** At the start of a comment (`;` or `//`)? */
  atComment(): boolean {
    const c = this.code();
    return c === 59 || (c === 47 && this.code(1) === 47);
  }

  /** Skip to the end of the line (not past the line break). */
  skipLine(): void {
    for (let c = this.code(); !(c === 10 || c === 13 || Number.isNaN(c)); c = this.code()) {
      this.pos++;
    }
  }

  /** After blanks: end of text or line, `:`, a comment, or the `}` closing a block. */
  atStatementEnd(): boolean {
    this.skipSpace();
    const c = this.code();
    return Number.isNaN(c) || c === 10 || c === 13 || c === 58 || c === 125 || this.atComment();
  }

  /** Consume `c` (after blanks) or fail saying what was expected. */
  expect(c: string, what = `'${c}'`): void {
    this.skipSpace();
    if (this.char() !== c) this.fail(`expected ${what}, found ${showChar(this.char())}`);
    this.pos++;
  }

  /** Consume `c` (after blanks) if it is next. */
  accept(c: string): boolean {
    this.skipSpace();
    if (this.char() !== c) return false;
    this.pos++;
    return true;
  }

  /** Read a run of name characters (possibly empty). */
  readNameChars(): string {
    const start = this.pos;
    while (isNameChar(this.code())) this.pos++;
    return this.text.slice(start, this.pos);
  }

  /** A case-insensitive keyword that is a whole word (e.g. `else`, `div`); consumed if found. */
  acceptWord(word: string): boolean {
    const end = this.pos + word.length;
    if (this.text.slice(this.pos, end).toLowerCase() !== word) return false;
    if (isNameChar(this.text.charCodeAt(end))) return false;
    this.pos = end;
    return true;
  }

  /** A quoted string with ACME 0.97's backslash escapes; `quote` is `"` or `'`. */
  readQuoted(quote: string): string {
    const start = this.pos;
    this.pos++; // opening quote
    let out = "";
    for (;;) {
      const c = this.char();
      if (c === undefined || c === "\n" || c === "\r") {
        this.fail(
          `unterminated ${quote === '"' ? "string" : "character"}: missing ${quote}`,
          start,
        );
      }
      this.pos++;
      if (c === quote) return out;
      if (c !== "\\") {
        out += c;
        continue;
      }
      const e = this.char();
      this.pos++;
      switch (e) {
        case "\\":
        case "'":
        case '"':
          out += e;
          break;
        case "n":
          out += "\n";
          break;
        case "r":
          out += "\r";
          break;
        case "t":
          out += "\t";
          break;
        case "0":
          out += "\0";
          break;
        default:
          this.fail(
            `unsupported escape '\\${e ?? ""}' (use \\\\, \\', \\", \\n, \\r, \\t or \\0)`,
            this.pos - 2,
          );
      }
    }
  }

  /**
   * A number literal at pos: decimal, `$`/`0x` hex, `%`/`0b` binary (`.` and `#` for 0 and 1),
   * `&` octal. Returns value and force bits: leading zeros force a wider addressing mode, as
   * in ACME (`$00fa` and `%000000001` → 16-bit, `$000fa` → 24-bit).
   */
  readNumber(): { n: number; flags: number } {
    const start = this.pos;
    const c = this.char();
    const digits = (ok: (ch: string) => boolean, base: number, map = (ch: string) => ch) => {
      const from = this.pos;
      let s = "";
      while (this.pos < this.text.length && ok(this.text[this.pos])) {
        s += map(this.text[this.pos++]);
      }
      if (s === "") this.fail(`expected base-${base} digits`, from);
      const n = parseInt(s, base);
      if (n > Number.MAX_SAFE_INTEGER) {
        this.fail("number too large (this assembler is exact to 2^53)", start);
      }
      if (isNameChar(this.code())) {
        this.fail(`bad digit ${showChar(this.char())} in a base-${base} number`);
      }
      return { n, count: s.length };
    };
    const hex = (ch: string) => /[0-9a-f]/i.test(ch);
    const bin = (ch: string) => ch === "0" || ch === "1" || ch === "." || ch === "#";
    const binMap = (ch: string) => (ch === "." ? "0" : ch === "#" ? "1" : ch);
    // Leading zeros: more digits than the value needs forces the next wider size.
    const force = (n: number, count: number, per8: number, per16: number) =>
      count > per16 && n < 0x10000 ? FORCE24 : count > per8 && n < 0x100 ? FORCE16 : 0;

    // Only lower-case 0x and 0b, as in ACME.
    if (c === "$" || (c === "0" && this.char(1) === "x")) {
      this.pos += c === "$" ? 1 : 2;
      const { n, count } = digits(hex, 16);
      return { n, flags: force(n, count, 2, 4) };
    }
    if (c === "%" || (c === "0" && this.char(1) === "b")) {
      this.pos += c === "%" ? 1 : 2;
      const { n, count } = digits(bin, 2, binMap);
      return { n, flags: force(n, count, 8, 16) };
    }
    if (c === "&") {
      this.pos++;
      const { n, count } = digits((ch) => ch >= "0" && ch <= "7", 8);
      return { n, flags: force(n, count, 3, 6) };
    }
    const { n } = digits((ch) => ch >= "0" && ch <= "9", 10);
    if (this.char() === "." && isDigit(this.code(1))) {
      this.fail("floating-point numbers are not supported", start);
    }
    return { n, flags: 0 };
  }
}
