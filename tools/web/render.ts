/**
 * Drawing the C64's picture: the 40×25 text screen in its colours and the border around it,
 * into an RGBA pixel buffer the size of a PAL C64's visible picture (384×272). Pure: the page
 * copies the buffer into a canvas; tests read it directly.
 *
 * The border is drawn in bands: every change of the border colour during the last video frame
 * starts a new band at the raster line the beam was on, as a real C64 shows it.
 *
 * @module
 */
import type { BorderEvent, Charset, TimingModel } from "../../mod.ts";
import { FONTS } from "./font.ts";

/** The 16 colours as 0xRRGGBB (a commonly used measurement of a PAL C64's output). */
export const PALETTE: readonly number[] = [
  0x000000, // black
  0xffffff, // white
  0x68372b, // red
  0x70a4b2, // cyan
  0x6f3d86, // purple
  0x588d43, // green
  0x352879, // blue
  0xb8c76f, // yellow
  0x6f4f25, // orange
  0x433900, // brown
  0x9a6759, // light red
  0x444444, // dark grey
  0x6c6c6c, // grey
  0x9ad284, // light green
  0x6c5eb5, // light blue
  0x959595, // light grey
];

/** CSS colour of a C64 colour. */
export const cssColour = (c: number): string => "#" + PALETTE[c & 15].toString(16).padStart(6, "0");

/** The picture's size in pixels. */
export const WIDTH = 384;
export const HEIGHT = 272;
/** Where the text screen starts in the picture. */
export const LEFT = 32;
export const TOP = 35;
/** The raster line shown at the picture's top row (PAL: text starts on line 51). */
export const FIRST_LINE = 51 - TOP;

/** A band of border colour from picture row `y` down to the next band. */
export interface BorderBand {
  readonly y: number;
  readonly colour: number;
}

/** What one picture shows. */
export interface Frame {
  /** 1,000 screen codes, row by row. */
  readonly screen: ArrayLike<number>;
  /** 1,000 colours (low nibble). */
  readonly colour: ArrayLike<number>;
  /** Background colour ($D021). */
  readonly background: number;
  readonly charset: Charset;
  /** Border bands, top to bottom (the first at y = 0). */
  readonly border: readonly BorderBand[];
  /** A cursor drawn as a reversed cell (when the program waits for typing). */
  readonly cursor?: { readonly row: number; readonly col: number; readonly colour: number };
}

/** Write an RGB colour at a pixel of an RGBA buffer. */
const put = (out: Uint8ClampedArray, i: number, rgb: number): void => {
  out[i] = rgb >> 16;
  out[i + 1] = (rgb >> 8) & 0xff;
  out[i + 2] = rgb & 0xff;
  out[i + 3] = 255;
};

/** Paint a frame into `out` (WIDTH × HEIGHT × 4 bytes, RGBA). */
export const renderFrame = (out: Uint8ClampedArray, f: Frame): void => {
  // border, band by band
  for (let b = 0; b < f.border.length; b++) {
    const y0 = Math.max(0, f.border[b].y);
    const y1 = b + 1 < f.border.length ? Math.min(HEIGHT, f.border[b + 1].y) : HEIGHT;
    const rgb = PALETTE[f.border[b].colour & 15];
    for (let y = y0; y < y1; y++) {
      for (let x = 0; x < WIDTH; x++) put(out, (y * WIDTH + x) * 4, rgb);
    }
  }
  // the text screen
  const rom = FONTS[f.charset];
  const bg = PALETTE[f.background & 15];
  for (let row = 0; row < 25; row++) {
    for (let col = 0; col < 40; col++) {
      const i = row * 40 + col;
      let code = f.screen[i] & 0xff;
      let fg = PALETTE[f.colour[i] & 15];
      if (f.cursor && f.cursor.row === row && f.cursor.col === col) {
        code ^= 0x80;
        fg = PALETTE[f.cursor.colour & 15];
      }
      const reverse = code >= 128;
      const glyph = (code & 0x7f) * 8;
      for (let y = 0; y < 8; y++) {
        const bits = rom[glyph + y];
        let p = ((TOP + row * 8 + y) * WIDTH + LEFT + col * 8) * 4;
        for (let x = 0; x < 8; x++, p += 4) {
          const on = ((bits << x) & 0x80) !== 0;
          put(out, p, on !== reverse ? fg : bg);
        }
      }
    }
  }
};

/**
 * The border bands of the video frame that contains wall cycle `now`: the colour the frame
 * started with, then one band per change during the frame (events in wall-cycle order).
 * `before` is the colour in force before the first of `events`.
 */
export const borderBands = (
  events: readonly BorderEvent[],
  before: number,
  now: number,
  timing: TimingModel,
): BorderBand[] => {
  const frameStart = Math.floor(now / timing.cyclesPerFrame) * timing.cyclesPerFrame;
  let colour = before;
  const bands: BorderBand[] = [];
  for (const e of events) {
    if (e.wall > now) break;
    if (e.wall < frameStart) {
      colour = e.colour;
      continue;
    }
    if (bands.length === 0) bands.push({ y: 0, colour });
    const line = Math.floor((e.wall - frameStart) / timing.cyclesPerLine);
    bands.push({ y: Math.max(0, Math.min(HEIGHT, line - FIRST_LINE)), colour: e.colour });
    colour = e.colour;
  }
  return bands.length === 0 ? [{ y: 0, colour }] : bands;
};
