/**
 * ACME statements: lines of `[label] [command]`, several per line when separated by `:`,
 * comments after `;` or `//`, and `{ }` blocks that may span lines.
 *
 * Parsing never fails as a whole: a statement that does not parse becomes an `invalid` node
 * whose error is raised only if that statement is assembled. So, as in ACME, text inside a
 * skipped `!if` branch cannot break the build, while braces still nest.
 *
 * @module
 */
import type {
  Condition,
  ConvTab,
  Expr,
  OperandSyntax,
  ParsedFile,
  Stmt,
  SymbolRef,
} from "./ast.ts";
import { parseExpr, parseExprList, readSymbol } from "./expr_parse.ts";
import { isMnemonic } from "./opcodes.ts";
import { isNameStart, ParseError, Scanner, showChar } from "./scanner.ts";

type Out = Stmt[];

/** Directives whose only job is to carry data items. */
const DATA: Readonly<Record<string, readonly [1 | 2 | 3 | 4, boolean]>> = {
  "8": [1, false],
  "08": [1, false],
  by: [1, false],
  byte: [1, false],
  "16": [2, false],
  wo: [2, false],
  word: [2, false],
  le16: [2, false],
  be16: [2, true],
  "24": [3, false],
  le24: [3, false],
  be24: [3, true],
  "32": [4, false],
  le32: [4, false],
  be32: [4, true],
};

const TEXT: Readonly<Record<string, ConvTab | undefined>> = {
  text: undefined,
  tx: undefined,
  pet: "pet",
  scr: "scr",
  raw: "raw",
};

/** ACME directives this assembler does not implement (named so the error says so). */
const UNSUPPORTED = new Set([
  "initmem",
  "xor",
  "do",
  "while",
  "realpc",
  "subzone",
  "sz",
  "cbm",
  "al",
  "as",
  "rl",
  "rs",
]);

class Parser extends Scanner {
  /** Skip blanks, line breaks, `:` separators and comments between statements. */
  private skipBetween(): void {
    for (;;) {
      const c = this.code();
      if (c === 32 || c === 9 || c === 10 || c === 13 || c === 58) this.pos++;
      else if (this.atComment()) this.skipLine();
      else return;
    }
  }

  /** Statements until the end of the text, or (in a block) until the matching `}`. */
  body(openAt?: number): Stmt[] {
    const out: Out = [];
    for (;;) {
      this.skipBetween();
      if (this.pos >= this.text.length) {
        if (openAt !== undefined) {
          out.push({ t: "invalid", at: openAt, message: "this '{' is never closed: missing '}'" });
        }
        return out;
      }
      if (this.char() === "}") {
        this.pos++;
        if (openAt !== undefined) return out;
        out.push({ t: "invalid", at: this.pos - 1, message: "unexpected '}' outside a block" });
        continue;
      }
      const start = this.pos;
      try {
        this.statement(out);
        if (!this.atStatementEnd()) {
          this.fail(`expected the end of the statement, found ${showChar(this.char())}`);
        }
      } catch (e) {
        if (!(e instanceof ParseError)) throw e;
        out.push({ t: "invalid", at: e.at, message: e.message });
        this.recover(start);
      }
      // A top-level !eof ends the file: what follows is free text, as in ACME.
      if (openAt === undefined && out[out.length - 1]?.t === "eof") return out;
    }
  }

  /** After an error: skip the rest of the statement, including any blocks it opens. */
  private recover(start: number): void {
    this.pos = Math.max(this.pos, start + 1);
    let depth = 0;
    while (this.pos < this.text.length) {
      const c = this.char();
      if (c === '"' || c === "'") {
        const q = c;
        this.pos++;
        while (this.pos < this.text.length && !"\n\r".includes(this.char()!)) {
          const d = this.char();
          this.pos += d === "\\" ? 2 : 1;
          if (d === q) break;
        }
        continue;
      }
      if (this.atComment()) {
        this.skipLine();
        continue;
      }
      if (depth === 0 && (c === "\n" || c === "\r" || c === ":" || c === "}")) return;
      if (c === "{") depth++;
      if (c === "}") depth--;
      this.pos++;
    }
  }

  private block(): Stmt[] {
    this.skipSpace();
    const at = this.pos;
    if (this.char() !== "{") {
      this.fail(`expected '{' to open a block, found ${showChar(this.char())}`);
    }
    this.pos++;
    return this.nested(() => this.body(at));
  }

