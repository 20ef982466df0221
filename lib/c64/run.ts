/**
 * One-call ways in: start a PRG on a fresh C64 (as LOAD and RUN would), and run a bare 6502
 * memory image on a flat bus (no C64 around it) until it reaches an address or halts.
 *
 * @module
 */
import { createCpu, createFlatBus, type RunStopReason } from "../cpu/mod.ts";
import { E, type Either } from "../deps.ts";
import { type SoulError, soulError } from "../errors.ts";
import { hex } from "./kernal.ts";
import { type C64, type C64Options, createC64 } from "./machine.ts";

/** How to start a PRG. */
export interface StartOptions extends C64Options {
  /** Start address (SYS), when the PRG has no `SYS addr` BASIC line at $0801. */
  readonly sys?: number;
}

/** A fresh C64 with the PRG loaded and started as RUN (or SYS `sys`) would; call runUntilIdle. */
export const startPrg = (prg: Uint8Array, opts: StartOptions = {}): Either<SoulError, C64> => {
  const c64 = createC64(opts);
  const loaded = c64.load(prg);
  if (E.isLeft(loaded)) return loaded;
  const started = c64.sys(opts.sys);
  return E.isLeft(started) ? started : E.right(c64);
};

/** A bare run: a memory image at an address, a start PC, a budget. */
export interface BareOptions {
  /** The bytes to place in RAM. */
  readonly image: Uint8Array;
  /** The address the image's first byte goes to. */
  readonly loadAt: number;
  /** The PC to start at. */
  readonly pc: number;
  /** Stop when the PC gets here (before executing it). */
  readonly stopAt?: number;
  /** Stop after at least this many cycles. */
  readonly maxCycles: number;
}

/** The registers when a bare run stopped, and why it stopped. */
export interface BareResult {
  /** Program counter. */
  readonly pc: number;
  /** Accumulator. */
  readonly a: number;
  /** X index register. */
  readonly x: number;
  /** Y index register. */
  readonly y: number;
  /** Stack pointer. */
  readonly s: number;
  /** Processor status flags. */
  readonly p: number;
  /** Cycles executed. */
  readonly cycles: number;
  /** "stop-pc" (reached stopAt), "self-loop" (JMP * or branch-to-self), or "budget". */
  readonly stopped: RunStopReason;
}

const checkAddress = (n: number, what: string): SoulError | null =>
  Number.isInteger(n) && n >= 0 && n <= 0xffff
    ? null
    : soulError("cpu", `${what} must be an address $0000-$FFFF, got ${n}`);

/**
 * Run a memory image on 64 KB of plain RAM (power-up registers: A = X = Y = 0, S = $FD, P = $24)
 * from `pc` until the PC reaches `stopAt`, the program halts in a JMP * / branch-to-self loop,
 * or `maxCycles` run out.
 */
export const runBare = (opts: BareOptions): Either<SoulError, BareResult> => {
  const bad = checkAddress(opts.loadAt, "the load address") ?? checkAddress(opts.pc, "the PC") ??
    (opts.stopAt === undefined ? null : checkAddress(opts.stopAt, "the stop address"));
  if (bad !== null) return E.left(bad);
  if (opts.loadAt + opts.image.length > 0x10000) {
    return E.left(
      soulError(
        "cpu",
        `${opts.image.length} bytes loaded at ${hex(opts.loadAt)} run past $FFFF`,
      ),
    );
  }
  const bus = createFlatBus();
  bus.ram.set(opts.image, opts.loadAt);
  const cpu = createCpu(bus);
  cpu.pc = opts.pc;
  const r = cpu.run({ maxCycles: opts.maxCycles, stopAt: opts.stopAt });
  if (E.isLeft(r)) return r;
  const { a, x, y, s, p, pc, cycles } = cpu;
  return E.right({ pc, a, x, y, s, p, cycles, stopped: r.right.reason });
};
