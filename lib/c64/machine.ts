/**
 * The C64: 64 KB of RAM, the banking PLA, the I/O chips, the harness's KERNAL, and a 6502
 * core, wired through the Bus. A machine is created in the state BASIC leaves after power-on
 * (screen cleared, cursor home, uppercase character set, light blue on blue), a PRG is loaded
 * at its load address, and `sys` sets the CPU up the way `RUN` of a `SYS addr` line does:
 * registers from $030C-$030F (all 0: interrupts enabled), S = $F6 with a return address into
 * BASIC on the stack, $01 = $37. The program's final RTS returns to BASIC, which prints READY.
 * and ends the run.
 *
 * `runUntilIdle` runs until the program waits for a key (CHRIN or GETIN with nothing typed),
 * returns to BASIC, halts (a JMP * or branch-to-self no interrupt can leave), or has used its
 * cycle budget; an error (BRK, a jump into ROM where the harness has no routine or into I/O, a
 * KERNAL call while the KERNAL is banked out, an undocumented opcode) ends it with a SoulError.
 *
 * The jiffy interrupt. CIA 1 timer A underflows every latch + 1 wall cycles (about 60 Hz on
 * both standards). The machine runs the CPU in slices that end at the next underflow and then
 * raises IRQ if the I flag is clear; the interrupt goes through the hardware vector to the
 * harness's KERNAL entry at $FF48 and the RAM vector $0314 (so a program may install its own
 * handler), and the default handler advances the jiffy clock at $A0-$A2, moves one typed key
 * into the keyboard buffer, and acknowledges the CIA. While I is set the interrupt stays
 * pending and is taken within a few thousand cycles after the program clears I. Time spent
 * waiting for typed keys is not simulated (the clock stops while the machine waits).
 *
 * @module
 */
import { type Cpu, createCpu } from "../cpu/mod.ts";
import type { Bus, CpuState } from "../cpu/mod.ts";
import { E, type Either } from "../deps.ts";
import { type SoulError, soulError } from "../errors.ts";
import type { Result } from "../pipeline.ts";
import { applyBanking, bankBits, type Banking, bankingOf, portValue } from "./banking.ts";
import { type Blip, type BorderEvent, Io, type SidWrite } from "./io.ts";
import {
  basicRom,
  DFLTN,
  DFLTO,
  hex,
  IRQ_HANDLER,
  isStop,
  JUMP_ENTRIES,
  type KernalHost,
  kernalRom,
  KEYD,
  MEMSIZ,
  MEMSTR,
  NDX,
  type Outcome,
  PALNTS,
  restoreVectors,
  ROUTINES,
  SAREG,
  SFDX,
  STKEY,
  type Stop,
  SYS_RETURN,
  VECTORS,
  XMAX,
} from "./kernal.ts";
import { type Charset, checkTypeable, keyOf } from "./petscii.ts";
import { cursor, initScreen, type ScreenHost, screenRows, screenText } from "./screen.ts";
import {
  type TimeReport,
  timeReport,
  type TimingModel,
  timingOf,
  type VideoStandard,
  WallClock,
} from "./timing.ts";

/** How to build a machine. */
export interface C64Options {
  /** PAL (default) or NTSC timing. */
  readonly standard?: VideoStandard;
  /** At most this many border, SID-write and blip events are kept (default 100,000 each). */
  readonly maxEvents?: number;
  /**
   * GETIN with no key typed ends runUntilIdle as "waiting" (default true). With false it
   * returns 0 and the program runs on (for programs that poll the keyboard while working).
   */
  readonly idleOnGetin?: boolean;
}

/** Why runUntilIdle stopped (errors are a Left instead). */
export type StopKind =
  | "waiting" // CHRIN or GETIN needs a key and none is typed
  | "basic" // the program returned to BASIC
  | "halted" // a JMP * / branch-to-self that no interrupt can leave
  | "budget"; // the cycle budget ran out

/** What a run did. */
export interface RunReport {
  /** Why the run stopped. */
  readonly stop: StopKind;
  /** For "waiting": the routine ("CHRIN", "GETIN"); for "basic": where BASIC was entered. */
  readonly detail?: string;
  /** The PC when the run stopped. */
  readonly pc: number;
  /** CPU cycles this run executed. */
  readonly cycles: number;
  /** The machine's time since it was created (the program's time when it was started at once). */
  readonly time: TimeReport;
}

