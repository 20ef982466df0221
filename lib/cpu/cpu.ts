/**
 * The NMOS 6502 as an object: registers, `run`/`step`, interrupts, and a flat bus for tests.
 *
 * `run` hands the work to the hot loop in exec.ts and deals with what makes it return: exec
 * traps (the handler runs here, with the registers up to date), interrupts requested from bus
 * callbacks, undocumented opcodes, and the stop conditions.
 *
 * @module
 */
import { E, type Either } from "../deps.ts";
import { type SoulError, soulError } from "../errors.ts";
import type { Result } from "../pipeline.ts";
import type { Bus, CpuState, RunOptions, RunResult, RunStopReason } from "./types.ts";
import {
  busWrite,
  type Core,
  exec,
  EXIT_BUDGET,
  EXIT_SELF_LOOP,
  EXIT_STOP_PC,
  EXIT_TRAP,
  EXIT_UNDOCUMENTED,
  readWord,
} from "./exec.ts";

/** A 6502 wired to a bus. Registers read back in range; P always has bit 5 set and B clear. */
export interface Cpu extends CpuState {
  /** The bus the CPU reads and writes through. */
  readonly bus: Bus;
  /**
   * Execute one instruction (running first the exec trap on its address, if any, and any
   * interrupt a bus callback requested) and return the cycles taken, or the SoulError that
   * stopped it (an undocumented opcode, or a trap handler's). Stop addresses and self-loops
   * do not apply.
   */
  step(): number | SoulError;
  /** Run until a stop condition; see RunOptions and RunResult. */
  run(opts: RunOptions): Result<RunResult>;
  /**
   * Interrupt request: when I is clear, push PC and P (B clear), set I, jump through
   * $FFFE/$FFFF (7 cycles) and return true; when I is set, do nothing and return false.
   * Called from a bus callback during a run, it is taken at the next instruction boundary
   * (if I is clear then) and returns true.
   */
  irq(): boolean;
  /** Non-maskable interrupt: like irq() through $FFFA/$FFFB, regardless of I. */
  nmi(): void;
  /** RESET: S drops by 3 (nothing written), I is set, PC comes from $FFFC/$FFFD; 7 cycles. */
  reset(): void;
}

const PEND_NMI = 1;
const PEND_IRQ = 2;
const PEND_RESET = 4;

// How a drive ended, beyond exec's own exits.
const DRIVE_TRAP_STOP = 10;
const DRIVE_ERROR = 11;

const hex = (n: number, digits: number): string =>
  "$" + n.toString(16).toUpperCase().padStart(digits, "0");

const REASONS: Readonly<Record<number, RunStopReason>> = {
  [EXIT_BUDGET]: "budget",
  [EXIT_STOP_PC]: "stop-pc",
  [EXIT_SELF_LOOP]: "self-loop",
  [DRIVE_TRAP_STOP]: "trap",
};

class Cpu6502 implements Cpu, Core {
  ra = 0;
  rx = 0;
  ry = 0;
  rs = 0xfd;
  rp = 0x24;
  rpc = 0;
  cycles = 0;
  lim = 0;
  skipTrap = -1;
  readonly fetchBuf = new Uint8Array(0x10000);
  readonly pageState = new Float64Array(0x100);
  epoch = 0;
  /** Interrupts requested from bus callbacks while exec ran (PEND_* bits). */
  private pend = 0;
  /** True while exec runs: registers live in its locals, so interrupts must wait. */
  private inExec = false;
  /** True during run/step (they are not re-entrant). */
  private busy = false;
  /** The SoulError behind DRIVE_ERROR / DRIVE_TRAP_STOP. */
  private failure: SoulError | null = null;

  constructor(readonly bus: Bus) {}

  get a(): number {
    return this.ra;
  }
  set a(v: number) {
    this.ra = v & 0xff;
  }
  get x(): number {
    return this.rx;
  }
  set x(v: number) {
    this.rx = v & 0xff;
  }
  get y(): number {
    return this.ry;
  }
  set y(v: number) {
    this.ry = v & 0xff;
  }
  get s(): number {
    return this.rs;
  }
  set s(v: number) {
    this.rs = v & 0xff;
  }
  get p(): number {
    return this.rp;
  }
  set p(v: number) {
    this.rp = (v & 0xcf) | 0x20;
  }
  get pc(): number {
    return this.rpc;
  }
  set pc(v: number) {
    this.rpc = v & 0xffff;
  }

