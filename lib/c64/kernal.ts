/**
 * The harness's KERNAL (and the few BASIC routines machine-code programs call): routines
 * written in TypeScript, run by exec traps at the addresses where the real ROM has them.
 *
 * The ROM images hold no Commodore code. They are filled with $00 except for what programs
 * read as data or execute through: BASIC's cold/warm start vectors at $A000, the KERNAL jump
 * table at $FF81-$FFF5 (each entry a real `JMP (vector)` or `JMP routine` instruction, which
 * the CPU executes), and the hardware vectors at $FFFA-$FFFF (NMI $FE43, RESET $FCE2, IRQ
 * $FF48). So a call through the jump table costs what it does on the machine, goes through the
 * RAM vectors at $0314-$0333 (a program may hook CHROUT by changing $0326, exactly as on a real
 * C64), and reaches a routine address ($F1CA for CHROUT) where a trap does the work and
 * returns like RTS, charging an estimate of the real routine's cycles.
 *
 * Supported: CHROUT, CHRIN (screen-editor line input with echo), GETIN, PLOT, RDTIM, SETTIM,
 * UDTIM, SCNKEY, STOP, SCREEN, IOBASE, MEMTOP, MEMBOT, SETMSG, READST, SETLFS, SETNAM, SETTMO,
 * CLRCHN, CHKIN, CHKOUT, CLALL (the last three as no-ops: there are no files), CINT, IOINIT,
 * RESTOR, VECTOR; the interrupt path ($FF48 entry, $EA31 jiffy handler, $EA7E/$EA81 exits);
 * the screen routines $E544 (clear) and $E566 (home); BASIC's STROUT ($AB1E) and LINPRT
 * ($BDCD); and the ways back to BASIC ($E147 after SYS, $A474, $E37B), which end the run.
 * Disk, tape and serial-bus routines (OPEN, LOAD, ...) stop the run with an error naming them.
 *
 * @module
 */
import type { CpuState } from "../cpu/mod.ts";
import { type SoulError, soulError } from "../errors.ts";
import type { Io } from "./io.ts";
import { RETURN } from "./petscii.ts";
import {
  clearScreen,
  COLUMNS,
  CRSW,
  markInputStart,
  PNTR,
  printAll,
  printPetscii,
  readInputChar,
  type ScreenHost,
  setCursor,
  startInputRead,
  TBLX,
} from "./screen.ts";

/** "$xxxx" for an address, "$xx" for a byte. */
export const hex = (n: number, digits = 4): string =>
  "$" + n.toString(16).toUpperCase().padStart(digits, "0");

/** Zero-page and page-2 KERNAL variables the routines use (besides the screen editor's). */
export const TIME = 0xa0;
export const STATUS = 0x90;
export const STKEY = 0x91;
export const MSGFLG = 0x9d;
export const LDTND = 0x98;
export const DFLTN = 0x99;
export const DFLTO = 0x9a;
export const FNLEN = 0xb7;
export const LA = 0xb8;
export const SA = 0xb9;
export const FA = 0xba;
export const FNADR = 0xbb;
export const NDX = 0xc6;
export const SFDX = 0xcb;
export const KEYD = 0x277;
export const MEMSTR = 0x281;
export const MEMSIZ = 0x283;
export const TIMOUT = 0x285;
export const XMAX = 0x289;
export const PALNTS = 0x2a6;
/** BASIC's copies of the registers for SYS ($030C A, $030D X, $030E Y, $030F P). */
export const SAREG = 0x30c;

/** Where the RTS of a program started by SYS lands: BASIC's code after the SYS call. */
export const SYS_RETURN = 0xe147;
/** The KERNAL's IRQ/BRK entry (the IRQ vector at $FFFE). */
export const IRQ_ENTRY = 0xff48;
/** The default IRQ handler (CINV), and its exits. */
export const IRQ_HANDLER = 0xea31;
export const IRQ_EXIT_ACK = 0xea7e;
export const IRQ_EXIT = 0xea81;
/** The default BRK handler (CBINV). */
export const BRK_HANDLER = 0xfe66;