/** A running C64. */
export interface C64 {
  /** The 6502 (registers, cycle count). */
  readonly cpu: Cpu;
  /** The 64 KB of RAM (what is under the ROMs and I/O included). */
  readonly ram: Uint8Array;
  /** The I/O chips and their recordings. */
  readonly io: Io;
  /** The timing of the machine's video standard (PAL or NTSC). */
  readonly timing: TimingModel;
  /** What is banked in now. */
  banking(): Banking;
  /** Load a PRG (two-byte load address, then data) into RAM as LOAD does; returns [start, end). */
  load(prg: Uint8Array): Result<{ readonly start: number; readonly end: number }>;
  /**
   * Start the program as RUN does with a `SYS addr` BASIC line at $0801 (or at `address` when
   * given). Returns the start address.
   */
  sys(address?: number): Result<number>;
  /** Type text on the keyboard: newlines are RETURN (see petscii.ts for which keys). */
  type(text: string): Result<void>;
  /** Type `type` (if given) and run; see the module comment. */
  runUntilIdle(
    opts: { readonly type?: string; readonly maxCycles: number },
  ): Result<RunReport>;
  /** The character set the VIC-II shows. */
  charset(): Charset;
  /** The screen as 25 rows of 40 characters (in the current character set). */
  screenRows(): string[];
  /** The screen as text: trailing spaces and trailing empty rows removed. */
  screenText(): string;
  /** The cursor's position. */
  cursor(): { row: number; col: number };
  /** The machine's time so far. */
  time(): TimeReport;
  /** Writes to $D020. */
  readonly border: readonly BorderEvent[];
  /** Writes to the SID's registers. */
  readonly sidWrites: readonly SidWrite[];
  /** Notes started (gate on). */
  readonly blips: readonly Blip[];
  /**
   * Watch an address: `hook` sees the registers each time the program is about to execute the
   * instruction there (it must not change them). For tools that follow a program, e.g. the
   * chat tool reading each token id as the C64 prints it.
   */
  onExecute(addr: number, hook: (cpu: Readonly<CpuState>) => void): void;
}

const I_FLAG = 0x04;
/** Slice length while an interrupt waits for the program to clear I (grows while it waits). */
const POLL_MIN = 256;
const POLL_MAX = 16_384;
/** Slice length while no timer interrupt is due. */
const SLICE = 4_096;
/** The stack pointer a program started by SYS sees. */
const SYS_STACK = 0xf6;
/** The BASIC program's usual home. */
const BASIC_START = 0x0801;
const SYS_TOKEN = 0x9e;

class Machine implements C64, KernalHost {
  readonly ram = new Uint8Array(0x10000);
  readonly cpu: Cpu;
  readonly io: Io;
  readonly timing: TimingModel;
  readonly clock: WallClock;
  readonly screen: ScreenHost;
  readonly idleOnGetin: boolean;
  lineInput = false;
  getinResumed = false;

  readonly #ioPages = new Uint8Array(0x100);
  readonly #execTraps = new Uint8Array(0x10000);
  /** Observers of execution (onExecute), by address. */
  readonly #hooks = new Map<number, ((cpu: Readonly<CpuState>) => void)[]>();
  readonly #basic = basicRom();
  readonly #kernal = kernalRom();
  #ddr = 0x2f;
  #port = 0x37;
  #bits = -1;
  #banking: Banking = bankingOf(7);
  #typed: string[] = [];
  #typedAt = 0;
  #stop: Stop | null = null;
  #poll = POLL_MIN;

  constructor(opts: C64Options) {
    this.timing = timingOf(opts.standard ?? "pal");
    this.clock = new WallClock(this.timing, true);
    this.io = new Io(this.clock, opts.maxEvents ?? 100_000);
    this.idleOnGetin = opts.idleOnGetin ?? true;
    const io = this.io;
    this.screen = {
      ram: this.ram,
      colour: io.colour,
      charset: () => io.charset,
      setCharset: (c) => {
        io.charset = c;
      },
    };
    const bus: Bus = {
      ram: this.ram,
      ioPages: this.#ioPages,
      execTraps: this.#execTraps,
      read: (addr, cycle) => this.#read(addr, cycle),
      write: (addr, value, cycle) => this.#write(addr, value, cycle),
      onTrap: (cpu, addr) => this.#trap(cpu, addr),
    };
    this.cpu = createCpu(bus);
    this.#powerOn();
  }