  private statement(out: Out): void {
    this.skipSpace();
    const at = this.pos;
    const c = this.char();
    if (c === "*") {
      this.pos++;
      this.expect("=", "'=' after '*' (to set the program counter)");
      const e = parseExpr(this);
      while (this.accept(",")) {
        this.skipSpace();
        if (!this.acceptWord("overlay") && !this.acceptWord("invisible")) {
          this.fail("expected 'overlay' or 'invisible' after '* = address,'");
        }
      }
      out.push({ t: "pc", at, e });
      return;
    }
    if (c === "+" && !this.isMacroCall()) {
      const name = this.run("+");
      out.push({ t: "anonLabel", at, name });
      return this.command(out, undefined);
    }
    if (c === "-") {
      const name = this.run("-");
      out.push({ t: "anonLabel", at, name });
      return this.command(out, undefined);
    }
    if (c === "!" || c === "+") return this.command(out, undefined);
    if (isNameStart(this.code()) || c === "." || c === "@") {
      const sym = readSymbol(this);
      if (sym.scope === "global" && isMnemonic(sym.name)) {
        return this.instruction(out, sym.name, at);
      }
      this.skipSpace();
      if (this.char() === "=" && this.char(1) !== "=") {
        this.pos++;
        out.push({ t: "assign", at, sym, e: parseExpr(this), set: false });
        return;
      }
      out.push({ t: "label", at, sym });
      return this.command(out, sym);
    }
    this.fail(`expected a label, mnemonic, directive or '* =', found ${showChar(c)}`);
  }

  private run(c: string): string {
    let n = 0;
    while (this.char() === c) {
      this.pos++;
      n++;
    }
    return c.repeat(n);
  }

  private isMacroCall(): boolean {
    const next = this.char(1);
    return next === "." || next === "@" || isNameStart(this.code(1));
  }

  /** What may follow a label: nothing, a mnemonic, a directive or a macro call. */
  private command(out: Out, label: SymbolRef | undefined): void {
    if (this.atStatementEnd()) return;
    const at = this.pos;
    const c = this.char();
    if (c === "!") return this.directive(out);
    if (c === "+" && this.isMacroCall()) {
      this.pos++;
      const name = readSymbol(this);
      const args = this.atStatementEnd() ? [] : this.macroArgs();
      out.push({ t: "macroCall", at, name, args });
      return;
    }
    if (isNameStart(this.code())) {
      const word = this.readNameChars();
      if (isMnemonic(word)) return this.instruction(out, word, at);
      this.fail(`unknown mnemonic "${word}"`, at);
    }
    if (label?.scope === "global" && /^[a-z]{3}$/i.test(label.name)) {
      this.fail(`unknown mnemonic "${label.name}"`, label.at);
    }
    this.fail(
      `expected a mnemonic, directive or macro call${
        label ? ` after label "${label.name}"` : ""
      }, found ${showChar(c)}`,
    );
  }

  private macroArgs(): Expr[] {
    const args: Expr[] = [];
    do {
      this.skipSpace();
      if (this.char() === "~") this.fail("call-by-reference macro arguments (~) are not supported");
      args.push(parseExpr(this));
    } while (this.accept(","));
    return args;
  }

  private instruction(out: Out, word: string, at: number): void {
    const mnemonic = word.toLowerCase();
    let force: 1 | 2 | undefined;
    if (this.char() === "+" && /[123]/.test(this.char(1) ?? "")) {
      const n = Number(this.char(1));
      if (n === 3) this.fail("the 6502 has no 24-bit addressing (+3)");
      force = n as 1 | 2;
      this.pos += 2;
    }
    const { syntax, e } = this.operand();
    if (syntax === "imm" && force === 2) {
      this.fail("an immediate operand cannot be forced to 16 bits (+2)", at);
    }
    out.push({ t: "insn", at, mnemonic, syntax, e, force });
  }

  private operand(): { syntax: OperandSyntax; e?: Expr } {
    if (this.atStatementEnd()) return { syntax: "none" };
    if (this.char() === "#") {
      this.pos++;
      return { syntax: "imm", e: parseExpr(this) };
    }
    if (this.char() === "(") {
      const indirect = this.indirect();
      if (indirect) return indirect;
    }
    const e = parseExpr(this);
    if (!this.accept(",")) return { syntax: "plain", e };
    return { syntax: this.register("x", "y") === "x" ? "x" : "y", e };
  }