/** The RAM vectors $0314-$0333 as the KERNAL sets them (RESTOR). */
export const DEFAULT_VECTORS: readonly number[] = [
  IRQ_HANDLER, // $0314 CINV
  BRK_HANDLER, // $0316 CBINV
  0xfe47, // $0318 NMINV
  0xf34a, // $031A IOPEN
  0xf291, // $031C ICLOSE
  0xf20e, // $031E ICHKIN
  0xf250, // $0320 ICKOUT
  0xf333, // $0322 ICLRCH
  0xf157, // $0324 IBASIN
  0xf1ca, // $0326 IBSOUT
  0xf6ed, // $0328 ISTOP
  0xf13e, // $032A IGETIN
  0xf32f, // $032C ICLALL
  0xfe66, // $032E USRCMD
  0xf4a5, // $0330 ILOAD
  0xf5ed, // $0332 ISAVE
];
/** Where the RAM vectors start. */
export const VECTORS = 0x314;

/** One KERNAL jump table entry. */
export interface JumpEntry {
  /** The routine's name, e.g. "CHROUT". */
  readonly name: string;
  /** The entry address ($FF81-$FFF3). */
  readonly entry: number;
  /** For `JMP (vector)` entries, the RAM vector. */
  readonly vector?: number;
  /** The routine it reaches (through the default vector). */
  readonly routine: number;
}

const jmp = (name: string, entry: number, routine: number): JumpEntry => ({
  name,
  entry,
  routine,
});
const jmpVia = (name: string, entry: number, vector: number): JumpEntry => ({
  name,
  entry,
  vector,
  routine: DEFAULT_VECTORS[(vector - VECTORS) / 2],
});

/** The KERNAL jump table. */
export const JUMP_TABLE: readonly JumpEntry[] = [
  jmp("CINT", 0xff81, 0xff5b),
  jmp("IOINIT", 0xff84, 0xfda3),
  jmp("RAMTAS", 0xff87, 0xfd50),
  jmp("RESTOR", 0xff8a, 0xfd15),
  jmp("VECTOR", 0xff8d, 0xfd1a),
  jmp("SETMSG", 0xff90, 0xfe18),
  jmp("SECOND", 0xff93, 0xedb9),
  jmp("TKSA", 0xff96, 0xedc7),
  jmp("MEMTOP", 0xff99, 0xfe25),
  jmp("MEMBOT", 0xff9c, 0xfe34),
  jmp("SCNKEY", 0xff9f, 0xea87),
  jmp("SETTMO", 0xffa2, 0xfe21),
  jmp("ACPTR", 0xffa5, 0xee13),
  jmp("CIOUT", 0xffa8, 0xeddd),
  jmp("UNTLK", 0xffab, 0xedef),
  jmp("UNLSN", 0xffae, 0xedfe),
  jmp("LISTEN", 0xffb1, 0xed0c),
  jmp("TALK", 0xffb4, 0xed09),
  jmp("READST", 0xffb7, 0xfe07),
  jmp("SETLFS", 0xffba, 0xfe00),
  jmp("SETNAM", 0xffbd, 0xfdf9),
  jmpVia("OPEN", 0xffc0, 0x31a),
  jmpVia("CLOSE", 0xffc3, 0x31c),
  jmpVia("CHKIN", 0xffc6, 0x31e),
  jmpVia("CHKOUT", 0xffc9, 0x320),
  jmpVia("CLRCHN", 0xffcc, 0x322),
  jmpVia("CHRIN", 0xffcf, 0x324),
  jmpVia("CHROUT", 0xffd2, 0x326),
  jmp("LOAD", 0xffd5, 0xf49e),
  jmp("SAVE", 0xffd8, 0xf5dd),
  jmp("SETTIM", 0xffdb, 0xf6e4),
  jmp("RDTIM", 0xffde, 0xf6dd),
  jmpVia("STOP", 0xffe1, 0x328),
  jmpVia("GETIN", 0xffe4, 0x32a),
  jmpVia("CLALL", 0xffe7, 0x32c),
  jmp("UDTIM", 0xffea, 0xf69b),
  jmp("SCREEN", 0xffed, 0xe505),
  jmp("PLOT", 0xfff0, 0xe50a),
  jmp("IOBASE", 0xfff3, 0xe500),
];