  irq(): boolean {
    if (this.inExec) this.request(PEND_IRQ);
    else if ((this.rp & 0x04) !== 0) return false;
    else this.interrupt(0xfffe);
    return true;
  }

  nmi(): void {
    if (this.inExec) this.request(PEND_NMI);
    else this.interrupt(0xfffa);
  }

  reset(): void {
    if (this.inExec) {
      this.request(PEND_RESET);
      return;
    }
    this.rs = (this.rs - 3) & 0xff;
    this.rp |= 0x04;
    this.rpc = readWord(this.bus, 0xfffc, this.cycles + 5);
    this.cycles += 7;
  }

  step(): number | SoulError {
    const check = this.checkIdle();
    if (check !== null) return check;
    const before = this.cycles;
    const end = this.drive(before + 1, -1, false, null);
    return end === DRIVE_ERROR || end === DRIVE_TRAP_STOP
      ? this.failure as SoulError
      : this.cycles - before;
  }

  run(opts: RunOptions): Either<SoulError, RunResult> {
    const bad = this.checkIdle() ?? checkOptions(opts);
    if (bad !== null) return E.left(bad);
    const before = this.cycles;
    const end = this.drive(
      before + opts.maxCycles,
      opts.stopAt ?? -1,
      opts.stopOnSelfLoop !== false,
      opts.profile ?? null,
    );
    if (end === DRIVE_ERROR) return E.left(this.failure as SoulError);
    const result: RunResult = { reason: REASONS[end], pc: this.rpc, cycles: this.cycles - before };
    return E.right(
      end === DRIVE_TRAP_STOP ? { ...result, trap: this.failure as SoulError } : result,
    );
  }

  /** A reason not to start (re-entry, or a bus of the wrong shape), or null. */
  private checkIdle(): SoulError | null {
    if (this.busy) return soulError("cpu", "run/step called from inside a run (a bus callback?)");
    const bus = this.bus;
    if (bus.ram.length < 0x10000 || bus.execTraps.length < 0x10000 || bus.ioPages.length < 0x100) {
      return soulError(
        "cpu",
        `bus arrays too short: ram ${bus.ram.length}, execTraps ${bus.execTraps.length}, ioPages ${bus.ioPages.length} (need 65536, 65536, 256)`,
      );
    }
    return null;
  }

  private request(bit: number): void {
    this.pend |= bit;
    this.lim = -Infinity;
  }

  /** Push PC and P (B clear), set I, load PC from `vector`: 7 cycles. */
  private interrupt(vector: number): void {
    const bus = this.bus;
    const c = this.cycles;
    busWrite(bus, 0x100 | this.rs, this.rpc >> 8, c + 2);
    busWrite(bus, 0x100 | ((this.rs - 1) & 0xff), this.rpc & 0xff, c + 3);
    busWrite(bus, 0x100 | ((this.rs - 2) & 0xff), this.rp, c + 4);
    this.rs = (this.rs - 3) & 0xff;
    this.rp |= 0x04;
    this.rpc = readWord(bus, vector, c + 5);
    this.cycles = c + 7;
  }

  /** Take the interrupts requested while exec ran; their cycles go to the handler's address. */
  private service(prof: Float64Array | null): void {
    const pend = this.pend;
    this.pend = 0;
    const before = this.cycles;
    if ((pend & PEND_RESET) !== 0) this.reset();
    else {
      if ((pend & PEND_NMI) !== 0) this.interrupt(0xfffa);
      if ((pend & PEND_IRQ) !== 0 && (this.rp & 0x04) === 0) this.interrupt(0xfffe);
    }
    if (prof !== null) prof[this.rpc] += this.cycles - before;
  }