  /** RAM, KERNAL and BASIC variables as after power-on and BASIC's start-up. */
  #powerOn(): void {
    const ram = this.ram;
    this.#setPort(0x2f, 0x37);
    restoreVectors(ram);
    ram[MEMSTR] = 0x00;
    ram[MEMSTR + 1] = 0x08;
    ram[MEMSIZ] = 0x00;
    ram[MEMSIZ + 1] = 0xa0;
    ram[XMAX] = 10;
    ram[DFLTO] = 3;
    ram[DFLTN] = 0;
    ram[STKEY] = 0xff;
    ram[SFDX] = 0x40;
    ram[0xc5] = 0x40;
    ram[PALNTS] = this.timing.standard === "pal" ? 1 : 0;
    // BASIC: program text at $0801, memory top $A000.
    ram[0x2b] = 0x01;
    ram[0x2c] = 0x08;
    for (const at of [0x2d, 0x2f, 0x31]) {
      ram[at] = 0x03;
      ram[at + 1] = 0x08;
    }
    for (const at of [0x33, 0x37]) {
      ram[at] = 0x00;
      ram[at + 1] = 0xa0;
    }
    initScreen(this.screen);
  }

  #setPort(ddr: number, port: number): void {
    this.#ddr = ddr;
    this.#port = port;
    this.ram[0] = ddr;
    this.ram[1] = portValue(port, ddr);
    const bits = bankBits(port, ddr);
    if (bits !== this.#bits) {
      this.#bits = bits;
      this.#banking = bankingOf(bits);
      applyBanking(this.#banking, this.#ioPages, this.#execTraps);
      for (const a of this.#hooks.keys()) this.#execTraps[a] = 1;
    }
  }

  onExecute(addr: number, hook: (cpu: Readonly<CpuState>) => void): void {
    const a = addr & 0xffff;
    this.#hooks.set(a, [...(this.#hooks.get(a) ?? []), hook]);
    this.#execTraps[a] = 1;
  }

  #read(addr: number, cycle: number): number {
    if (addr >= 0xe000) return this.#kernal[addr - 0xe000];
    if (addr < 0xc000) return this.#basic[addr - 0xa000];
    return this.#banking.io ? this.io.read(addr, cycle) : 0; // the character ROM reads as $00
  }

  #write(addr: number, value: number, cycle: number): void {
    if (addr >= 0x100) {
      this.io.write(addr, value, cycle);
      // Unmasking a pending timer interrupt raises IRQ at once (taken if I is clear).
      if ((addr & 0xff00) === 0xdc00 && this.io.irqLine) this.cpu.irq();
    } else if (addr > 1) this.ram[addr] = value;
    else if (addr === 0) this.#setPort(value, this.#port);
    else this.#setPort(this.#ddr, value);
  }

  #trap(cpu: CpuState, addr: number): number | SoulError {
    const hooks = this.#hooks.get(addr);
    if (hooks !== undefined) { for (const hook of hooks) hook(cpu); }
    const outcome = this.#dispatch(cpu, addr);
    if (typeof outcome === "number") return outcome;
    if (isStop(outcome)) {
      this.#stop = outcome;
      return soulError("c64", `stopped: ${outcome.kind} (${outcome.routine})`);
    }
    return outcome;
  }

  #dispatch(cpu: CpuState, addr: number): Outcome {
    const b = this.#banking;
    if (addr <= 1) {
      return soulError(
        "c64",
        `the program jumped to ${hex(addr)} (the CPU port): a BRK or interrupt through an ` +
          "unset vector at $FFFE with the KERNAL banked out?",
      );
    }
    const rom = addr >= 0xe000 && b.kernal
      ? "KERNAL"
      : addr >= 0xa000 && addr < 0xc000 && b.basic
      ? "BASIC"
      : undefined;
    if (rom !== undefined) {
      const routine = ROUTINES.get(addr);
      if (routine !== undefined) return routine.run(this, cpu);
      return soulError(
        "c64",
        `the program jumped into the ${rom} ROM at ${hex(addr)}, where the harness has no routine`,
      );
    }
    if (addr >= 0xd000 && addr < 0xe000) {
      return soulError(
        "c64",
        `the program jumped into ${b.io ? "I/O" : "the character ROM"} at ${hex(addr)}`,
      );
    }
    const entry = JUMP_ENTRIES.get(addr);
    if (entry !== undefined) {
      const back = this.ram[0x100 | ((cpu.s + 1) & 0xff)] |
        (this.ram[0x100 | ((cpu.s + 2) & 0xff)] << 8);
      return soulError(
        "c64",
        `KERNAL ${entry.name} (${hex(addr)}) called from ${hex((back - 2) & 0xffff)} ` +
          `while the KERNAL is banked out ($01 = ${hex(this.ram[1], 2)})`,
      );
    }
    return 0;
  }

  // KernalHost

  takeKey(): number {
    const ram = this.ram;
    if (ram[NDX] > 0) {
      const key = ram[KEYD];
      ram.copyWithin(KEYD, KEYD + 1, KEYD + ram[NDX]);
      ram[NDX]--;
      return key;
    }
    return this.#nextTyped();
  }

  scanKeyboard(): void {
    const ram = this.ram;
    ram[SFDX] = 0x40;
    if (this.#typedAt >= this.#typed.length || ram[NDX] >= Math.min(ram[XMAX], 10)) return;
    ram[KEYD + ram[NDX]] = this.#nextTyped();
    ram[NDX]++;
  }

  #nextTyped(): number {
    if (this.#typedAt >= this.#typed.length) return -1;
    return keyOf(this.#typed[this.#typedAt++], this.io.charset);
  }

  initVideo(): number {
    const at = this.cpu.cycles;
    for (const [reg, v] of [[0x11, 0x1b], [0x16, 0xc8], [0x18, 0x15], [0x20, 14], [0x21, 6]]) {
      this.io.write(0xd000 + reg, v, at);
    }
    return 2_000 + initScreen(this.screen);
  }

  // C64

  banking(): Banking {
    return this.#banking;
  }

  load(prg: Uint8Array): Either<SoulError, { start: number; end: number }> {
    if (prg.length < 3) {
      return E.left(
        soulError("c64", `a PRG needs a load address and data, got ${prg.length} bytes`),
      );
    }
    const start = prg[0] | (prg[1] << 8);
    const end = start + prg.length - 2;
    if (end > 0x10000) {
      return E.left(
        soulError(
          "c64",
          `the PRG loads at ${hex(start)} and runs past $FFFF (${prg.length - 2} bytes)`,
        ),
      );
    }
    if (start < 0x0200) {
      return E.left(
        soulError("c64", `the PRG loads at ${hex(start)}, over the zero page and stack`),
      );
    }
    this.ram.set(prg.subarray(2), start);
    this.ram[0xae] = end & 0xff;
    this.ram[0xaf] = end >> 8;
    if (start === BASIC_START) {
      for (const at of [0x2d, 0x2f, 0x31]) {
        this.ram[at] = end & 0xff;
        this.ram[at + 1] = end >> 8;
      }
    }
    return E.right({ start, end });
  }

  sys(address?: number): Either<SoulError, number> {
    const at = address === undefined ? sysAddress(this.ram) : E.right(address);
    if (E.isLeft(at)) return at;
    const cpu = this.cpu;
    const ret = SYS_RETURN - 1;
    this.ram[0x1f8] = ret >> 8;
    this.ram[0x1f7] = ret & 0xff;
    cpu.s = SYS_STACK;
    cpu.a = this.ram[SAREG];
    cpu.x = this.ram[SAREG + 1];
    cpu.y = this.ram[SAREG + 2];
    cpu.p = this.ram[SAREG + 3];
    cpu.pc = at.right;
    this.#setPort(0x2f, 0x37);
    return at;
  }

  type(text: string): Either<SoulError, void> {
    const ok = checkTypeable(text);
    if (E.isLeft(ok)) return ok;
    this.#typed = this.#typed.slice(this.#typedAt).concat(Array.from(text));
    this.#typedAt = 0;
    return E.right(undefined);
  }

  runUntilIdle(
    opts: { readonly type?: string; readonly maxCycles: number },
  ): Either<SoulError, RunReport> {
    if (!(opts.maxCycles >= 0)) {
      return E.left(soulError("c64", `maxCycles must be >= 0, got ${opts.maxCycles}`));
    }
    if (opts.type !== undefined) {
      const typed = this.type(opts.type);
      if (E.isLeft(typed)) return typed;
    }
    const cpu = this.cpu;
    const io = this.io;
    const first = cpu.cycles;
    const limit = first + opts.maxCycles;
    const report = (stop: StopKind, detail?: string): Either<SoulError, RunReport> =>
      E.right({ stop, detail, pc: cpu.pc, cycles: cpu.cycles - first, time: this.time() });
    this.#stop = null;
    for (;;) {
      io.catchUp(this.clock.wallAt(cpu.cycles));
      if (io.irqLine && (cpu.p & I_FLAG) === 0) {
        cpu.irq();
        this.#poll = POLL_MIN;
      }
      const now = cpu.cycles;
      if (now >= limit) return report("budget");
      // Slices end at the next timer interrupt; without one, every SLICE cycles, so that a
      // timer the program's KERNAL calls start (IOINIT) is noticed soon.
      const tick = io.timerRunning && (io.icrMask & 1) !== 0
        ? this.clock.cpuAt(io.nextUnderflow)
        : now + SLICE;
      let end = Math.min(limit, Math.max(now + 1, tick));
      if (io.irqLine) {
        end = Math.min(end, now + this.#poll);
        this.#poll = Math.min(this.#poll * 2, POLL_MAX);
      }
      const r = cpu.run({ maxCycles: end - now, stopOnSelfLoop: true });
      if (E.isLeft(r)) return r;
      const { reason } = r.right;
      if (reason === "trap") {
        const stop = this.#takeStop();
        if (stop === null) {
          return E.left(r.right.trap ?? soulError("c64", `stopped at ${hex(cpu.pc)}`));
        }
        if (stop.kind === "waiting" && stop.routine === "GETIN") this.getinResumed = true;
        return report(stop.kind, stop.routine);
      }
      if (reason === "self-loop") {
        if (!this.#interruptible()) return report("halted");
        // Only an interrupt leaves the loop: jump ahead to the next timer underflow.
        cpu.cycles = Math.max(cpu.cycles, Math.min(limit, this.clock.cpuAt(io.nextUnderflow)));
      }
    }
  }

  /** The stop a trap requested during the last run, cleared. */
  #takeStop(): Stop | null {
    const stop = this.#stop;
    this.#stop = null;
    return stop;
  }

  /** True when a timer interrupt can happen and run the program's own code. */
  #interruptible(): boolean {
    const io = this.io;
    if ((this.cpu.p & I_FLAG) !== 0 || !io.timerRunning || (io.icrMask & 1) === 0) return false;
    if (!this.#banking.kernal) return true;
    return (this.ram[VECTORS] | (this.ram[VECTORS + 1] << 8)) !== IRQ_HANDLER;
  }

  charset(): Charset {
    return this.io.charset;
  }

  screenRows(): string[] {
    return screenRows(this.ram, this.io.screenAddress, this.io.charset);
  }

  screenText(): string {
    return screenText(this.screenRows());
  }

  cursor(): { row: number; col: number } {
    return cursor(this.screen);
  }

  time(): TimeReport {
    return timeReport(this.timing, this.cpu.cycles, this.clock.wallAt(this.cpu.cycles));
  }

  get border(): readonly BorderEvent[] {
    return this.io.border.entries;
  }

  get sidWrites(): readonly SidWrite[] {
    return this.io.sidWrites.entries;
  }

  get blips(): readonly Blip[] {
    return this.io.blips.entries;
  }
}

/** A C64 in the state BASIC leaves after power-on. */
export const createC64 = (opts: C64Options = {}): C64 => new Machine(opts);

/**
 * The address of the first `SYS` in the BASIC line at $0801 (tokenized: $9E, then optional
 * spaces or "(", then decimal digits), or a SoulError saying why there is none.
 */
export const sysAddress = (ram: Uint8Array): Either<SoulError, number> => {
  const next = ram[BASIC_START] | (ram[BASIC_START + 1] << 8);
  if (next === 0) {
    return E.left(soulError("c64", "no BASIC program at $0801 to RUN (give a start address)"));
  }
  let at = BASIC_START + 4;
  const end = Math.min(next > at ? next : 0x10000, at + 256);
  while (at < end && ram[at] !== 0 && ram[at] !== SYS_TOKEN) at++;
  if (ram[at] !== SYS_TOKEN) {
    return E.left(
      soulError(
        "c64",
        "the BASIC line at $0801 has no SYS to start the program (give a start address)",
      ),
    );
  }
  at++;
  while (ram[at] === 0x20 || ram[at] === 0x28) at++;
  let digits = "";
  while (ram[at] >= 0x30 && ram[at] <= 0x39 && digits.length < 6) {
    digits += String.fromCharCode(ram[at++]);
  }
  const addr = Number(digits);
  if (digits === "" || addr > 0xffff) {
    return E.left(
      soulError(
        "c64",
        "the SYS in the BASIC line at $0801 is not followed by an address (0-65535)",
      ),
    );
  }
  return E.right(addr);
};
