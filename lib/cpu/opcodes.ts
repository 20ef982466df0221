/**
 * The 151 documented NMOS 6502 opcodes: mnemonic, addressing mode, length and base cycle count.
 *
 * The core (exec.ts) has the timing written into each opcode's case; this table is the same
 * knowledge in data form, for tools (disassembly, profiles, assemblers) and for the core's rare
 * paths that need an instruction's length. The conformance test checks both against the
 * single-step data.
 *
 * @module
 */

/** Addressing modes, spelled as in 6502 listings. */
export type AddressingMode =
  | "impl"
  | "A"
  | "imm"
  | "zp"
  | "zp,X"
  | "zp,Y"
  | "abs"
  | "abs,X"
  | "abs,Y"
  | "(abs)"
  | "(zp,X)"
  | "(zp),Y"
  | "rel";

/** One documented opcode. */
export interface OpcodeInfo {
  /** The opcode byte (0-255). */
  readonly opcode: number;
  /** The mnemonic, e.g. "LDA". */
  readonly mnemonic: string;
  /** The addressing mode. */
  readonly mode: AddressingMode;
  /** Instruction length in bytes (1-3). */
  readonly bytes: 1 | 2 | 3;
  /** Cycles without penalties. */
  readonly cycles: number;
  /**
   * Extra cycles that may apply: "page" (+1 when an indexed read crosses a page), "branch" (+1
   * when taken, +1 more when the target is on another page than the next instruction).
   */
  readonly penalty: "none" | "page" | "branch";
}

const MODE_BYTES: Readonly<Record<AddressingMode, 1 | 2 | 3>> = {
  "impl": 1,
  "A": 1,
  "imm": 2,
  "zp": 2,
  "zp,X": 2,
  "zp,Y": 2,
  "abs": 3,
  "abs,X": 3,
  "abs,Y": 3,
  "(abs)": 3,
  "(zp,X)": 2,
  "(zp),Y": 2,
  "rel": 2,
};

// "opcode mnemonic mode cycles[+]" ("+" marks a page-crossing penalty on reads).
const TABLE = `
00 BRK impl 7|01 ORA (zp,X) 6|05 ORA zp 3|06 ASL zp 5|08 PHP impl 3|09 ORA imm 2|0a ASL A 2
0d ORA abs 4|0e ASL abs 6|10 BPL rel 2|11 ORA (zp),Y 5+|15 ORA zp,X 4|16 ASL zp,X 6|18 CLC impl 2
19 ORA abs,Y 4+|1d ORA abs,X 4+|1e ASL abs,X 7|20 JSR abs 6|21 AND (zp,X) 6|24 BIT zp 3
25 AND zp 3|26 ROL zp 5|28 PLP impl 4|29 AND imm 2|2a ROL A 2|2c BIT abs 4|2d AND abs 4
2e ROL abs 6|30 BMI rel 2|31 AND (zp),Y 5+|35 AND zp,X 4|36 ROL zp,X 6|38 SEC impl 2
39 AND abs,Y 4+|3d AND abs,X 4+|3e ROL abs,X 7|40 RTI impl 6|41 EOR (zp,X) 6|45 EOR zp 3
46 LSR zp 5|48 PHA impl 3|49 EOR imm 2|4a LSR A 2|4c JMP abs 3|4d EOR abs 4|4e LSR abs 6
50 BVC rel 2|51 EOR (zp),Y 5+|55 EOR zp,X 4|56 LSR zp,X 6|58 CLI impl 2|59 EOR abs,Y 4+
5d EOR abs,X 4+|5e LSR abs,X 7|60 RTS impl 6|61 ADC (zp,X) 6|65 ADC zp 3|66 ROR zp 5
68 PLA impl 4|69 ADC imm 2|6a ROR A 2|6c JMP (abs) 5|6d ADC abs 4|6e ROR abs 6|70 BVS rel 2
71 ADC (zp),Y 5+|75 ADC zp,X 4|76 ROR zp,X 6|78 SEI impl 2|79 ADC abs,Y 4+|7d ADC abs,X 4+
7e ROR abs,X 7|81 STA (zp,X) 6|84 STY zp 3|85 STA zp 3|86 STX zp 3|88 DEY impl 2|8a TXA impl 2
8c STY abs 4|8d STA abs 4|8e STX abs 4|90 BCC rel 2|91 STA (zp),Y 6|94 STY zp,X 4|95 STA zp,X 4
96 STX zp,Y 4|98 TYA impl 2|99 STA abs,Y 5|9a TXS impl 2|9d STA abs,X 5|a0 LDY imm 2
a1 LDA (zp,X) 6|a2 LDX imm 2|a4 LDY zp 3|a5 LDA zp 3|a6 LDX zp 3|a8 TAY impl 2|a9 LDA imm 2
aa TAX impl 2|ac LDY abs 4|ad LDA abs 4|ae LDX abs 4|b0 BCS rel 2|b1 LDA (zp),Y 5+
b4 LDY zp,X 4|b5 LDA zp,X 4|b6 LDX zp,Y 4|b8 CLV impl 2|b9 LDA abs,Y 4+|ba TSX impl 2
bc LDY abs,X 4+|bd LDA abs,X 4+|be LDX abs,Y 4+|c0 CPY imm 2|c1 CMP (zp,X) 6|c4 CPY zp 3
c5 CMP zp 3|c6 DEC zp 5|c8 INY impl 2|c9 CMP imm 2|ca DEX impl 2|cc CPY abs 4|cd CMP abs 4
ce DEC abs 6|d0 BNE rel 2|d1 CMP (zp),Y 5+|d5 CMP zp,X 4|d6 DEC zp,X 6|d8 CLD impl 2
d9 CMP abs,Y 4+|dd CMP abs,X 4+|de DEC abs,X 7|e0 CPX imm 2|e1 SBC (zp,X) 6|e4 CPX zp 3
e5 SBC zp 3|e6 INC zp 5|e8 INX impl 2|e9 SBC imm 2|ea NOP impl 2|ec CPX abs 4|ed SBC abs 4
ee INC abs 6|f0 BEQ rel 2|f1 SBC (zp),Y 5+|f5 SBC zp,X 4|f6 INC zp,X 6|f8 SED impl 2
f9 SBC abs,Y 4+|fd SBC abs,X 4+|fe INC abs,X 7`;

const buildTable = (): readonly (OpcodeInfo | undefined)[] => {
  const table: (OpcodeInfo | undefined)[] = new Array(256).fill(undefined);
  for (const entry of TABLE.split(/[|\n]/)) {
    const fields = entry.trim().split(" ");
    if (fields.length !== 4) continue;
    const [hex, mnemonic, mode, cycles] = fields;
    const opcode = parseInt(hex, 16);
    table[opcode] = {
      opcode,
      mnemonic,
      mode: mode as AddressingMode,
      bytes: MODE_BYTES[mode as AddressingMode],
      cycles: parseInt(cycles, 10),
      penalty: mode === "rel" ? "branch" : cycles.endsWith("+") ? "page" : "none",
    };
  }
  return table;
};

/** Indexed by opcode: the documented opcode's description, or undefined (undocumented). */
export const OPCODES: readonly (OpcodeInfo | undefined)[] = buildTable();

/** Instruction lengths by opcode (1 for undocumented opcodes, which the core refuses to run). */
export const INSTRUCTION_BYTES: Uint8Array = Uint8Array.from(
  OPCODES,
  (info) => info?.bytes ?? 1,
);
