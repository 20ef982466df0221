/**
 * Evaluate an expression tree against the assembler's state at one point of one pass.
 *
 * @module
 */
import type { ConvTab, Expr, SymbolRef } from "./ast.ts";
import { convert } from "./charset.ts";
import {
  binaryFlags,
  binaryNumber,
  type BinaryOp,
  DEFINED,
  isDefined,
  num,
  unary,
  type Value,
} from "./value.ts";

/** What evaluation needs from the assembler. Errors are reported by throwing (see pass.ts). */
export interface EvalContext {
  /** A symbol's value, or UNDEFINED (noting the undefined use) when it has none yet. */
  symbol(ref: SymbolRef): Value;
  /** An anonymous label (`+`, `--`, ...) by its position relative to this point. */
  anonymous(name: string, at: number): Value;
  /** The program counter (`*`), failing when it is not set. */
  pc(at: number): number;
  /** The table that converts character literals. */
  readonly convtab: ConvTab;
  /** Fail with a message at an offset of the current file. */
  fail(at: number, message: string): never;
}

const OP_NAMES: Partial<Record<BinaryOp, string>> = { xor: "XOR", div: "DIV" };

export const evaluate = (cx: EvalContext, e: Expr): Value => {
  switch (e.k) {
    case "num":
      return num(e.n, e.flags);
    case "char":
      return num(convert(cx.convtab, e.code));
    case "str":
      return { n: 0, flags: DEFINED, str: e.s };
    case "pc":
      return num(cx.pc(e.at));
    case "sym":
      return cx.symbol(e);
    case "anon":
      return cx.anonymous(e.name, e.at);
    case "unary": {
      const v = evaluate(cx, e.e);
      if (v.str !== undefined) cx.fail(e.at, "this operator cannot be applied to a string");
      return unary(e.op, v);
    }
    case "binary": {
      const l = evaluate(cx, e.l);
      const r = evaluate(cx, e.r);
      if (l.str !== undefined || r.str !== undefined) {
        cx.fail(
          e.at,
          `'${
            OP_NAMES[e.op] ?? e.op
          }' cannot be applied to a string (use 'c' for a character code)`,
        );
      }
      const flags = binaryFlags(l, r);
      const n = binaryNumber(e.op, l.n, r.n);
      if (typeof n === "string") {
        // A placeholder 0 from an undefined symbol is no reason to complain yet.
        if (isDefined(r)) cx.fail(e.at, n);
        return { n: 0, flags };
      }
      return { n, flags };
    }
  }
};
