import { assert, assertEquals } from "../std/assert.ts";
import { E } from "../deps.ts";
import { boot, STUB } from "./test_util.ts";
import { displayOnRate, NTSC_TIMING, PAL_TIMING, timeReport, WallClock } from "./timing.ts";

Deno.test("the two standards' clocks and frames", () => {
  assertEquals(PAL_TIMING.clockHz, 985_248);
  assertEquals(PAL_TIMING.cyclesPerFrame, 312 * 63);
  assertEquals(NTSC_TIMING.clockHz, 1_022_727);
  assertEquals(NTSC_TIMING.cyclesPerFrame, 263 * 65);
  assertEquals(PAL_TIMING.stolenPerFrame, 25 * 40);
  assertEquals(displayOnRate(PAL_TIMING), 19_656 / 18_656);
  assertEquals(displayOnRate(NTSC_TIMING), 17_095 / 16_095);
  // The jiffy interrupt is about 60 Hz on both.
  assert(Math.abs(PAL_TIMING.clockHz / (PAL_TIMING.jiffyLatch + 1) - 60) < 0.05);
  assert(Math.abs(NTSC_TIMING.clockHz / (NTSC_TIMING.jiffyLatch + 1) - 60) < 0.05);
});

Deno.test("wall cycles: stolen cycles while the display is on, none while blanked", () => {
  const clock = new WallClock(PAL_TIMING, true);
  // One frame of CPU time with the display on is a frame and 1,000 stolen cycles of wall time.
  assertEquals(clock.wallAt(18_656), 19_656);
  clock.setDisplay(false, 18_656);
  assertEquals(clock.wallAt(18_656 + 5_000), 19_656 + 5_000);
  clock.setDisplay(true, 30_000);
  const base = 19_656 + (30_000 - 18_656);
  assertEquals(clock.wallAt(30_000), base);
  assert(Math.abs(clock.wallAt(30_000 + 18_656) - (base + 19_656)) < 1e-6);
  // cpuAt inverts wallAt.
  assertEquals(clock.cpuAt(base + 19_656), 30_000 + 18_656);
  // Setting the same state again changes nothing.
  clock.setDisplay(true, 40_000);
  assert(Math.abs(clock.wallAt(30_000 + 18_656) - (base + 19_656)) < 1e-6);
});

Deno.test("the raster line follows the wall clock", () => {
  const clock = new WallClock(PAL_TIMING, false);
  assertEquals(clock.rasterAt(0), 0);
  assertEquals(clock.rasterAt(62), 0);
  assertEquals(clock.rasterAt(63), 1);
  assertEquals(clock.rasterAt(311 * 63), 311);
  assertEquals(clock.rasterAt(312 * 63), 0);
  const ntsc = new WallClock(NTSC_TIMING, false);
  assertEquals(ntsc.rasterAt(262 * 65 + 64), 262);
  assertEquals(ntsc.rasterAt(263 * 65), 0);
});

Deno.test("timeReport converts wall cycles to seconds", () => {
  const t = timeReport(PAL_TIMING, 900_000, 985_248);
  assertEquals(t.seconds, 1);
  assertEquals(t.wallCycles, 985_248);
  assertEquals(t.standard, "pal");
});

/** A busy loop of 10,242 × 40 ... cycles with interrupts off; the display on or blanked. */
const busy = (d011: number) =>
  `${STUB}
        sei
        lda #${d011}
        sta $d011
        ldy #40
        ldx #0
-       dex
        bne -
        dey
        bne -
        rts
`;

Deno.test("badlines: a program takes longer on the stopwatch while the screen is on", () => {
  for (const standard of ["pal", "ntsc"] as const) {
    const on = boot(busy(0x1b), { standard });
    const off = boot(busy(0x0b), { standard });
    const rOn = on.runUntilIdle({ maxCycles: 1e6 });
    const rOff = off.runUntilIdle({ maxCycles: 1e6 });
    assert(E.isRight(rOn) && E.isRight(rOff));
    assertEquals(rOn.right.stop, "basic");
    const tOn = rOn.right.time;
    const tOff = rOff.right.time;
    assertEquals(tOn.cycles, tOff.cycles, "the CPU does the same work");
    const rate = standard === "pal" ? displayOnRate(PAL_TIMING) : displayOnRate(NTSC_TIMING);
    assert(Math.abs(tOn.wallCycles - tOn.cycles * rate) <= 1, `${standard} on: ${tOn.wallCycles}`);
    // Blanked after the first few cycles: those are the only stolen ones.
    assert(tOff.wallCycles - tOff.cycles <= 1, `${standard} blanked: ${tOff.wallCycles}`);
    const hz = standard === "pal" ? PAL_TIMING.clockHz : NTSC_TIMING.clockHz;
    assert(Math.abs(tOn.seconds - tOn.wallCycles / hz) < 1 / hz);
  }
});

Deno.test("raster reads: waiting for line 100, and for bit 8 in $D011", () => {
  const c = boot(`${STUB}
        sei
-       lda $d012
        cmp #100
        bne -
        rts
`);
  const r = c.runUntilIdle({ maxCycles: 1e6 });
  assert(E.isRight(r));
  const wall = r.right.time.wallCycles;
  assert(wall >= 100 * 63 && wall < 101 * 63 + 20, `line 100 reached at wall cycle ${wall}`);

  const d = boot(`${STUB}
        sei
-       lda $d011
        bpl -
        rts
`);
  const r2 = d.runUntilIdle({ maxCycles: 1e6 });
  assert(E.isRight(r2));
  const wall2 = r2.right.time.wallCycles;
  assert(wall2 >= 256 * 63 && wall2 < 256 * 63 + 30, `line 256 at ${wall2}`);
});
