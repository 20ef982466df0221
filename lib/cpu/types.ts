/**
 * The contract between the 6502 core (lib/cpu) and what it is wired to (the C64 harness,
 * tests, tools). Written first so both sides can be built against it.
 *
 * Speed matters (every 6502 test and the chat tool run on this core), so memory is a flat
 * 64 KB Uint8Array the core reads and writes directly, except on pages flagged in
 * `ioPages`, whose accesses go through `read`/`write`. Execution traps let a harness provide
 * ROM routines (KERNAL) in TypeScript: when the PC reaches an address flagged in `execTraps`,
 * `onTrap` runs before the instruction is fetched.
 *
 * @module
 */
import type { SoulError } from "../errors.ts";

/** Per-page flag in Bus.ioPages: reads of the page go through `Bus.read`. */
export const IO_READ = 1;
/** Per-page flag in Bus.ioPages: writes to the page go through `Bus.write`. */
export const IO_WRITE = 2;

/** What the core is connected to. */
export interface Bus {
  /** 65,536 bytes of RAM; the core reads/writes it directly outside `ioPages`. */
  readonly ram: Uint8Array;
  /** 256 entries, one per page (addr >> 8): IO_READ and/or IO_WRITE route accesses to read/write. */
  readonly ioPages: Uint8Array;
  /** Called for reads on pages flagged IO_READ. `cycle` is the cycle count at the access. */
  read(addr: number, cycle: number): number;
  /** Called for writes on pages flagged IO_WRITE. */
  write(addr: number, value: number, cycle: number): void;
  /** 65,536 entries; nonzero marks an address whose execution calls onTrap first. */
  readonly execTraps: Uint8Array;
  /**
   * Called when the PC reaches a flagged address, before the opcode fetch. The handler may
   * change registers (e.g. emulate a routine and pop the return address like RTS) and returns
   * the cycles it consumed, or a SoulError to stop the run.
   */
  onTrap(cpu: CpuState, addr: number): number | SoulError;
}

/** Registers and the cycle counter. `p` always has bit 5 set when read back. */
export interface CpuState {
  /** Accumulator (0-255). */
  a: number;
  /** X index register (0-255). */
  x: number;
  /** Y index register (0-255). */
  y: number;
  /** Stack pointer (0-255; the stack is page 1). */
  s: number;
  /** Processor status flags NV-BDIZC (0-255). */
  p: number;
  /** Program counter (0-65535). */
  pc: number;
  /** Total cycles executed since creation (a double: exact up to 2^53). */
  cycles: number;
}

/** Why a run ended. */
export type RunStopReason =
  | "stop-pc" // the PC reached `stopAt`
  | "budget" // the cycle budget ran out
  | "self-loop" // a JMP * or branch-to-self (a program's way to say "done")
  | "trap"; // a trap handler asked to stop (returned a SoulError with kind "cpu" is an error instead)
// How onTrap's result is taken: a number is the cycles the handler consumed and the run goes
// on; a SoulError of kind "cpu" fails the run with that error; a SoulError of any other kind
// ends the run with reason "trap", and RunResult.trap carries it.

/** Options for a run. */
export interface RunOptions {
  /** Stop when the PC reaches this address (before executing it). */
  readonly stopAt?: number;
  /** Stop after at least this many more cycles. */
  readonly maxCycles: number;
  /** Detect JMP * / branch-to-self and stop with "self-loop" (default true). */
  readonly stopOnSelfLoop?: boolean;
  /** When given (65,536 entries), cycles of each executed instruction are added at its PC. */
  readonly profile?: Float64Array;
}

/** The result of a run that did not fail. */
export interface RunResult {
  /** Why the run stopped. */
  readonly reason: RunStopReason;
  /** The PC where the run stopped (the next instruction to execute). */
  readonly pc: number;
  /** Cycles this run executed (CpuState.cycles has the running total). */
  readonly cycles: number;
  /** With reason "trap": the SoulError the trap handler returned to stop the run. */
  readonly trap?: SoulError;
}