/** Jump table entries by address. */
export const JUMP_ENTRIES: ReadonlyMap<number, JumpEntry> = new Map(
  JUMP_TABLE.map((e) => [e.entry, e]),
);

/** A request to end the run that is not an error. */
export interface Stop {
  readonly _tag: "Stop";
  /** "waiting": a routine needs a key and none is typed; "basic": the program returned. */
  readonly kind: "waiting" | "basic";
  /** The routine that stopped (CHRIN, GETIN, or the BASIC address). */
  readonly routine: string;
}

/** What a routine did: cycles taken (it set the PC), a stop, or an error. */
export type Outcome = number | Stop | SoulError;

/** What the routines need from the machine. */
export interface KernalHost {
  readonly ram: Uint8Array;
  readonly screen: ScreenHost;
  readonly io: Io;
  /** The next key: the keyboard buffer first, then typed keys not yet scanned; -1 when none. */
  takeKey(): number;
  /** SCNKEY: move one typed key into the keyboard buffer (if there is room). */
  scanKeyboard(): void;
  /** Line input has started (keys are being echoed; RETURN not yet typed). */
  lineInput: boolean;
  /** GETIN with no key returns 0 this time instead of stopping (set after such a stop). */
  getinResumed: boolean;
  /** Whether GETIN with no key stops the run ("waiting") or returns 0. */
  readonly idleOnGetin: boolean;
  /** Set the VIC-II and screen editor up as CINT does. */
  initVideo(): number;
}

const stop = (kind: Stop["kind"], routine: string): Stop => ({ _tag: "Stop", kind, routine });

/** True for a Stop outcome. */
export const isStop = (o: Outcome): o is Stop =>
  typeof o === "object" && (o as { _tag?: string })._tag === "Stop";

const pull = (h: KernalHost, cpu: CpuState): number => {
  cpu.s = (cpu.s + 1) & 0xff;
  return h.ram[0x100 | cpu.s];
};

const push = (h: KernalHost, cpu: CpuState, v: number): void => {
  h.ram[0x100 | cpu.s] = v & 0xff;
  cpu.s = (cpu.s - 1) & 0xff;
};

/** RTS: pull the return address; 6 cycles. */
const rts = (h: KernalHost, cpu: CpuState): number => {
  const lo = pull(h, cpu);
  cpu.pc = ((pull(h, cpu) << 8) | lo) + 1;
  return 6;
};

/** RTI: pull P and the PC; 6 cycles. */
const rti = (h: KernalHost, cpu: CpuState): number => {
  cpu.p = pull(h, cpu);
  const lo = pull(h, cpu);
  cpu.pc = (pull(h, cpu) << 8) | lo;
  return 6;
};

const C = 0x01;
const Z = 0x02;
const I = 0x04;
const N = 0x80;

const setCarry = (cpu: CpuState, on: boolean): void => {
  cpu.p = on ? cpu.p | C : cpu.p & ~C;
};

/** Set N and Z from a value (as a load does). */
const setNZ = (cpu: CpuState, v: number): void => {
  cpu.p = (cpu.p & ~(N | Z)) | (v & N) | (v === 0 ? Z : 0);
};

const word = (ram: Uint8Array, at: number): number => ram[at] | (ram[at + 1] << 8);
const setWord = (ram: Uint8Array, at: number, v: number): void => {
  ram[at] = v & 0xff;
  ram[at + 1] = (v >> 8) & 0xff;
};

