/**
 * The 151 documented NMOS 6502 opcodes as data: mnemonic × addressing mode → opcode byte and
 * base cycle count. The assembler encodes from it; a disassembler or the CPU's tests can index
 * it the other way round with `opcodeEntry`.
 *
 * @module
 */

/**
 * Addressing modes, named as in most 6502 references:
 * `imp` implied (`rts`), `acc` accumulator (`asl`), `imm` immediate (`lda #1`),
 * `zp`/`zpx`/`zpy` zero page (`lda $12`, `lda $12,x`, `ldx $12,y`),
 * `abs`/`absx`/`absy` absolute (`lda $1234`, `lda $1234,x`, `lda $1234,y`),
 * `ind` indirect (`jmp ($1234)`), `indx` indexed indirect (`lda ($12,x)`),
 * `indy` indirect indexed (`lda ($12),y`), `rel` relative (branches).
 */
export type OperandMode =
  | "imp"
  | "acc"
  | "imm"
  | "zp"
  | "zpx"
  | "zpy"
  | "abs"
  | "absx"
  | "absy"
  | "ind"
  | "indx"
  | "indy"
  | "rel";

/**
 * Extra cycles beyond `cycles`: `page` adds one when the indexed address crosses a page
 * (indexed reads); `branch` adds one when taken and one more when the target is on another page.
 */
export type ExtraCycles = "none" | "page" | "branch";

/** One opcode. */
export interface OpcodeEntry {
  /** Lower case, e.g. "lda". */
  readonly mnemonic: string;
  /** How the operand is addressed. */
  readonly mode: OperandMode;
  /** The opcode byte. */
  readonly opcode: number;
  /** Base cycles: taken from the datasheet, without page-cross or branch-taken penalties. */
  readonly cycles: number;
  /** Which penalty cycles may come on top. */
  readonly extra: ExtraCycles;
}

/** Instruction length in bytes (opcode and operand) for each addressing mode. */
export const MODE_LENGTH: Readonly<Record<OperandMode, number>> = {
  imp: 1,
  acc: 1,
  imm: 2,
  zp: 2,
  zpx: 2,
  zpy: 2,
  abs: 3,
  absx: 3,
  absy: 3,
  ind: 3,
  indx: 2,
  indy: 2,
  rel: 2,
};

// [mnemonic, mode, opcode, cycles, "+" when an extra cycle may be added]
type Row = readonly [string, OperandMode, number, number, ("+" | "")?];

