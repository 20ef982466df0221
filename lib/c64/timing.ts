/**
 * Time on a real C64: the video standards' clocks and frame geometry, and the clock model that
 * turns the CPU's cycle count into the cycles a stopwatch would see.
 *
 * The model. The 6502 core counts only cycles in which the CPU runs. On a real C64 the VIC-II
 * also takes the bus away from the CPU: on each "badline" (the first raster line of every text
 * row, 25 per frame while the display is enabled) it stops the CPU for 40 cycles to fetch the
 * row's screen codes and colours. So out of every frame of F cycles (PAL 312 lines × 63 = 19,656,
 * NTSC 263 × 65 = 17,095), the CPU gets F − 1,000 while the display is on, and all F while it is
 * blanked ($D011 bit 4 = 0). The harness therefore converts CPU cycles to wall cycles by spans:
 * while the display is on, each CPU cycle stands for F / (F − 1,000) wall cycles; while it is
 * blanked, for exactly one. The conversion is exact on average over a span and ignores where in
 * the frame a span starts (precise to a fraction of one badline, i.e. < 43 cycles per span).
 * Sprite DMA is not modelled (the harness shows no sprites to a person anyway), nor is the
 * exact rule that the display-enable bit is sampled on raster line $30.
 *
 * Seconds are wall cycles divided by the standard's clock (PAL 985,248 Hz, NTSC 1,022,727 Hz).
 * Timers that run from the system clock (the CIA timer behind the jiffy clock, SID
 * oscillators, the raster counter) run on wall cycles.
 *
 * @module
 */

/** PAL (Europe: 50 Hz frames) or NTSC (America: 60 Hz frames). */
export type VideoStandard = "pal" | "ntsc";

/** The numbers that fix a standard's timing. */
export interface TimingModel {
  /** The video standard these numbers are for. */
  readonly standard: VideoStandard;
  /** The system clock (φ2) in Hz. */
  readonly clockHz: number;
  /** Raster lines per frame. */
  readonly linesPerFrame: number;
  /** Cycles per raster line. */
  readonly cyclesPerLine: number;
  /** linesPerFrame × cyclesPerLine. */
  readonly cyclesPerFrame: number;
  /** Cycles the VIC-II takes from the CPU per frame while the display is on (25 badlines × 40). */
  readonly stolenPerFrame: number;
  /**
   * The CIA 1 timer A latch the KERNAL programs for the jiffy interrupt. Both standards get
   * about 60 interrupts a second: the timer underflows every latch + 1 cycles.
   */
  readonly jiffyLatch: number;
}

/** Badlines per frame while the display is enabled. */
export const BADLINES_PER_FRAME = 25;
/** Cycles the VIC-II steals on one badline. */
export const CYCLES_PER_BADLINE = 40;

const model = (
  standard: VideoStandard,
  clockHz: number,
  linesPerFrame: number,
  cyclesPerLine: number,
  jiffyLatch: number,
): TimingModel => ({
  standard,
  clockHz,
  linesPerFrame,
  cyclesPerLine,
  cyclesPerFrame: linesPerFrame * cyclesPerLine,
  stolenPerFrame: BADLINES_PER_FRAME * CYCLES_PER_BADLINE,
  jiffyLatch,
});

/** A PAL C64 (6569 VIC-II). */
export const PAL_TIMING: TimingModel = model("pal", 985_248, 312, 63, 0x4025);
/** An NTSC C64 (6567R8 VIC-II). */
export const NTSC_TIMING: TimingModel = model("ntsc", 1_022_727, 263, 65, 0x4295);

/** The model of a standard. */
export const timingOf = (standard: VideoStandard): TimingModel =>
  standard === "ntsc" ? NTSC_TIMING : PAL_TIMING;

/** Wall cycles per CPU cycle while the display is on: F / (F − stolen). */
export const displayOnRate = (t: TimingModel): number =>
  t.cyclesPerFrame / (t.cyclesPerFrame - t.stolenPerFrame);

/**
 * CPU cycles → wall cycles, span by span. Tell it each time the display is switched on or
 * off (with the CPU cycle of the switch); ask it for the wall cycle of any CPU cycle at or
 * after the last switch.
 */
export class WallClock {
  #rateOn: number;
  #on: boolean;
  #spanCpu = 0;
  #spanWall = 0;

  /** A clock at CPU cycle 0 = wall cycle 0, with the display on or off. */
  constructor(readonly timing: TimingModel, displayOn = true) {
    this.#rateOn = displayOnRate(timing);
    this.#on = displayOn;
  }

  /** True while the VIC-II displays (and so steals cycles). */
  get displayOn(): boolean {
    return this.#on;
  }

  /** Wall cycles per CPU cycle in the current span. */
  get rate(): number {
    return this.#on ? this.#rateOn : 1;
  }

  /** The wall cycle (fractional) at a CPU cycle of the current span. */
  wallAt(cpuCycle: number): number {
    return this.#spanWall + (cpuCycle - this.#spanCpu) * this.rate;
  }

  /** The first CPU cycle at or after which the wall clock has reached `wall`. */
  cpuAt(wall: number): number {
    return this.#spanCpu + Math.ceil((wall - this.#spanWall) / this.rate);
  }

  /** The display was switched on or off at `cpuCycle`: close the current span. */
  setDisplay(on: boolean, cpuCycle: number): void {
    if (on === this.#on) return;
    this.#spanWall = this.wallAt(cpuCycle);
    this.#spanCpu = cpuCycle;
    this.#on = on;
  }

  /** The raster line the beam is on at a CPU cycle. */
  rasterAt(cpuCycle: number): number {
    const line = Math.floor(this.wallAt(cpuCycle) / this.timing.cyclesPerLine);
    return line % this.timing.linesPerFrame;
  }
}

/** What a span of CPU work took on the real machine. */
export interface TimeReport {
  /** CPU cycles (what the 6502 core counted). */
  readonly cycles: number;
  /** Wall cycles: CPU cycles plus the cycles the VIC-II stole. */
  readonly wallCycles: number;
  /** Wall cycles in seconds at the standard's clock. */
  readonly seconds: number;
  /** The video standard the seconds are counted at. */
  readonly standard: VideoStandard;
}

/** Report a (CPU, wall) cycle pair as time. */
export const timeReport = (t: TimingModel, cycles: number, wallCycles: number): TimeReport => ({
  cycles,
  wallCycles: Math.round(wallCycles),
  seconds: wallCycles / t.clockHz,
  standard: t.standard,
});