/** Advance the jiffy clock by one (24 hours wrap to 0), as UDTIM does. */
export const tickJiffy = (ram: Uint8Array): void => {
  let t = (ram[TIME] << 16) | (ram[TIME + 1] << 8) | ram[TIME + 2];
  t = t + 1 >= 0x4f1a01 ? 0 : t + 1;
  ram[TIME] = t >> 16;
  ram[TIME + 1] = (t >> 8) & 0xff;
  ram[TIME + 2] = t & 0xff;
  ram[STKEY] = 0xff;
};

/** Put the RAM vectors back to their defaults (RESTOR). */
export const restoreVectors = (ram: Uint8Array): void => {
  DEFAULT_VECTORS.forEach((v, i) => setWord(ram, VECTORS + 2 * i, v));
};

const deviceError = (routine: string, what: string, device: number): SoulError =>
  soulError(
    "c64",
    `${routine} with ${what} device ${device}: the harness has only the keyboard (0) and screen (3)`,
  );

/** CHROUT's work for the screen; A, X, Y kept, carry clear. */
const chrout = (h: KernalHost, cpu: CpuState): Outcome => {
  const dev = h.ram[DFLTO];
  if (dev !== 3) return deviceError("CHROUT", "output", dev);
  const cycles = printPetscii(h.screen, cpu.a);
  setCarry(cpu, false);
  return 20 + cycles + rts(h, cpu);
};

/**
 * CHRIN from the keyboard: the screen editor's line input. The first call echoes typed keys
 * until RETURN; then each call returns the next character of the logical line from where
 * input started (read back from the screen), and finally RETURN ($0D).
 */
const chrin = (h: KernalHost, cpu: CpuState): Outcome => {
  const dev = h.ram[DFLTN];
  if (dev !== 0) return deviceError("CHRIN", "input", dev);
  let c = -1;
  if (h.ram[CRSW] === 0) {
    if (!h.lineInput) {
      markInputStart(h.screen);
      h.lineInput = true;
    }
    for (;;) {
      const key = h.takeKey();
      if (key < 0) return stop("waiting", "CHRIN");
      if (key === RETURN) break;
      printPetscii(h.screen, key);
    }
    h.lineInput = false;
    if (!startInputRead(h.screen)) c = RETURN;
  }
  if (c < 0) c = readInputChar(h.screen);
  cpu.a = c;
  setNZ(cpu, c);
  setCarry(cpu, false);
  return 60 + rts(h, cpu);
};

/** GETIN from the keyboard: A = the next key (X = keys that were buffered, Y = the key), or 0. */
const getin = (h: KernalHost, cpu: CpuState): Outcome => {
  const dev = h.ram[DFLTN];
  if (dev !== 0) return deviceError("GETIN", "input", dev);
  const buffered = Math.max(h.ram[NDX], 1);
  const key = h.takeKey();
  if (key < 0) {
    if (h.idleOnGetin && !h.getinResumed) return stop("waiting", "GETIN");
    h.getinResumed = false;
    cpu.a = 0;
    setNZ(cpu, 0);
    setCarry(cpu, false);
    return 20 + rts(h, cpu);
  }
  h.getinResumed = false;
  cpu.a = key;
  cpu.x = buffered;
  cpu.y = key;
  setNZ(cpu, key);
  setCarry(cpu, false);
  return 45 + 8 * buffered + rts(h, cpu);
};

/** PLOT: carry set reads the cursor (X row, Y column), carry clear sets it. */
const plot = (h: KernalHost, cpu: CpuState): Outcome => {
  if ((cpu.p & C) !== 0) {
    cpu.x = h.ram[TBLX];
    cpu.y = h.ram[PNTR];
    return 14 + rts(h, cpu);
  }
  setCursor(h.screen, Math.min(cpu.x, 24), Math.min(cpu.y, 2 * COLUMNS - 1));
  return 60 + rts(h, cpu);
};

