/**
 * The part of the SID (6581) a program can read back: voice 3's oscillator at $D41B, which
 * programs use as a random number source (voice 3 set to the noise waveform at a high
 * frequency, then `LDA $D41B`).
 *
 * Each voice has a 24-bit phase accumulator that adds the voice's 16-bit frequency every system
 * clock cycle. The noise waveform comes from a 23-bit linear feedback shift register: it shifts
 * left by one each time bit 19 of the accumulator rises, the new bit 0 being bit 22 XOR bit 17
 * (a maximal-length register: the sequence repeats after 2^23 − 1 shifts). The 8-bit output is
 * register bits 22, 20, 16, 13, 11, 7, 4 and 2, most significant first. The test bit (control
 * bit 3) holds the accumulator at 0 and the register at its reset value $7FFFF8, so the first
 * noise value after clearing it is $FE. Sawtooth, triangle and pulse outputs are the upper bits
 * of the accumulator as on the chip; noise combined with other waveforms is not modelled (the
 * noise alone is returned).
 *
 * The oscillator is advanced lazily, to the wall cycle of each access.
 *
 * @module
 */

/** Bits in the noise register. */
export const NOISE_BITS = 23;
/** The noise register's value after reset (or while the test bit is set). */
export const NOISE_SEED = 0x7ffff8;
/** The noise sequence's period in shifts. */
export const NOISE_PERIOD = 2 ** NOISE_BITS - 1;

/** One shift of the noise register. */
export const noiseStep = (reg: number): number =>
  ((reg << 1) & 0x7fffff) | (((reg >> 22) ^ (reg >> 17)) & 1);

/** The 8-bit noise output of a register value. */
export const noiseOutput = (reg: number): number =>
  ((reg >> 15) & 0x80) | // bit 22
  ((reg >> 14) & 0x40) | // bit 20
  ((reg >> 11) & 0x20) | // bit 16
  ((reg >> 9) & 0x10) | // bit 13
  ((reg >> 8) & 0x08) | // bit 11
  ((reg >> 5) & 0x04) | // bit 7
  ((reg >> 3) & 0x02) | // bit 4
  ((reg >> 2) & 0x01); // bit 2

const ACC = 2 ** 24;
const B19 = 2 ** 19;
const B20 = 2 ** 20;

/** Voice 3's oscillator as $D41B shows it. */
export class Voice3 {
  #acc = 0;
  #noise = NOISE_SEED;
  #freq = 0;
  #pulse = 0;
  #control = 0;
  #at = 0;

  /** Run the oscillator up to a wall cycle. */
  advance(wall: number): void {
    const now = Math.floor(wall);
    const dt = now - this.#at;
    if (dt <= 0) return;
    this.#at = now;
    if ((this.#control & 0x08) !== 0) return;
    const end = this.#acc + this.#freq * dt;
    let rises = Math.floor((end - B19) / B20) - Math.floor((this.#acc - B19) / B20);
    this.#acc = end % ACC;
    rises %= NOISE_PERIOD;
    let reg = this.#noise;
    for (let i = 0; i < rises; i++) reg = noiseStep(reg);
    this.#noise = reg;
  }

  /** A write to one of voice 3's registers ($0E-$12 of the SID), at a wall cycle. */
  write(reg: number, value: number, wall: number): void {
    this.advance(wall);
    switch (reg) {
      case 0x0e:
        this.#freq = (this.#freq & 0xff00) | value;
        break;
      case 0x0f:
        this.#freq = (this.#freq & 0x00ff) | (value << 8);
        break;
      case 0x10:
        this.#pulse = (this.#pulse & 0xf00) | value;
        break;
      case 0x11:
        this.#pulse = (this.#pulse & 0x0ff) | ((value & 0x0f) << 8);
        break;
      case 0x12:
        this.#control = value;
        if ((value & 0x08) !== 0) {
          this.#acc = 0;
          this.#noise = NOISE_SEED;
        }
        break;
    }
  }

  /** What $D41B reads at a wall cycle. */
  output(wall: number): number {
    this.advance(wall);
    const wave = this.#control >> 4;
    if ((wave & 0x08) !== 0) return noiseOutput(this.#noise);
    if ((wave & 0x04) !== 0) return (this.#acc >> 12) >= this.#pulse ? 0xff : 0;
    if ((wave & 0x02) !== 0) return (this.#acc >> 16) & 0xff;
    if ((wave & 0x01) !== 0) {
      const folded = (this.#acc & 0x800000) !== 0 ? ~this.#acc & 0x7fffff : this.#acc;
      return (folded >> 15) & 0xff;
    }
    return 0;
  }
}