  /** Run exec until a stop, handling traps and interrupts; returns an EXIT_* or DRIVE_* code. */
  private drive(limit: number, stopAt: number, selfLoop: boolean, prof: Float64Array | null) {
    this.busy = true;
    try {
      for (;;) {
        if (this.pend !== 0) this.service(prof);
        if (this.rpc !== this.skipTrap) this.skipTrap = -1;
        this.lim = limit;
        this.inExec = true;
        const before = this.cycles;
        const exit = exec(this, stopAt, selfLoop, prof);
        this.inExec = false;
        // Once an instruction has run, the trap at skipTrap may fire again.
        if (this.cycles !== before) this.skipTrap = -1;
        if (exit === EXIT_BUDGET) {
          if (this.pend !== 0) continue;
          return exit;
        }
        if (exit === EXIT_TRAP) {
          const end = this.trap(prof);
          if (end !== null) return end;
          if (this.rpc === stopAt) return EXIT_STOP_PC;
          continue;
        }
        if (exit === EXIT_UNDOCUMENTED) {
          const pc = this.rpc;
          const io = this.bus.ioPages;
          // The opcode as exec fetched it: from ram, or through the bus into fetchBuf.
          const op = ((io[pc >> 8] | io[((pc + 2) & 0xffff) >> 8]) & 1) === 0
            ? this.bus.ram[pc]
            : this.fetchBuf[pc];
          this.failure = soulError("cpu", `undocumented opcode ${hex(op, 2)} at ${hex(pc, 4)}`);
          return DRIVE_ERROR;
        }
        return exit;
      }
    } finally {
      this.busy = false;
      this.inExec = false;
    }
  }

  /** Run the trap handler at the PC; null to go on, else the DRIVE_* code to stop with. */
  private trap(prof: Float64Array | null): number | null {
    const at = this.rpc;
    const r = this.bus.onTrap(this, at);
    if (typeof r !== "number") {
      this.failure = r;
      return r.kind === "cpu" ? DRIVE_ERROR : DRIVE_TRAP_STOP;
    }
    if (!(r >= 0 && r < Infinity)) {
      this.failure = soulError("cpu", `exec trap at ${hex(at, 4)} returned ${r} cycles`);
      return DRIVE_ERROR;
    }
    this.cycles += r;
    if (prof !== null) prof[at] += r;
    // Same PC: the handler was a hook, so the instruction there runs next (without the trap).
    if (this.rpc === at) this.skipTrap = at;
    return null;
  }
}

/** A problem with run options, or null. */
const checkOptions = (opts: RunOptions): SoulError | null => {
  if (!(opts.maxCycles >= 0)) {
    return soulError("cpu", `maxCycles must be a number >= 0, got ${opts.maxCycles}`);
  }
  const stop = opts.stopAt;
  if (stop !== undefined && !(Number.isInteger(stop) && stop >= 0 && stop <= 0xffff)) {
    return soulError("cpu", `stopAt must be an address $0000-$FFFF, got ${stop}`);
  }
  if (opts.profile !== undefined && opts.profile.length < 0x10000) {
    return soulError("cpu", `profile must have 65536 entries, got ${opts.profile.length}`);
  }
  return null;
};

/**
 * A 6502 on `bus`, in the power-up state this core uses: A = X = Y = 0, S = $FD, P = $24 (I set),
 * PC = $0000, cycles = 0. Set `pc` (or call `reset()` to use the RESET vector) before running.
 */
export const createCpu = (bus: Bus): Cpu => new Cpu6502(bus);

/**
 * A bus with 64 KB of plain RAM: no I/O pages, no exec traps. Given a 65,536-byte array, the
 * bus uses it as is; a shorter one is copied to $0000 of a fresh 64 KB.
 */
export const createFlatBus = (ram?: Uint8Array): Bus => {
  const mem = ram?.length === 0x10000 ? ram : new Uint8Array(0x10000);
  if (ram !== undefined && ram !== mem) mem.set(ram.subarray(0, 0x10000));
  return {
    ram: mem,
    ioPages: new Uint8Array(0x100),
    execTraps: new Uint8Array(0x10000),
    read: (addr) => mem[addr],
    write: (addr, value) => {
      mem[addr] = value;
    },
    onTrap: () => 0,
  };
};