/** RDTIM: A/X/Y = jiffies (low, middle, high); like the ROM, it ends with CLI. */
const rdtim = (h: KernalHost, cpu: CpuState): Outcome => {
  cpu.a = h.ram[TIME + 2];
  cpu.x = h.ram[TIME + 1];
  cpu.y = h.ram[TIME];
  cpu.p &= ~I;
  return 26 + rts(h, cpu);
};

/** SETTIM: jiffies = A/X/Y (low, middle, high); ends with CLI. */
const settim = (h: KernalHost, cpu: CpuState): Outcome => {
  h.ram[TIME + 2] = cpu.a;
  h.ram[TIME + 1] = cpu.x;
  h.ram[TIME] = cpu.y;
  cpu.p &= ~I;
  return 16 + rts(h, cpu);
};

/** A routine that sets some registers (or nothing) and returns. */
const simple =
  (cycles: number, f: (h: KernalHost, cpu: CpuState) => void) =>
  (h: KernalHost, cpu: CpuState): Outcome => {
    f(h, cpu);
    return cycles + rts(h, cpu);
  };

/** MEMTOP/MEMBOT: carry set reads X/Y from `at`, carry clear stores them. */
const memPointer = (at: number) =>
  simple(14, (h, cpu) => {
    if ((cpu.p & C) !== 0) {
      cpu.x = h.ram[at];
      cpu.y = h.ram[at + 1];
    } else {
      h.ram[at] = cpu.x;
      h.ram[at + 1] = cpu.y;
    }
  });

const clrchn = (ram: Uint8Array): void => {
  ram[DFLTO] = 3;
  ram[DFLTN] = 0;
};

/** VECTOR: carry set copies $0314-$0333 to (X/Y), carry clear copies (X/Y) to them. */
const vector = simple(300, (h, cpu) => {
  const at = (cpu.y << 8) | cpu.x;
  for (let i = 0; i < 32; i++) {
    if ((cpu.p & C) !== 0) h.ram[(at + i) & 0xffff] = h.ram[VECTORS + i];
    else h.ram[VECTORS + i] = h.ram[(at + i) & 0xffff];
  }
});

/** The IRQ/BRK entry: push A, X, Y and go through CINV ($0314), or CBINV ($0316) for BRK. */
const irqEntry = (h: KernalHost, cpu: CpuState): Outcome => {
  const brk = (h.ram[0x100 | ((cpu.s + 1) & 0xff)] & 0x10) !== 0;
  push(h, cpu, cpu.a);
  push(h, cpu, cpu.x);
  push(h, cpu, cpu.y);
  cpu.pc = word(h.ram, brk ? VECTORS + 2 : VECTORS);
  return 29;
};

/** Pull Y, X, A and return from the interrupt (the ROM's $EA81). */
const irqExit = (h: KernalHost, cpu: CpuState): number => {
  cpu.y = pull(h, cpu);
  cpu.x = pull(h, cpu);
  cpu.a = pull(h, cpu);
  return 16 + rti(h, cpu);
};

const acknowledge = (h: KernalHost, cpu: CpuState): void => {
  h.io.read(0xdc0d, cpu.cycles);
};

/** The jiffy interrupt: clock, keyboard scan, acknowledge CIA 1, return. */
const irqHandler = (h: KernalHost, cpu: CpuState): Outcome => {
  tickJiffy(h.ram);
  h.scanKeyboard();
  acknowledge(h, cpu);
  return 200 + irqExit(h, cpu);
};

/** BRK through the default vector: the program hit a BRK instruction. */
const brkHandler = (h: KernalHost, cpu: CpuState): Outcome => {
  // Stack: Y, X, A (pushed by $FF48), then P, PCL, PCH (pushed by BRK: PC = BRK + 2).
  const s = cpu.s;
  const at = h.ram[0x100 | ((s + 5) & 0xff)] | (h.ram[0x100 | ((s + 6) & 0xff)] << 8);
  return soulError("c64", `BRK at ${hex((at - 2) & 0xffff)}`);
};