  /** `(expr)`, `(expr,x)` or `(expr),y`; undefined when the parentheses only group. */
  private indirect(): { syntax: OperandSyntax; e: Expr } | undefined {
    const start = this.pos;
    this.pos++;
    const e = parseExpr(this);
    if (this.accept(",")) {
      this.register("x");
      this.expect(")", "')' after '(address,x'");
      return { syntax: "indx", e };
    }
    this.expect(")");
    if (this.atStatementEnd()) return { syntax: "ind", e };
    if (this.accept(",")) {
      if (this.register("x", "y") === "x") {
        this.fail("the 6502 has no (address),x mode: use (address,x) or address,x");
      }
      return { syntax: "indy", e };
    }
    this.pos = start; // `(a + 1) * 2`: the parentheses were grouping an expression
    return undefined;
  }

  private register(...allowed: string[]): string {
    this.skipSpace();
    const at = this.pos;
    const r = this.readNameChars().toLowerCase();
    if (!allowed.includes(r)) {
      this.fail(`expected ${allowed.join(" or ")} as index register`, at);
    }
    return r;
  }

  private quotedPath(): string {
    this.skipSpace();
    if (this.char() === "<") this.fail('library paths <...> are not supported; use "..."');
    if (this.char() !== '"') {
      this.fail(`expected a file name in "quotes", found ${showChar(this.char())}`);
    }
    return this.readQuoted('"');
  }

  /** An optional item in `!binary "f", [size], [skip]`. */
  private optionalExpr(): Expr | undefined {
    this.skipSpace();
    return this.char() === "," || this.atStatementEnd() ? undefined : parseExpr(this);
  }

  private directive(out: Out): void {
    const at = this.pos;
    this.pos++; // '!'
    const name = this.readNameChars().toLowerCase();
    if (name === "") this.fail("expected a directive name after '!'", at);
    const data = DATA[name];
    if (data) {
      out.push({ t: "data", at, bytes: data[0], bigEndian: data[1], items: parseExprList(this) });
      return;
    }
    if (name in TEXT) {
      out.push({ t: "text", at, table: TEXT[name], items: parseExprList(this) });
      return;
    }
    switch (name) {
      case "scrxor": {
        const xor = parseExpr(this);
        this.expect(",");
        out.push({ t: "text", at, table: "scr", xor, items: parseExprList(this) });
        return;
      }
      case "hex":
      case "h":
        out.push({ t: "data", at, bytes: 1, bigEndian: false, items: this.hexPairs() });
        return;
      case "fill":
      case "fi": {
        const count = parseExpr(this);
        out.push({ t: "fill", at, count, value: this.accept(",") ? parseExpr(this) : undefined });
        return;
      }
      case "skip":
        out.push({ t: "skip", at, count: parseExpr(this) });
        return;
      case "align": {
        const and = parseExpr(this);
        this.expect(",");
        const equal = parseExpr(this);
        const value = this.accept(",") ? parseExpr(this) : undefined;
        out.push({ t: "align", at, and, equal, value });
        return;
      }
      case "binary":
      case "bin": {
        const path = this.quotedPath();
        const size = this.accept(",") ? this.optionalExpr() : undefined;
        const skip = this.accept(",") ? this.optionalExpr() : undefined;
        out.push({ t: "binary", at, path, size, skip });
        return;
      }
      case "source":
      case "src":
        out.push({ t: "source", at, path: this.quotedPath() });
        return;
      case "zone":
      case "zn": {
        this.skipSpace();
        const title = isNameStart(this.code()) ? this.readNameChars() : "";
        this.skipSpace();
        out.push({ t: "zone", at, title, body: this.char() === "{" ? this.block() : undefined });
        return;
      }
      case "if":
      case "ifdef":
      case "ifndef":
        return this.conditional(out, name, at);
      case "for": {
        this.skipSpace();
        const sym = readSymbol(this);
        this.expect(",", "',' after the loop variable (!for NAME, FROM, TO { ... })");
        const from = parseExpr(this);
        this.expect(",", "',' and the last value (!for NAME, FROM, TO { ... })");
        const to = parseExpr(this);
        out.push({ t: "for", at, sym, from, to, body: this.block() });
        return;
      }
      case "set": {
        this.skipSpace();
        const sym = readSymbol(this);
        this.expect("=");
        out.push({ t: "assign", at, sym, e: parseExpr(this), set: true });
        return;
      }
      case "macro":
        return this.macro(out, at);
      case "error":
      case "warn":
      case "serious":
        out.push({ t: "message", at, level: name, items: parseExprList(this) });
        return;
      case "convtab":
      case "ct": {
        this.skipSpace();
        const tableAt = this.pos;
        const table = this.readNameChars().toLowerCase();
        if (table !== "pet" && table !== "raw" && table !== "scr") {
          this.fail("expected pet, raw or scr (conversion table files are not supported)", tableAt);
        }
        this.skipSpace();
        out.push({ t: "convtab", at, table, body: this.char() === "{" ? this.block() : undefined });
        return;
      }
      case "pseudopc": {
        const e = parseExpr(this);
        out.push({ t: "pseudopc", at, e, body: this.block() });
        return;
      }
      case "cpu": {
        this.skipSpace();
        const cpuAt = this.pos;
        const cpu = this.readNameChars().toLowerCase();
        if (cpu !== "6502") this.fail(`only the 6502 is supported, not "${cpu}"`, cpuAt);
        this.skipSpace();
        if (this.char() === "{") out.push({ t: "block", at, body: this.block() });
        return;
      }
      case "address":
      case "addr":
        // Marks symbols as addresses for ACME's optional type checks: nothing to do here.
        this.skipSpace();
        if (this.char() === "{") out.push({ t: "block", at, body: this.block() });
        else this.statement(out);
        return;
      case "to":
        this.quotedPath();
        if (this.accept(",")) {
          this.skipSpace();
          this.readNameChars(); // the format: the caller chooses it
        }
        return; // the output file is the caller's business
      case "sl":
      case "symbollist":
        this.quotedPath();
        return;
      case "eof":
      case "endoffile":
        out.push({ t: "eof", at });
        return;
    }
    if (UNSUPPORTED.has(name)) this.fail(`the directive !${name} is not supported`, at);
    this.fail(`unknown directive "!${name}"`, at);
  }

