/**
 * The syntax tree a source file parses to. Every node keeps `at`, its character offset in the
 * file, so errors can name line and column; a file parses once and each pass walks the tree.
 *
 * @module
 */
import type { BinaryOp, UnaryOp } from "./value.ts";

/** Symbol scopes: `name` global, `.name` zone-local, `@name` cheap local (between labels). */
export type SymbolScope = "global" | "local" | "cheap";

export type Expr =
  | { readonly k: "num"; readonly at: number; readonly n: number; readonly flags: number }
  | { readonly k: "char"; readonly at: number; readonly code: number }
  | { readonly k: "str"; readonly at: number; readonly s: string }
  | { readonly k: "pc"; readonly at: number }
  | { readonly k: "sym"; readonly at: number; readonly scope: SymbolScope; readonly name: string }
  /** Anonymous label reference: `name` is a run of "+" (next definition) or "-" (previous). */
  | { readonly k: "anon"; readonly at: number; readonly name: string }
  | { readonly k: "unary"; readonly at: number; readonly op: UnaryOp; readonly e: Expr }
  | {
    readonly k: "binary";
    readonly at: number;
    readonly op: BinaryOp;
    readonly l: Expr;
    readonly r: Expr;
  };

/** The operand syntax of an instruction; the assembler picks zp or abs from the value. */
export type OperandSyntax =
  | "none" // rts, asl
  | "imm" // #expr
  | "plain" // expr
  | "x" // expr,x
  | "y" // expr,y
  | "ind" // (expr)
  | "indx" // (expr,x)
  | "indy"; // (expr),y

export interface SymbolRef {
  readonly scope: SymbolScope;
  readonly name: string;
  readonly at: number;
}

/** `!if` / `!ifdef` / `!ifndef`: a condition and the statements it guards. */
export type Condition =
  | { readonly k: "if"; readonly e: Expr }
  | { readonly k: "ifdef"; readonly negate: boolean; readonly sym: SymbolRef };

/** Text conversion tables (see charset.ts). */
export type ConvTab = "raw" | "pet" | "scr";

export type Stmt =
  | { readonly t: "label"; readonly at: number; readonly sym: SymbolRef }
  | { readonly t: "anonLabel"; readonly at: number; readonly name: string }
  | {
    readonly t: "assign";
    readonly at: number;
    readonly sym: SymbolRef;
    readonly e: Expr;
    /** `!set`: redefinition allowed. */
    readonly set: boolean;
  }
  | { readonly t: "pc"; readonly at: number; readonly e: Expr }
  | {
    readonly t: "insn";
    readonly at: number;
    readonly mnemonic: string;
    readonly syntax: OperandSyntax;
    readonly e?: Expr;
    /** `lda+1` / `lda+2` postfix: force 8- or 16-bit addressing. */
    readonly force?: 1 | 2;
  }
  | {
    readonly t: "data";
    readonly at: number;
    readonly bytes: 1 | 2 | 3 | 4;
    readonly bigEndian: boolean;
    readonly items: readonly Expr[];
  }
  | {
    readonly t: "text";
    readonly at: number;
    /** The table to use, or undefined for the current one (`!text`). */
    readonly table?: ConvTab;
    readonly xor?: Expr;
    readonly items: readonly Expr[];
  }
  | { readonly t: "fill"; readonly at: number; readonly count: Expr; readonly value?: Expr }
  | { readonly t: "skip"; readonly at: number; readonly count: Expr }
  | {
    readonly t: "align";
    readonly at: number;
    readonly and: Expr;
    readonly equal: Expr;
    readonly value?: Expr;
  }
  | {
    readonly t: "binary";
    readonly at: number;
    readonly path: string;
    readonly size?: Expr;
    readonly skip?: Expr;
  }
  | { readonly t: "source"; readonly at: number; readonly path: string }
  | {
    readonly t: "zone";
    readonly at: number;
    readonly title: string;
    readonly body?: readonly Stmt[];
  }
  | {
    readonly t: "if";
    readonly at: number;
    readonly branches: readonly { readonly cond?: Condition; readonly body: readonly Stmt[] }[];
  }
  | {
    readonly t: "for";
    readonly at: number;
    readonly sym: SymbolRef;
    readonly from: Expr;
    readonly to: Expr;
    readonly body: readonly Stmt[];
  }
  | {
    readonly t: "macroDef";
    readonly at: number;
    readonly name: SymbolRef;
    readonly params: readonly SymbolRef[];
    readonly body: readonly Stmt[];
  }
  | {
    readonly t: "macroCall";
    readonly at: number;
    readonly name: SymbolRef;
    readonly args: readonly Expr[];
  }
  | {
    readonly t: "message";
    readonly at: number;
    readonly level: "warn" | "error" | "serious";
    readonly items: readonly Expr[];
  }
  | {
    readonly t: "convtab";
    readonly at: number;
    readonly table: ConvTab;
    readonly body?: readonly Stmt[];
  }
  | {
    readonly t: "pseudopc";
    readonly at: number;
    readonly e: Expr;
    readonly body: readonly Stmt[];
  }
  /** `!address { }` and `!cpu 6502 { }`: a block with nothing to change for us. */
  | { readonly t: "block"; readonly at: number; readonly body: readonly Stmt[] }
  | { readonly t: "eof"; readonly at: number }
  /** A statement that did not parse: its error is raised only if it is assembled. */
  | { readonly t: "invalid"; readonly at: number; readonly message: string };

/** A parsed source file. */
export interface ParsedFile {
  readonly path: string;
  readonly text: string;
  readonly body: readonly Stmt[];
  /** Offsets where lines start, for offset → line/column. */
  readonly lineStarts: readonly number[];
}

/** 1-based line and column of an offset. */
export const lineColumn = (file: ParsedFile, at: number): { line: number; column: number } => {
  const starts = file.lineStarts;
  let lo = 0, hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= at) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: at - starts[lo] + 1 };
};

/** The text of a 1-based line, without its line break. */
export const lineText = (file: ParsedFile, line: number): string => {
  const start = file.lineStarts[line - 1] ?? file.text.length;
  const end = line < file.lineStarts.length ? file.lineStarts[line] : file.text.length;
  return file.text.slice(start, end).replace(/\r?\n$|\r$/, "");
};