/** Back in BASIC: save the registers as SYS does; BASIC prints READY. */
const backToBasic = (name: string) => (h: KernalHost, cpu: CpuState): Outcome => {
  h.ram[SAREG] = cpu.a;
  h.ram[SAREG + 1] = cpu.x;
  h.ram[SAREG + 2] = cpu.y;
  h.ram[SAREG + 3] = cpu.p;
  printAll(h.screen, [RETURN, 0x52, 0x45, 0x41, 0x44, 0x59, 0x2e, RETURN]);
  return stop("basic", name);
};

/** STROUT: print the string at A/Y (low/high) up to a 0 byte or a quote. */
const strout = (h: KernalHost, cpu: CpuState): Outcome => {
  const dev = h.ram[DFLTO];
  if (dev !== 3) return deviceError("STROUT", "output", dev);
  let at = (cpu.y << 8) | cpu.a;
  let cycles = 150;
  for (let n = 0; n < 255; n++) {
    const c = h.ram[at];
    if (c === 0 || c === 0x22) break;
    cycles += 60 + printPetscii(h.screen, c);
    at = (at + 1) & 0xffff;
  }
  return cycles + rts(h, cpu);
};

/** LINPRT: print the unsigned number A (high) / X (low) in decimal. */
const linprt = (h: KernalHost, cpu: CpuState): Outcome => {
  const digits = String((cpu.a << 8) | cpu.x);
  const cycles = 4_000 + printAll(h.screen, Array.from(digits, (d) => d.charCodeAt(0)));
  return cycles + rts(h, cpu);
};

const unsupported = (name: string, why: string) => (): Outcome =>
  soulError("c64", `${name} is not provided by the harness (${why})`);

/** A routine at an address of a ROM. */
export interface Routine {
  readonly name: string;
  readonly run: (h: KernalHost, cpu: CpuState) => Outcome;
}

const NO_DISK = "no disk, tape or serial bus";

const IMPLEMENTATIONS: Readonly<Record<string, Routine["run"]>> = {
  CINT: (h, cpu) => h.initVideo() + rts(h, cpu),
  IOINIT: simple(400, (h, cpu) => {
    // CIA 1: only the timer A interrupt, the jiffy latch, timer started.
    const latch = h.io.clock.timing.jiffyLatch;
    for (const [reg, v] of [[0x0d, 0x7f], [0x0d, 0x81], [0x04, latch & 0xff], [0x05, latch >> 8]]) {
      h.io.write(0xdc00 + reg, v, cpu.cycles);
    }
    h.io.write(0xdc0e, 0x11, cpu.cycles);
  }),
  RAMTAS: unsupported("RAMTAS", "it would clear the program's memory"),
  RESTOR: simple(120, (h) => restoreVectors(h.ram)),
  VECTOR: vector,
  SETMSG: simple(10, (h, cpu) => {
    h.ram[MSGFLG] = cpu.a;
  }),
  MEMTOP: memPointer(MEMSIZ),
  MEMBOT: memPointer(MEMSTR),
  SCNKEY: simple(100, (h) => h.scanKeyboard()),
  SETTMO: simple(8, (h, cpu) => {
    h.ram[TIMOUT] = cpu.a;
  }),
  READST: simple(12, (h, cpu) => {
    cpu.a = h.ram[STATUS];
    setNZ(cpu, cpu.a);
  }),
  SETLFS: simple(14, (h, cpu) => {
    h.ram[LA] = cpu.a;
    h.ram[FA] = cpu.x;
    h.ram[SA] = cpu.y;
  }),
  SETNAM: simple(14, (h, cpu) => {
    h.ram[FNLEN] = cpu.a;
    h.ram[FNADR] = cpu.x;
    h.ram[FNADR + 1] = cpu.y;
  }),
  CHKIN: simple(40, (_h, cpu) => setCarry(cpu, false)),
  CHKOUT: simple(40, (_h, cpu) => setCarry(cpu, false)),
  CLRCHN: simple(30, (h) => clrchn(h.ram)),
  CHRIN: chrin,
  CHROUT: chrout,
  SETTIM: settim,
  RDTIM: rdtim,
  STOP: simple(20, (h, cpu) => {
    // STOP is never pressed: A = $FF, and the flags of CMP #$7F (Z clear).
    cpu.a = h.ram[STKEY];
    cpu.p = (cpu.p & ~(N | Z | C)) | N | C;
  }),
  GETIN: getin,
  CLALL: simple(40, (h) => {
    h.ram[LDTND] = 0;
    clrchn(h.ram);
  }),
  UDTIM: simple(40, (h) => tickJiffy(h.ram)),
  SCREEN: simple(10, (_h, cpu) => {
    cpu.x = 40;
    cpu.y = 25;
  }),
  PLOT: plot,
  IOBASE: simple(10, (_h, cpu) => {
    cpu.x = 0x00;
    cpu.y = 0xdc;
  }),
};

