/**
 * The C64's memory banking: what the CPU sees at $A000-$BFFF, $D000-$DFFF and $E000-$FFFF,
 * decided by the 6510's on-chip port ($00 data direction, $01 data) as the PLA decodes it
 * (no cartridge):
 *
 * | $01 bits 2-0 (CHAREN HIRAM LORAM) | $A000-$BFFF | $D000-$DFFF | $E000-$FFFF |
 * | --------------------------------- | ----------- | ----------- | ----------- |
 * | x00                               | RAM         | RAM         | RAM         |
 * | 001                               | RAM         | CHAR ROM    | RAM         |
 * | 010                               | RAM         | CHAR ROM    | KERNAL      |
 * | 011                               | BASIC       | CHAR ROM    | KERNAL      |
 * | 101                               | RAM         | I/O         | RAM         |
 * | 110                               | RAM         | I/O         | KERNAL      |
 * | 111 (the default, $37)            | BASIC       | I/O         | KERNAL      |
 *
 * A port bit set to input by $00 reads as 1 (pull-up), so it counts as set. Writes always go to
 * the RAM underneath a ROM; writes to $D000-$DFFF go to the I/O chips when I/O is visible.
 *
 * On the Bus, a visible ROM is a page range flagged IO_READ (reads come from the ROM image,
 * writes fall through to RAM), visible I/O is flagged IO_READ | IO_WRITE, and every address of
 * a visible ROM or of I/O is an exec trap: the trap runs the harness's routine there, or stops
 * the run with an error (a jump into ROM where there is no routine, or into I/O). Page 0 is
 * always IO_WRITE so that writes to $00/$01 switch banks at once.
 *
 * @module
 */
import { IO_READ, IO_WRITE } from "../cpu/mod.ts";
import { JUMP_TABLE } from "./kernal.ts";

/** What is visible in the three switchable areas. */
export interface Banking {
  /** BASIC ROM at $A000-$BFFF. */
  readonly basic: boolean;
  /** KERNAL ROM at $E000-$FFFF. */
  readonly kernal: boolean;
  /** I/O chips at $D000-$DFFF. */
  readonly io: boolean;
  /** Character ROM at $D000-$DFFF. */
  readonly charRom: boolean;
}

/** The effective LORAM/HIRAM/CHAREN bits (0-7) for a port value and direction register. */
export const bankBits = (port: number, ddr: number): number => (port | ~ddr) & 7;

/** What the PLA maps in for LORAM/HIRAM/CHAREN bits. */
export const bankingOf = (bits: number): Banking => {
  const loram = (bits & 1) !== 0;
  const hiram = (bits & 2) !== 0;
  const charen = (bits & 4) !== 0;
  return {
    basic: loram && hiram,
    kernal: hiram,
    io: (loram || hiram) && charen,
    charRom: (loram || hiram) && !charen,
  };
};

/** The byte the CPU reads at $01: output bits as written, inputs pulled up (bits 0-2, 4). */
export const portValue = (port: number, ddr: number): number => (port & ddr) | (~ddr & 0x17);

/** Flag the Bus's pages and exec traps for a banking configuration. */
export const applyBanking = (b: Banking, ioPages: Uint8Array, execTraps: Uint8Array): void => {
  ioPages.fill(b.basic ? IO_READ : 0, 0xa0, 0xc0);
  ioPages.fill(b.io ? IO_READ | IO_WRITE : b.charRom ? IO_READ : 0, 0xd0, 0xe0);
  ioPages.fill(b.kernal ? IO_READ : 0, 0xe0, 0x100);
  ioPages[0] = IO_WRITE;
  execTraps.fill(b.basic ? 1 : 0, 0xa000, 0xc000);
  execTraps.fill(b.io || b.charRom ? 1 : 0, 0xd000, 0xe000);
  execTraps.fill(b.kernal ? 1 : 0, 0xe000, 0x10000);
  // The jump table's JMPs run on the CPU when the KERNAL is in; called with it out, they are
  // errors.
  for (const e of JUMP_TABLE) execTraps[e.entry] = b.kernal ? 0 : 1;
  // $0000/$0001 are the CPU port: running there means the program went astray (e.g. a BRK
  // through an unset RAM vector).
  execTraps[0] = 1;
  execTraps[1] = 1;
};
