/**
 * A benchmark workload in real 6502 machine code, shaped like the inner loop of an int8
 * transformer layer: a 64x64 matrix-vector product where each multiply is two quarter-square
 * table lookups (a*b = f(a+b) - f(b-a), f(n) = floor(n^2/4)) through (zp),Y, summed into a
 * 16-bit accumulator; each row's high byte goes through a ReLU-like clamp and is stored with
 * STA abs,X, and the outputs become the next pass's input. The program loops forever, so a run
 * is bounded by its cycle budget.
 *
 * Used by `tools/bench.ts cpu`, `cpu_bench.ts`, and a test that checks one pass against
 * `matvecPass` (the same arithmetic in TypeScript).
 *
 * @module
 */

/** Where the workload lives. */
export const MATVEC = {
  /** First instruction. */
  entry: 0x1000,
  /** The `JMP entry` at the end of a pass (stop here to inspect one pass). */
  passEnd: 0x106b,
  /** Input vector (64 bytes, values 0-127). */
  vec: 0x3000,
  /** Output vector (64 bytes). */
  out: 0x3100,
  /** Weights, row-major (64 x 64 bytes). */
  weights: 0x4000,
  rows: 64,
  cols: 64,
} as const;

// Quarter-square tables, 512 entries each: f(i) and f(i - 255), low and high bytes.
const SQ1_LO = 0x2000;
const SQ1_HI = 0x2200;
const SQ2_LO = 0x2400;
const SQ2_HI = 0x2600;

// Zero page: p1-p4 ($F0-$F7) table pointers, acc ($F8/$F9), jsave ($FA), wp ($FB/$FC), row ($FD).
// deno-fmt-ignore
const CODE: readonly number[] = [
  0xa9, 0x00,       // $1000 start:  LDA #<weights
  0x85, 0xfb,       // $1002         STA wp
  0xa9, 0x40,       // $1004         LDA #>weights
  0x85, 0xfc,       // $1006         STA wp+1
  0xa9, 0x00,       // $1008         LDA #0
  0x85, 0xfd,       // $100A         STA row
  0xa9, 0x00,       // $100C row:    LDA #0
  0x85, 0xf8,       // $100E         STA acc
  0x85, 0xf9,       // $1010         STA acc+1
  0xa8,             // $1012         TAY              ; j = 0
  0xb1, 0xfb,       // $1013 col:    LDA (wp),Y       ; w = W[row][j]
  0x85, 0xf0,       // $1015         STA p1           ; p1 = SQ1_LO + w
  0x85, 0xf4,       // $1017         STA p3           ; p3 = SQ1_HI + w
  0x49, 0xff,       // $1019         EOR #$FF
  0x85, 0xf2,       // $101B         STA p2           ; p2 = SQ2_LO + 255 - w
  0x85, 0xf6,       // $101D         STA p4           ; p4 = SQ2_HI + 255 - w
  0x84, 0xfa,       // $101F         STY jsave
  0xb9, 0x00, 0x30, // $1021         LDA vec,Y        ; x = vec[j]
  0xa8,             // $1024         TAY
  0x38,             // $1025         SEC
  0xb1, 0xf0,       // $1026         LDA (p1),Y       ; f(w + x) lo
  0xf1, 0xf2,       // $1028         SBC (p2),Y       ; - f(x - w) lo
  0xaa,             // $102A         TAX
  0xb1, 0xf4,       // $102B         LDA (p3),Y       ; hi
  0xf1, 0xf6,       // $102D         SBC (p4),Y
  0xa8,             // $102F         TAY
  0x8a,             // $1030         TXA
  0x18,             // $1031         CLC
  0x65, 0xf8,       // $1032         ADC acc          ; acc += w * x
  0x85, 0xf8,       // $1034         STA acc
  0x98,             // $1036         TYA
  0x65, 0xf9,       // $1037         ADC acc+1
  0x85, 0xf9,       // $1039         STA acc+1
  0xa4, 0xfa,       // $103B         LDY jsave
  0xc8,             // $103D         INY
  0xc0, 0x40,       // $103E         CPY #64
  0xd0, 0xd1,       // $1040         BNE col
  0xa6, 0xfd,       // $1042         LDX row
  0xa5, 0xf9,       // $1044         LDA acc+1
  0x10, 0x02,       // $1046         BPL store
  0xa9, 0x00,       // $1048         LDA #0           ; negative -> 0
  0x9d, 0x00, 0x31, // $104A store:  STA out,X
  0x18,             // $104D         CLC
  0xa5, 0xfb,       // $104E         LDA wp
  0x69, 0x40,       // $1050         ADC #64          ; next row
  0x85, 0xfb,       // $1052         STA wp
  0x90, 0x02,       // $1054         BCC nocarry
  0xe6, 0xfc,       // $1056         INC wp+1
  0xe6, 0xfd,       // $1058 nocarry: INC row
  0xa5, 0xfd,       // $105A         LDA row
  0xc9, 0x40,       // $105C         CMP #64
  0xd0, 0xac,       // $105E         BNE row
  0xa2, 0x3f,       // $1060         LDX #63
  0xbd, 0x00, 0x31, // $1062 copy:   LDA out,X        ; outputs become the next input
  0x9d, 0x00, 0x30, // $1065         STA vec,X
  0xca,             // $1068         DEX
  0x10, 0xf7,       // $1069         BPL copy
  0x4c, 0x00, 0x10, // $106B         JMP start
];

/** A small deterministic generator (so every run benchmarks the same data). */
const lcg = (seed: number) => {
  let state = seed >>> 0;
  return (): number => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state >>> 24;
  };
};

/** Write the program, its tables, weights and first input vector into a 64 KB `ram`. */
export const loadMatvec = (ram: Uint8Array, seed = 1): void => {
  ram.set(CODE, MATVEC.entry);
  for (let i = 0; i < 512; i++) {
    const f1 = Math.floor((i * i) / 4);
    const f2 = Math.floor(((i - 255) * (i - 255)) / 4);
    ram[SQ1_LO + i] = f1 & 0xff;
    ram[SQ1_HI + i] = f1 >> 8;
    ram[SQ2_LO + i] = f2 & 0xff;
    ram[SQ2_HI + i] = f2 >> 8;
  }
  ram[0xf1] = SQ1_LO >> 8;
  ram[0xf3] = SQ2_LO >> 8;
  ram[0xf5] = SQ1_HI >> 8;
  ram[0xf7] = SQ2_HI >> 8;
  const next = lcg(seed);
  for (let i = 0; i < MATVEC.rows * MATVEC.cols; i++) ram[MATVEC.weights + i] = next();
  for (let j = 0; j < MATVEC.cols; j++) ram[MATVEC.vec + j] = next() & 0x7f;
};

/** What one pass of the program stores at `out`, computed in TypeScript from `ram`. */
export const matvecPass = (ram: Uint8Array): Uint8Array => {
  const out = new Uint8Array(MATVEC.rows);
  for (let r = 0; r < MATVEC.rows; r++) {
    let acc = 0;
    for (let j = 0; j < MATVEC.cols; j++) {
      acc += ram[MATVEC.weights + r * MATVEC.cols + j] * ram[MATVEC.vec + j];
    }
    const hi = (acc >> 8) & 0xff;
    out[r] = hi & 0x80 ? 0 : hi;
  }
  return out;
};