// deno-fmt-ignore
const ROWS: readonly Row[] = [
  ["adc", "imm", 0x69, 2], ["adc", "zp", 0x65, 3], ["adc", "zpx", 0x75, 4], ["adc", "abs", 0x6d, 4],
  ["adc", "absx", 0x7d, 4, "+"], ["adc", "absy", 0x79, 4, "+"], ["adc", "indx", 0x61, 6], ["adc", "indy", 0x71, 5, "+"],
  ["and", "imm", 0x29, 2], ["and", "zp", 0x25, 3], ["and", "zpx", 0x35, 4], ["and", "abs", 0x2d, 4],
  ["and", "absx", 0x3d, 4, "+"], ["and", "absy", 0x39, 4, "+"], ["and", "indx", 0x21, 6], ["and", "indy", 0x31, 5, "+"],
  ["asl", "acc", 0x0a, 2], ["asl", "zp", 0x06, 5], ["asl", "zpx", 0x16, 6], ["asl", "abs", 0x0e, 6], ["asl", "absx", 0x1e, 7],
  ["bcc", "rel", 0x90, 2, "+"], ["bcs", "rel", 0xb0, 2, "+"], ["beq", "rel", 0xf0, 2, "+"], ["bmi", "rel", 0x30, 2, "+"],
  ["bne", "rel", 0xd0, 2, "+"], ["bpl", "rel", 0x10, 2, "+"], ["bvc", "rel", 0x50, 2, "+"], ["bvs", "rel", 0x70, 2, "+"],
  ["bit", "zp", 0x24, 3], ["bit", "abs", 0x2c, 4],
  ["brk", "imp", 0x00, 7],
  ["clc", "imp", 0x18, 2], ["cld", "imp", 0xd8, 2], ["cli", "imp", 0x58, 2], ["clv", "imp", 0xb8, 2],
  ["cmp", "imm", 0xc9, 2], ["cmp", "zp", 0xc5, 3], ["cmp", "zpx", 0xd5, 4], ["cmp", "abs", 0xcd, 4],
  ["cmp", "absx", 0xdd, 4, "+"], ["cmp", "absy", 0xd9, 4, "+"], ["cmp", "indx", 0xc1, 6], ["cmp", "indy", 0xd1, 5, "+"],
  ["cpx", "imm", 0xe0, 2], ["cpx", "zp", 0xe4, 3], ["cpx", "abs", 0xec, 4],
  ["cpy", "imm", 0xc0, 2], ["cpy", "zp", 0xc4, 3], ["cpy", "abs", 0xcc, 4],
  ["dec", "zp", 0xc6, 5], ["dec", "zpx", 0xd6, 6], ["dec", "abs", 0xce, 6], ["dec", "absx", 0xde, 7],
  ["dex", "imp", 0xca, 2], ["dey", "imp", 0x88, 2],
  ["eor", "imm", 0x49, 2], ["eor", "zp", 0x45, 3], ["eor", "zpx", 0x55, 4], ["eor", "abs", 0x4d, 4],
  ["eor", "absx", 0x5d, 4, "+"], ["eor", "absy", 0x59, 4, "+"], ["eor", "indx", 0x41, 6], ["eor", "indy", 0x51, 5, "+"],
  ["inc", "zp", 0xe6, 5], ["inc", "zpx", 0xf6, 6], ["inc", "abs", 0xee, 6], ["inc", "absx", 0xfe, 7],
  ["inx", "imp", 0xe8, 2], ["iny", "imp", 0xc8, 2],
  ["jmp", "abs", 0x4c, 3], ["jmp", "ind", 0x6c, 5],
  ["jsr", "abs", 0x20, 6],
  ["lda", "imm", 0xa9, 2], ["lda", "zp", 0xa5, 3], ["lda", "zpx", 0xb5, 4], ["lda", "abs", 0xad, 4],
  ["lda", "absx", 0xbd, 4, "+"], ["lda", "absy", 0xb9, 4, "+"], ["lda", "indx", 0xa1, 6], ["lda", "indy", 0xb1, 5, "+"],
  ["ldx", "imm", 0xa2, 2], ["ldx", "zp", 0xa6, 3], ["ldx", "zpy", 0xb6, 4], ["ldx", "abs", 0xae, 4], ["ldx", "absy", 0xbe, 4, "+"],
  ["ldy", "imm", 0xa0, 2], ["ldy", "zp", 0xa4, 3], ["ldy", "zpx", 0xb4, 4], ["ldy", "abs", 0xac, 4], ["ldy", "absx", 0xbc, 4, "+"],
  ["lsr", "acc", 0x4a, 2], ["lsr", "zp", 0x46, 5], ["lsr", "zpx", 0x56, 6], ["lsr", "abs", 0x4e, 6], ["lsr", "absx", 0x5e, 7],
  ["nop", "imp", 0xea, 2],
  ["ora", "imm", 0x09, 2], ["ora", "zp", 0x05, 3], ["ora", "zpx", 0x15, 4], ["ora", "abs", 0x0d, 4],
  ["ora", "absx", 0x1d, 4, "+"], ["ora", "absy", 0x19, 4, "+"], ["ora", "indx", 0x01, 6], ["ora", "indy", 0x11, 5, "+"],
  ["pha", "imp", 0x48, 3], ["php", "imp", 0x08, 3], ["pla", "imp", 0x68, 4], ["plp", "imp", 0x28, 4],
  ["rol", "acc", 0x2a, 2], ["rol", "zp", 0x26, 5], ["rol", "zpx", 0x36, 6], ["rol", "abs", 0x2e, 6], ["rol", "absx", 0x3e, 7],
  ["ror", "acc", 0x6a, 2], ["ror", "zp", 0x66, 5], ["ror", "zpx", 0x76, 6], ["ror", "abs", 0x6e, 6], ["ror", "absx", 0x7e, 7],
  ["rti", "imp", 0x40, 6], ["rts", "imp", 0x60, 6],
  ["sbc", "imm", 0xe9, 2], ["sbc", "zp", 0xe5, 3], ["sbc", "zpx", 0xf5, 4], ["sbc", "abs", 0xed, 4],
  ["sbc", "absx", 0xfd, 4, "+"], ["sbc", "absy", 0xf9, 4, "+"], ["sbc", "indx", 0xe1, 6], ["sbc", "indy", 0xf1, 5, "+"],
  ["sec", "imp", 0x38, 2], ["sed", "imp", 0xf8, 2], ["sei", "imp", 0x78, 2],
  ["sta", "zp", 0x85, 3], ["sta", "zpx", 0x95, 4], ["sta", "abs", 0x8d, 4], ["sta", "absx", 0x9d, 5],
  ["sta", "absy", 0x99, 5], ["sta", "indx", 0x81, 6], ["sta", "indy", 0x91, 6],
  ["stx", "zp", 0x86, 3], ["stx", "zpy", 0x96, 4], ["stx", "abs", 0x8e, 4],
  ["sty", "zp", 0x84, 3], ["sty", "zpx", 0x94, 4], ["sty", "abs", 0x8c, 4],
  ["tax", "imp", 0xaa, 2], ["tay", "imp", 0xa8, 2], ["tsx", "imp", 0xba, 2],
  ["txa", "imp", 0x8a, 2], ["txs", "imp", 0x9a, 2], ["tya", "imp", 0x98, 2],
];

/** All 151 documented opcodes, grouped by mnemonic. */
export const OPCODE_TABLE: readonly OpcodeEntry[] = ROWS.map((
  [mnemonic, mode, opcode, cycles, plus],
) => ({
  mnemonic,
  mode,
  opcode,
  cycles,
  extra: plus !== "+" ? "none" : mode === "rel" ? "branch" : "page",
}));

const byName = new Map<string, ReadonlyMap<OperandMode, OpcodeEntry>>();
for (const info of OPCODE_TABLE) {
  const modes = (byName.get(info.mnemonic) ?? new Map()) as Map<OperandMode, OpcodeEntry>;
  modes.set(info.mode, info);
  byName.set(info.mnemonic, modes);
}
const byCode: readonly (OpcodeEntry | undefined)[] = Array.from(
  { length: 256 },
  (_, code) => OPCODE_TABLE.find((o) => o.opcode === code),
);

/** The addressing modes of a mnemonic (lower case), or undefined when it is not a mnemonic. */
export const modesOf = (mnemonic: string): ReadonlyMap<OperandMode, OpcodeEntry> | undefined =>
  byName.get(mnemonic);

/** True for the 56 documented mnemonics (any case). */
export const isMnemonic = (name: string): boolean =>
  name.length === 3 && byName.has(name.toLowerCase());

/** The opcode byte's entry, or undefined for the 105 undocumented opcodes. */
export const opcodeEntry = (opcode: number): OpcodeEntry | undefined => byCode[opcode & 0xff];

/** Cycles as a listing shows them: "4", or "4+" when a page cross or taken branch adds more. */
export const cyclesText = (info: OpcodeEntry): string =>
  `${info.cycles}${info.extra === "none" ? "" : "+"}`;
