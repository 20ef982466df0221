import { assert, assertEquals } from "../std/assert.ts";
import { E } from "../deps.ts";
import { NOISE_PERIOD, NOISE_SEED, noiseOutput, noiseStep, Voice3 } from "./sid.ts";
import { boot, STUB } from "./test_util.ts";

Deno.test("the noise register is a maximal-length 23-bit LFSR", () => {
  let reg = NOISE_SEED;
  let n = 0;
  let bad = 0;
  do {
    reg = noiseStep(reg);
    n++;
    if (reg === 0 || reg >= 2 ** 23) bad++;
  } while (reg !== NOISE_SEED && n <= NOISE_PERIOD);
  assertEquals(bad, 0);
  assertEquals(n, 2 ** 23 - 1);
});

Deno.test("noise output taps bits 22, 20, 16, 13, 11, 7, 4, 2", () => {
  assertEquals(noiseOutput(NOISE_SEED), 0xfe);
  const taps = [22, 20, 16, 13, 11, 7, 4, 2];
  taps.forEach((bit, i) => assertEquals(noiseOutput(1 << bit), 0x80 >> i));
  assertEquals(noiseOutput(0x7fffff & ~taps.reduce((m, b) => m | (1 << b), 0)), 0);
});

Deno.test("voice 3 steps the register when accumulator bit 19 rises", () => {
  const v = new Voice3();
  v.write(0x12, 0x08, 0); // test bit: reset
  v.write(0x0e, 0xff, 0);
  v.write(0x0f, 0xff, 0);
  v.write(0x12, 0x80, 0); // noise, running
  assertEquals(v.output(0), 0xfe);
  // With frequency $FFFF, bit 19 first rises after 2^19 / 65535 ≈ 8.0001 cycles (9th cycle),
  // then every 2^20 / 65535 ≈ 16.0002 cycles.
  assertEquals(v.output(8), 0xfe);
  assertEquals(v.output(9), noiseOutput(noiseStep(NOISE_SEED)));
  let reg = NOISE_SEED;
  for (let i = 0; i < 1000; i++) reg = noiseStep(reg);
  const t = Math.ceil((999 * 2 ** 20 + 2 ** 19) / 65535);
  assertEquals(v.output(t), noiseOutput(reg));
  // Sawtooth is the accumulator's top byte.
  const saw = new Voice3();
  saw.write(0x0e, 0x00, 0);
  saw.write(0x0f, 0x01, 0); // 256 per cycle: the top byte rises by one every 256 cycles
  saw.write(0x12, 0x20, 0);
  assertEquals(saw.output(256 * 3 + 5), 3);
});

Deno.test("a program drawing random numbers from $D41B gets the noise sequence", () => {
  const source = `${STUB}
        sei
        lda #$ff
        sta $d40e
        sta $d40f
        lda #$08
        sta $d412       ; test bit: reset the noise
        lda #$80
        sta $d412       ; noise waveform, running
        lda $d41b
        sta $c000
        ldx #0
-       lda $d41b
        sta $c100,x
        nop
        nop
        nop
        nop
        inx
        bne -
        rts
`;
  const a = boot(source);
  const b = boot(source);
  assert(E.isRight(a.runUntilIdle({ maxCycles: 1e6 })));
  assert(E.isRight(b.runUntilIdle({ maxCycles: 1e6 })));
  assertEquals(a.ram[0xc000], 0xfe, "the first value after a reset");
  const values = a.ram.slice(0xc100, 0xc200);
  assertEquals(values, b.ram.slice(0xc100, 0xc200), "deterministic");
  assert(new Set(values).size > 100, `varied: ${new Set(values).size} distinct of 256`);
  // Every value read is a noise output of the sequence from the seed, in order.
  let reg = NOISE_SEED;
  let steps = 0;
  for (const v of values) {
    while (noiseOutput(reg) !== v && steps < 100_000) {
      reg = noiseStep(reg);
      steps++;
    }
    assertEquals(noiseOutput(reg), v);
  }
  // One read per 19-cycle loop pass, one shift per 16 cycles.
  assert(steps > 256 && steps < 400, `shifts seen: ${steps}`);
});

Deno.test("SID writes are recorded and a gate-on is a blip", () => {
  const c = boot(`${STUB}
        lda #$25
        sta $d400
        lda #$11
        sta $d401       ; voice 1 frequency $1125
        lda #$11
        sta $d404       ; triangle, gate on: a blip
        sta $d404       ; gate still on: no new blip
        lda #$10
        sta $d404       ; gate off
        lda #$21
        sta $d404       ; saw, gate on: a blip
        lda #$81
        sta $d412       ; voice 3 noise, gate on: a blip
        lda #$0f
        sta $d418       ; volume
        rts
`);
  assert(E.isRight(c.runUntilIdle({ maxCycles: 1e5 })));
  assertEquals(c.sidWrites.length, 8);
  assertEquals(c.sidWrites.map((w) => w.reg), [0, 1, 4, 4, 4, 4, 18, 24]);
  assertEquals(c.blips.map((b) => [b.voice, b.frequency, b.control]), [
    [1, 0x1125, 0x11],
    [1, 0x1125, 0x21],
    [3, 0, 0x81],
  ]);
  const first = c.blips[0];
  assert(first.cycle > 0 && first.wall >= first.cycle);
  assert(Math.abs(first.hz - (0x1125 * 985_248) / 2 ** 24) < 1e-9);
  assert(c.blips[1].cycle > first.cycle);
});
