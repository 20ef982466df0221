/**
 * The soul's tensors in the layouts the 6502 engine reads (see asm/mv.s).
 *
 * A weight matrix becomes **bit-plane masks**: with w' = w + 128 (0..255) and columns in groups
 * of 8, the byte for (plane b, group g, row r) has bit i = bit b of w'[r, 8g+i]. The kernel reads
 * 8·G mask columns of R bytes, plane 7 first: column `(7 - b)·G + g` is stored at
 * `(7 - b)·G·R + g·R`. Columns past the matrix (padding up to 8·G) have w' = 0, so they add
 * nothing. The offsets are undone by one constant per input vector, which the engine computes
 * (mv.s proves the algebra), so rows need no link-time constant.
 *
 * @module
 */
import type { QBias, QMatrix } from "../soul/types.ts";

/** Groups of 8 columns a kernel needs for `cols` columns. */
export const groupsFor = (cols: number): number => Math.ceil(cols / 8);

/** The masks of a matrix for a kernel of `groups` groups (8·groups·rows bytes). */
export const matrixMasks = (m: QMatrix, groups: number): Uint8Array => {
  const { rows, cols, data } = m;
  if (groups * 8 < cols) throw new RangeError(`${groups} groups cannot hold ${cols} columns`);
  const out = new Uint8Array(8 * groups * rows);
  for (let b = 7; b >= 0; b--) {
    for (let g = 0; g < groups; g++) {
      const base = ((7 - b) * groups + g) * rows;
      for (let r = 0; r < rows; r++) {
        let mask = 0;
        for (let i = 0; i < 8; i++) {
          const c = 8 * g + i;
          if (c < cols && (((data[r * cols + c] + 128) >> b) & 1) === 1) mask |= 1 << i;
        }
        out[base + r] = mask;
      }
    }
  }
  return out;
};

/** A bias as two planes (low bytes, then high bytes), 2·rows bytes. */
export const biasPlanes = (b: QBias): Uint8Array => {
  const out = new Uint8Array(2 * b.rows);
  for (let r = 0; r < b.rows; r++) {
    out[r] = b.data[r] & 0xff;
    out[b.rows + r] = (b.data[r] >> 8) & 0xff;
  }
  return out;
};

/** int8 values as bytes. */
export const int8Bytes = (data: Int8Array): Uint8Array =>
  new Uint8Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength));
