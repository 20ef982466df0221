/**
 * Instruction encoding: which opcode an operand selects, following ACME's rules for choosing
 * between zero-page and absolute forms (AddrModes.txt, "The algorithm to find the right
 * addressing mode"), and whether the operand's value fits.
 *
 * @module
 */
import type { OperandSyntax } from "./ast.ts";
import { modesOf, type OpcodeEntry, type OperandMode } from "./opcodes.ts";
import {
  DEFINED,
  EVER_UNDEFINED,
  FORCE16,
  FORCE24,
  FORCE8,
  FORCE_BITS,
  type Value,
} from "./value.ts";

const MODE_NAMES: Readonly<Record<OperandMode, string>> = {
  imp: "implied",
  acc: "accumulator",
  imm: "immediate (#value)",
  zp: "zero page",
  zpx: "zero page,x",
  zpy: "zero page,y",
  abs: "absolute",
  absx: "absolute,x",
  absy: "absolute,y",
  ind: "indirect (address)",
  indx: "(zero page,x)",
  indy: "(zero page),y",
  rel: "relative (branch)",
};

/** The 8-bit and 16-bit modes an operand syntax can mean. */
const FAMILIES: Readonly<
  Record<Exclude<OperandSyntax, "none" | "imm">, readonly [OperandMode?, OperandMode?]>
> = {
  plain: ["zp", "abs"],
  x: ["zpx", "absx"],
  y: ["zpy", "absy"],
  ind: [undefined, "ind"],
  indx: ["indx", undefined],
  indy: ["indy", undefined],
};

const SYNTAX_NAMES: Readonly<Record<OperandSyntax, string>> = {
  none: "no operand",
  imm: "an immediate operand (#)",
  plain: "an address operand",
  x: "an address,x operand",
  y: "an address,y operand",
  ind: "an (indirect) operand",
  indx: "an (address,x) operand",
  indy: "an (address),y operand",
};

const noMode = (mnemonic: string, syntax: OperandSyntax): string => {
  const modes = [...modesOf(mnemonic)!.keys()];
  const has = modes.map((m) => MODE_NAMES[m]).join(", ");
  return `"${mnemonic}" cannot take ${SYNTAX_NAMES[syntax]}; its addressing modes: ${has}`;
};

/** The chosen opcode and how many operand bytes follow it. */
export interface Choice {
  readonly info: OpcodeEntry;
  readonly size: 0 | 1 | 2;
  /** A problem that is an error only if it remains in the final pass. */
  readonly problem?: string;
}

/** The opcode for an operand syntax with no value to look at (implied, accumulator, immediate). */
export const fixedMode = (mnemonic: string, syntax: "none" | "imm"): Choice | string => {
  const modes = modesOf(mnemonic)!;
  if (syntax === "imm") {
    const info = modes.get("imm");
    return info ? { info, size: 1 } : noMode(mnemonic, syntax);
  }
  const info = modes.get("imp") ?? modes.get("acc");
  return info ? { info, size: 0 } : `"${mnemonic}" needs an operand; ${noMode(mnemonic, syntax)}`;
};

/**
 * Pick the 8- or 16-bit form for an address operand. Priorities, as in ACME: a `+1`/`+2`
 * postfix; the only form there is; the value's force bits (leading zeros, `<`/`>`); 16 bits
 * for a value that is not known or ever was not (so sizes agree in every pass); else the
 * smallest form that holds the value. Returns an error message when no form applies.
 */
export const addressMode = (
  mnemonic: string,
  syntax: Exclude<OperandSyntax, "none" | "imm">,
  v: Value,
  postfix: 1 | 2 | undefined,
): Choice | string => {
  const modes = modesOf(mnemonic)!;
  const [m8, m16] = FAMILIES[syntax];
  const zp = m8 && modes.get(m8);
  const abs = m16 && modes.get(m16);
  if (!zp && !abs) return noMode(mnemonic, syntax);
  const pick = (size: 1 | 2): Choice | string => {
    const info = size === 1 ? zp : abs;
    if (info) return { info, size };
    return `"${mnemonic}" has no ${size === 1 ? "8-bit" : "16-bit"} form of ${
      SYNTAX_NAMES[syntax]
    }`;
  };
  if (postfix) return pick(postfix);
  if (!zp || !abs) return { info: (zp ?? abs)!, size: zp ? 1 : 2 };
  if (v.flags & FORCE24) {
    return "the value is forced to 24 bits (leading zeros), but the 6502 has no 24-bit addressing";
  }
  if (v.flags & FORCE16) return pick(2);
  if (v.flags & FORCE8) return pick(1);
  if (!(v.flags & DEFINED) || v.flags & EVER_UNDEFINED) return pick(2);
  if (v.n < 0) {
    return {
      info: abs,
      size: 2,
      problem: `negative address ${v.n}: cannot choose between zero page and absolute`,
    };
  }
  return pick(v.n < 256 ? 1 : 2);
};

/** A number for a message: decimal, with hex when that helps ("256 ($100)"). */
export const showNumber = (n: number): string =>
  n < 10 && n > -10 ? `${n}` : `${n} (${n < 0 ? "-" : ""}$${Math.abs(n).toString(16)})`;

/**
 * Why a defined operand value does not fit `size` bytes (undefined when it does). ACME
 * accepts -128..255 for a byte and -32768..65535 for a word, and rejects a value whose
 * leading zeros ask for a wider field.
 */
export const operandProblem = (v: Value, size: 1 | 2, what: string): string | undefined => {
  const wider = v.flags & FORCE_BITS & (size === 1 ? FORCE16 | FORCE24 : FORCE24);
  if (wider) {
    return `${what} ${showNumber(v.n)} is written with leading zeros that make it ${
      v.flags & FORCE24 ? 24 : 16
    }-bit, which does not fit ${size === 1 ? "8" : "16"} bits`;
  }
  const limit = size === 1 ? 256 : 65536;
  if (v.n >= -limit / 2 && v.n < limit) return undefined;
  return `${what} ${showNumber(v.n)} does not fit in ${size * 8} bits (${-limit / 2}..${
    limit - 1
  })`;
};

/** The byte offset of a branch, or a message saying by how much the target is out of reach. */
export const branchOffset = (target: number, pc: number): number | string => {
  if (target < 0 || target > 0xffff) {
    return `branch target ${showNumber(target)} is outside $0000-$ffff`;
  }
  const offset = target - (pc + 2);
  if (offset >= -128 && offset <= 127) return offset & 0xff;
  const over = offset > 127 ? offset - 127 : -128 - offset;
  return `branch target out of range by ${over} byte${over === 1 ? "" : "s"} (offset ${
    offset > 0 ? "+" : ""
  }${offset}; a branch reaches -128..+127)`;
};