/** Every routine the traps provide, by address (BASIC ROM and KERNAL ROM). */
export const ROUTINES: ReadonlyMap<number, Routine> = new Map<number, Routine>([
  ...JUMP_TABLE.map((e): [number, Routine] => [
    e.routine,
    { name: e.name, run: IMPLEMENTATIONS[e.name] ?? unsupported(e.name, NO_DISK) },
  ]),
  [IRQ_ENTRY, { name: "IRQ entry", run: irqEntry }],
  [IRQ_HANDLER, { name: "IRQ handler", run: irqHandler }],
  [IRQ_EXIT_ACK, {
    name: "IRQ exit",
    run: (h, cpu) => {
      acknowledge(h, cpu);
      return 4 + irqExit(h, cpu);
    },
  }],
  [IRQ_EXIT, { name: "IRQ exit", run: irqExit }],
  [BRK_HANDLER, { name: "BRK handler", run: brkHandler }],
  [0xe544, { name: "clear screen", run: (h, cpu) => clearScreen(h.screen) + rts(h, cpu) }],
  [0xe566, {
    name: "home",
    run: (h, cpu) => {
      setCursor(h.screen, 0, 0);
      return 40 + rts(h, cpu);
    },
  }],
  [SYS_RETURN, { name: "BASIC (after SYS)", run: backToBasic("BASIC") }],
  [0xa474, { name: "BASIC READY", run: backToBasic("BASIC READY") }],
  [0xe37b, { name: "BASIC warm start", run: backToBasic("BASIC warm start") }],
  [0xfce2, { name: "RESET", run: unsupported("RESET ($FCE2)", "the program reset the machine") }],
  [0xab1e, { name: "STROUT", run: strout }],
  [0xbdcd, { name: "LINPRT", run: linprt }],
]);

/** The 8 KB BASIC ROM image ($A000-$BFFF): start vectors and signature, otherwise $00. */
export const basicRom = (): Uint8Array => {
  const rom = new Uint8Array(0x2000);
  setWord(rom, 0, 0xe394);
  setWord(rom, 2, 0xe37b);
  rom.set([0x43, 0x42, 0x4d, 0x42, 0x41, 0x53, 0x49, 0x43], 4); // "CBMBASIC"
  return rom;
};

/** The 8 KB KERNAL ROM image ($E000-$FFFF): the jump table and hardware vectors, otherwise $00. */
export const kernalRom = (): Uint8Array => {
  const rom = new Uint8Array(0x2000);
  for (const e of JUMP_TABLE) {
    const at = e.entry - 0xe000;
    rom[at] = e.vector !== undefined ? 0x6c : 0x4c;
    setWord(rom, at + 1, e.vector ?? e.routine);
  }
  setWord(rom, 0x1ffa, 0xfe43);
  setWord(rom, 0x1ffc, 0xfce2);
  setWord(rom, 0x1ffe, IRQ_ENTRY);
  return rom;
};
