/**
 * NMOS 6502 decimal-mode (D = 1) ADC and SBC, including what the NMOS part does with invalid
 * BCD digits and how it sets N, V and Z (which the later CMOS parts changed).
 *
 * - ADC: A and C come from the decimal-adjusted sum; Z from the binary sum; N and V from the
 *   intermediate sum after the low-digit adjust, before the high-digit adjust.
 * - SBC: A is decimal-adjusted; N, V, Z and C all come from the binary subtraction.
 *
 * Both return the outcome packed into one number (no allocation in the core's hot loop):
 * bits 0-7 the new A, bit 8 C, bit 9 V, bit 10 N, bit 11 Z.
 *
 * @module
 */

/** Packed-result bits (above the 8 bits of A). */
export const DEC_C = 0x100;
export const DEC_V = 0x200;
export const DEC_N = 0x400;
export const DEC_Z = 0x800;

/** ADC with D set: `a + m + carry` on the NMOS 6502, packed as described in the module doc. */
export const adcDecimal = (a: number, m: number, carry: number): number => {
  let lo = (a & 0x0f) + (m & 0x0f) + carry;
  if (lo >= 0x0a) lo = ((lo + 0x06) & 0x0f) + 0x10;
  let sum = (a & 0xf0) + (m & 0xf0) + lo;
  // N and V are taken here, between the two digit adjustments.
  const flags = ((sum & 0x80) << 3) | ((~(a ^ m) & (a ^ sum) & 0x80) << 2) |
    (((a + m + carry) & 0xff) === 0 ? DEC_Z : 0);
  if (sum >= 0xa0) sum += 0x60;
  return (sum & 0xff) | (sum >= 0x100 ? DEC_C : 0) | flags;
};

/** SBC with D set: `a - m - (1 - carry)` on the NMOS 6502, packed as described in the module doc. */
export const sbcDecimal = (a: number, m: number, carry: number): number => {
  const bin = a - m - 1 + carry;
  const flags = (bin >= 0 ? DEC_C : 0) | (((a ^ m) & (a ^ bin) & 0x80) << 2) |
    ((bin & 0x80) << 3) | ((bin & 0xff) === 0 ? DEC_Z : 0);
  let lo = (a & 0x0f) - (m & 0x0f) + carry - 1;
  if (lo < 0) lo = ((lo - 0x06) & 0x0f) - 0x10;
  let diff = (a & 0xf0) - (m & 0xf0) + lo;
  if (diff < 0) diff -= 0x60;
  return (diff & 0xff) | flags;
};