  /** `!hex f0 f1f2`: pairs of hex digits. */
  private hexPairs(): Expr[] {
    const items: Expr[] = [];
    while (!this.atStatementEnd()) {
      const at = this.pos;
      const pair = this.text.slice(this.pos, this.pos + 2);
      if (!/^[0-9a-f]{2}$/i.test(pair)) this.fail("expected pairs of hex digits after !hex");
      this.pos += 2;
      items.push({ k: "num", at, n: parseInt(pair, 16), flags: 0 });
    }
    return items;
  }

  private conditional(out: Out, name: string, at: number): void {
    const branches: { cond?: Condition; body: Stmt[] }[] = [];
    let kind = name;
    for (;;) {
      this.skipSpace();
      if (kind === "if") {
        const e = parseExpr(this);
        branches.push({ cond: { k: "if", e }, body: this.block() });
      } else {
        const sym = readSymbol(this);
        const cond = { k: "ifdef" as const, negate: kind === "ifndef", sym };
        this.skipSpace();
        if (this.char() !== "{") {
          // `!ifdef NAME statement`: one statement, no else
          const body: Out = [];
          this.statement(body);
          out.push({ t: "if", at, branches: [...branches, { cond, body }] });
          return;
        }
        branches.push({ cond, body: this.block() });
      }
      const save = this.pos;
      this.skipSpace();
      if (!this.acceptWord("else")) {
        this.pos = save;
        break;
      }
      this.skipSpace();
      const next = ["if", "ifdef", "ifndef"].find((w) => this.acceptWord(w));
      if (next === undefined) {
        branches.push({ body: this.block() });
        break;
      }
      kind = next;
    }
    out.push({ t: "if", at, branches });
  }

  private macro(out: Out, at: number): void {
    this.skipSpace();
    const name = readSymbol(this);
    const params: SymbolRef[] = [];
    this.skipSpace();
    if (this.char() !== "{") {
      do {
        this.skipSpace();
        if (this.char() === "~") {
          this.fail("call-by-reference macro parameters (~) are not supported");
        }
        params.push(readSymbol(this));
      } while (this.accept(","));
    }
    out.push({ t: "macroDef", at, name, params, body: this.block() });
  }
}

/** Offsets where lines start (a line ends at LF, CR or CRLF, as in ACME). */
const lineStartsOf = (text: string): number[] => {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
    if (c === 10 || c === 13) starts.push(i + 1);
  }
  return starts;
};

/** Parse a whole file. Never fails: syntax errors become `invalid` statements. */
export const parseSource = (path: string, text: string): ParsedFile => {
  const p = new Parser(text);
  return { path, text, body: p.body(), lineStarts: lineStartsOf(text) };
};
