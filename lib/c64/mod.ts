/**
 * The C64 harness: runs a PRG the way a real Commodore 64 would, as far as a program and a
 * person watching it can tell, with no ROM images: the KERNAL routines programs call are
 * TypeScript behind exec traps (kernal.ts), the screen editor prints and reads the 40×25 text
 * screen like the real one (screen.ts), the banking follows the PLA (banking.ts), and time is
 * counted the way a stopwatch on the machine would see it (timing.ts: badlines included).
 *
 * ```ts
 * const c64 = startPrg(prgBytes);                     // LOAD + RUN (SYS from the BASIC line)
 * // Right(c64): type a line and run until the program waits again
 * const r = c64.right.runUntilIdle({ type: "hello\n", maxCycles: 10_000_000 });
 * // r: Right({ stop: "waiting", detail: "CHRIN", time: { seconds, ... }, ... })
 * c64.right.screenText(); // "> hello\nhello\n>"
 * ```
 *
 * - {@link createC64} / {@link startPrg}: a machine; `runUntilIdle` runs it until it waits for
 *   input, returns to BASIC, halts, or spends its cycle budget; errors (BRK, runaway jumps into
 *   ROM or I/O, KERNAL calls with the KERNAL banked out) are SoulErrors of kind "c64".
 * - What a person sees and hears is recorded with its cycle: border colour changes, SID writes
 *   and notes started ("blips").
 * - {@link runBare}: a bare 6502 memory image on a flat bus, for routine-level tests.
 *
 * @module
 */
export { createC64, sysAddress } from "./machine.ts";
export type { C64, C64Options, RunReport, StopKind } from "./machine.ts";
export { runBare, startPrg } from "./run.ts";
export type { BareOptions, BareResult, StartOptions } from "./run.ts";
export type { Banking } from "./banking.ts";
export type { Blip, BorderEvent, EventLog, Io, SidWrite } from "./io.ts";
export { JUMP_TABLE } from "./kernal.ts";
export type { JumpEntry } from "./kernal.ts";
export {
  checkTypeable,
  glyphOf,
  keyOf,
  petsciiOfScreenCode,
  petsciiToText,
  screenCodeOf,
  textToKeys,
} from "./petscii.ts";
export type { Charset } from "./petscii.ts";
export { displayOnRate, NTSC_TIMING, PAL_TIMING, timingOf, WallClock } from "./timing.ts";
export type { TimeReport, TimingModel, VideoStandard } from "./timing.ts";
