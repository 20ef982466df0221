/**
 * The playground's 8×8 character set: soul64's own drawing, in the chunky style of the C64's
 * screen (two-pixel vertical strokes, one-pixel horizontal ones), but drawn here glyph by glyph.
 *
 * Two sets, indexed by screen code 0-127 like the C64's (codes 128-255 are the same glyphs in
 * reverse video): "upper" (capitals and graphics) and "lower" (small letters and capitals).
 * Letters, digits and punctuation are drawn in the atlases below; the graphics characters
 * (lines, blocks, corners, card suits) are built from a few drawing rules and small pictures.
 *
 * @module
 */
import type { Charset } from "../../mod.ts";

/**
 * Atlases: blocks separated by blank lines; a block's first line names its characters (one
 * per glyph, `~` standing for a space-free placeholder name given in ATLAS_NAMES), then eight
 * rows of glyphs separated by single spaces, `#` for a lit pixel.
 */
const LETTERS = `
ABCDEFGH
..####.. .#####.. ..####.. .####... .######. .######. ..####.. .##..##.
.##..##. .##..##. .##..##. .##.##.. .##..... .##..... .##..##. .##..##.
.##..##. .##..##. .##..... .##..##. .##..... .##..... .##..... .##..##.
.######. .#####.. .##..... .##..##. .#####.. .#####.. .##.###. .######.
.##..##. .##..##. .##..... .##..##. .##..... .##..... .##..##. .##..##.
.##..##. .##..##. .##..##. .##.##.. .##..... .##..... .##..##. .##..##.
.##..##. .#####.. ..####.. .####... .######. .##..... ..#####. .##..##.
........ ........ ........ ........ ........ ........ ........ ........

IJKLMNOP
..####.. ...####. .##..##. .##..... ##...##. ##...##. ..####.. .#####..
...##... ....##.. .##.##.. .##..... ###.###. ###..##. .##..##. .##..##.
...##... ....##.. .####... .##..... #######. ####.##. .##..##. .##..##.
...##... ....##.. .###.... .##..... ##.#.##. ##.####. .##..##. .#####..
...##... ....##.. .####... .##..... ##...##. ##..###. .##..##. .##.....
...##... .##.##.. .##.##.. .##..... ##...##. ##...##. .##..##. .##.....
..####.. ..###... .##..##. .######. ##...##. ##...##. ..####.. .##.....
........ ........ ........ ........ ........ ........ ........ ........

QRSTUVWX
..####.. .#####.. ..####.. .######. .##..##. .##..##. ##...##. .##..##.
.##..##. .##..##. .##..##. ...##... .##..##. .##..##. ##...##. .##..##.
.##..##. .##..##. .##..... ...##... .##..##. .##..##. ##...##. ..####..
.##..##. .#####.. ..####.. ...##... .##..##. .##..##. ##.#.##. ...##...
.##..##. .####... .....##. ...##... .##..##. .##..##. #######. ..####..
.##.##.. .##.##.. .##..##. ...##... .##..##. ..####.. ###.###. .##..##.
..##.##. .##..##. ..####.. ...##... ..####.. ...##... ##...##. .##..##.
........ ........ ........ ........ ........ ........ ........ ........

YZabcdef
.##..##. .######. ........ .##..... ........ .....##. ........ ...###..
.##..##. .....##. ........ .##..... ........ .....##. ........ ..##....
.##..##. ....##.. ..####.. .#####.. ..####.. ..#####. ..####.. .#####..
..####.. ...##... .....##. .##..##. .##..... .##..##. .##..##. ..##....
...##... ..##.... ..#####. .##..##. .##..... .##..##. .######. ..##....
...##... .##..... .##..##. .##..##. .##..... .##..##. .##..... ..##....
...##... .######. ..#####. .#####.. ..####.. ..#####. ..####.. ..##....
........ ........ ........ ........ ........ ........ ........ ........

ghijklmn
........ .##..... ...##... ....##.. .##..... ..###... ........ ........
........ .##..... ........ ........ .##..... ...##... ........ ........
..#####. .#####.. ..###... ...###.. .##..##. ...##... ###.##.. .#####..
.##..##. .##..##. ...##... ....##.. .##.##.. ...##... #######. .##..##.
.##..##. .##..##. ...##... ....##.. .####... ...##... ##.#.##. .##..##.
..#####. .##..##. ...##... ....##.. .##.##.. ...##... ##.#.##. .##..##.
.....##. .##..##. ..####.. .##.##.. .##..##. ..####.. ##...##. .##..##.
.#####.. ........ ........ ..###... ........ ........ ........ ........

opqrstuv
........ ........ ........ ........ ........ ..##.... ........ ........
........ ........ ........ ........ ........ ..##.... ........ ........
..####.. .#####.. ..#####. .##.##.. ..#####. .#####.. .##..##. .##..##.
.##..##. .##..##. .##..##. .###.##. .##..... ..##.... .##..##. .##..##.
.##..##. .##..##. .##..##. .##..... ..####.. ..##.... .##..##. .##..##.
.##..##. .#####.. ..#####. .##..... .....##. ..##.... .##..##. ..####..
..####.. .##..... .....##. .##..... .#####.. ...###.. ..#####. ...##...
........ .##..... .....##. ........ ........ ........ ........ ........

wxyz0123
........ ........ ........ ........ ..####.. ...##... ..####.. ..####..
........ ........ ........ ........ .##..##. ..###... .##..##. .##..##.
##...##. .##..##. .##..##. .######. .##.###. .####... .....##. .....##.
##...##. ..####.. .##..##. ....##.. .######. ...##... ...###.. ...###..
##.#.##. ...##... .##..##. ...##... .###.##. ...##... ..##.... .....##.
#######. ..####.. ..#####. ..##.... .##..##. ...##... .##..... .##..##.
.##.##.. .##..##. ....##.. .######. ..####.. .######. .######. ..####..
........ ........ .####... ........ ........ ........ ........ ........

456789!"
....##.. .######. ...###.. .######. ..####.. ..####.. ...##... .##.##..
...###.. .##..... ..##.... .....##. .##..##. .##..##. ...##... .##.##..
..####.. .#####.. .##..... ....##.. .##..##. .##..##. ...##... .##.##..
.##.##.. .....##. .#####.. ...##... ..####.. ..#####. ...##... ........
.######. .....##. .##..##. ...##... .##..##. .....##. ...##... ........
....##.. .##..##. .##..##. ...##... .##..##. ....##.. ........ ........
....##.. ..####.. ..####.. ...##... ..####.. ..###... ...##... ........
........ ........ ........ ........ ........ ........ ........ ........

#$%&'()*
.##..##. ...##... .##...#. ..###... ...##... ....##.. ..##.... ........
.##..##. ..#####. .##..##. .##.##.. ...##... ...##... ...##... .##..##.
#######. .##..... ....##.. ..###... ..##.... ..##.... ....##.. ..####..
.##..##. ..####.. ...##... .####.#. ........ ..##.... ....##.. .######.
#######. .....##. ..##.... .##.###. ........ ..##.... ....##.. ..####..
.##..##. .#####.. .##..##. .##..##. ........ ...##... ...##... .##..##.
.##..##. ...##... .#...##. ..###.## ........ ....##.. ..##.... ........
........ ........ ........ ........ ........ ........ ........ ........

+,-./:;<
........ ........ ........ ........ .....##. ........ ........ ....##..
...##... ........ ........ ........ .....##. ...##... ...##... ...##...
...##... ........ ........ ........ ....##.. ...##... ...##... ..##....
.######. ........ .######. ........ ...##... ........ ........ .##.....
...##... ........ ........ ........ ..##.... ........ ........ ..##....
...##... ...##... ........ ...##... .##..... ...##... ...##... ...##...
........ ...##... ........ ...##... .##..... ...##... ...##... ....##..
........ ..##.... ........ ........ ........ ........ ..##.... ........

=>?@[]
........ .##..... ..####.. ..####.. ..####.. ..####..
........ ..##.... .##..##. .##..##. ..##.... ....##..
.######. ...##... .....##. .##.###. ..##.... ....##..
........ ....##.. ....##.. .##.###. ..##.... ....##..
.######. ...##... ...##... .##..... ..##.... ....##..
........ ..##.... ........ .##...#. ..##.... ....##..
........ .##..... ...##... ..####.. ..####.. ..####..
........ ........ ........ ........ ........ ........

~~~
...###.. ...##... ........
..##..#. ..####.. ..##....
..##.... .######. .##.....
.#####.. ...##... ########
..##.... ...##... .##.....
..##.... ...##... ..##....
.######. ...##... ........
........ ........ ........
`;

/** Names of the `~` glyphs, in order: pound sign, up arrow, left arrow. */
const ATLAS_NAMES = ["\u00a3", "\u2191", "\u2190"];

/** Small pictures among the graphics characters, by upper-case-set screen code. */
const PICTURES = `
~~~~~~~~
...##... ..##.##. ........ ...##... ........ ...##... ##...... ......##
..####.. .######. ..####.. ..####.. ..####.. ..####.. .##..... .....##.
.######. .######. .######. ..####.. .##..##. .######. ..##.... ....##..
######## ..####.. .######. ##.##.## .##..##. ######## ...##... ...##...
######## ...##... .######. ######## .##..##. .######. ....##.. ..##....
...##... ........ ..####.. ##.##.## ..####.. ..####.. .....##. .##.....
..####.. ........ ........ ...##... ........ ...##... ......## ##......
........ ........ ........ ..####.. ........ ........ ........ ........

~~~~~
##....## ........ ######## ######## ........
.##..##. ........ .####### #######. .....##.
..####.. .######. ..###### ######.. ....##..
...##... ..##.##. ...##### #####... ##.##...
..####.. ..##.##. ....#### ####.... ####....
.##..##. ..##.##. .....### ###..... .##.....
##....## .##..##. ......## ##...... ........
........ ........ .......# #....... ........
`;

/** Screen codes of the PICTURES glyphs, in order. */
const PICTURE_CODES = [
  65, // spade
  83, // heart
  81, // ball
  88, // club
  87, // ring
  90, // diamond
  77, // diagonal down
  78, // diagonal up
  86, // cross of diagonals
  94, // pi
  95, // triangle, upper right
  105, // triangle, upper left
  122, // check mark (lower case set)
];

type Rows = number[];

/** Parse an atlas into glyphs (8 row bytes each, bit 7 = leftmost pixel). */
const parseAtlas = (text: string, names: readonly string[]): Map<string, Rows> => {
  const out = new Map<string, Rows>();
  let named = 0;
  for (const block of text.trim().split(/\n\s*\n/)) {
    const lines = block.split("\n");
    const chars = Array.from(lines[0].trim());
    const rows = lines.slice(1, 9).map((l) => l.trim().split(" "));
    chars.forEach((ch, i) => {
      const name = ch === "~" ? names[named++] : ch;
      out.set(
        name,
        rows.map((r) => {
          const cells = r[i].slice(0, 8).padEnd(8, ".");
          let b = 0;
          for (let x = 0; x < 8; x++) if (cells[x] === "#") b |= 0x80 >> x;
          return b;
        }),
      );
    });
  }
  return out;
};

const GLYPHS = parseAtlas(LETTERS, ATLAS_NAMES);
const PICTURE_GLYPHS = [...parseAtlas(PICTURES, PICTURE_CODES.map(String)).values()];

// Drawing rules for the line and block graphics.
const blank = (): Rows => [0, 0, 0, 0, 0, 0, 0, 0];
/** Rows y0..y1 (inclusive) fully lit. */
const hbar = (y0: number, y1 = y0): Rows => blank().map((_, y) => (y >= y0 && y <= y1 ? 255 : 0));
/** Columns x0..x1 (inclusive) lit on every row. */
const vbar = (x0: number, x1 = x0): Rows => {
  let b = 0;
  for (let x = x0; x <= x1; x++) b |= 0x80 >> x;
  return blank().map(() => b);
};
const or = (...gs: Rows[]): Rows => blank().map((_, y) => gs.reduce((a, g) => a | g[y], 0));
const and = (a: Rows, b: Rows): Rows => a.map((r, y) => r & b[y]);
/** The quarter (or more) of the cell at the given corners: tl, tr, bl, br. */
const quad = (tl: boolean, tr: boolean, bl: boolean, br: boolean): Rows =>
  blank().map((
    _,
    y,
  ) => (y < 4 ? (tl ? 0xf0 : 0) | (tr ? 0x0f : 0) : (bl ? 0xf0 : 0) | (br ? 0x0f : 0)));
const checker = (): Rows => blank().map((_, y) => (y % 2 === 0 ? 0xaa : 0x55));
const diagChecker = (): Rows =>
  blank().map((_, y) => (0x33 << (y % 4)) & 0xff | (0x33 >> (4 - y % 4)));
/** Left-right mirror image. */
const mirror = (g: Rows): Rows =>
  g.map((r) => {
    let o = 0;
    for (let x = 0; x < 8; x++) if (r & (0x80 >> x)) o |= 1 << x;
    return o;
  });
/** Upside down. */
const flip = (g: Rows): Rows => [...g].reverse();
/** A rounded corner joining the middles of two edges (drawn as ╭: right edge to bottom edge). */
const arc = (corner: "╭" | "╮" | "╰" | "╯"): Rows => {
  const base = [0, 0, 0, 0x07, 0x0f, 0x1c, 0x18, 0x18];
  if (corner === "╭") return base;
  if (corner === "╮") return mirror(base);
  if (corner === "╰") return flip(base);
  return mirror(flip(base));
};

const MID = 3; // the middle row / column pair starts here (lines are two pixels thick)
const hline = (y: number) => hbar(y, y + 1);
const vline = (x: number) => vbar(x, x + 1);
const corner = (down: boolean, right: boolean): Rows => {
  const h = and(hline(MID), right ? vbar(MID, 7) : vbar(0, MID + 1));
  const v = and(vline(MID), down ? hbar(MID, 7) : hbar(0, MID + 1));
  return or(h, v);
};

/** Upper-case-set graphics, screen codes 64-127 (pictures filled in afterwards). */
const graphics = (): Rows[] => {
  const g: Rows[] = new Array(64).fill(null).map(blank);
  const set = (code: number, rows: Rows) => (g[code - 64] = rows);
  set(64, hline(MID));
  set(66, vline(MID));
  set(67, hline(2));
  set(68, hline(1));
  set(69, hline(5));
  set(70, hline(4));
  set(71, vline(1));
  set(72, vline(5));
  set(73, arc("╮"));
  set(74, arc("╰"));
  set(75, arc("╯"));
  set(76, or(vbar(0, 1), hbar(6, 7)));
  set(79, or(vbar(0, 1), hbar(0, 1)));
  set(80, or(vbar(6, 7), hbar(0, 1)));
  set(82, hline(6));
  set(84, vline(2));
  set(85, arc("╭"));
  set(89, vline(4));
  set(91, or(hline(MID), vline(MID)));
  set(92, and(checker(), vbar(0, 3)));
  set(93, vline(MID));
  set(96, blank());
  set(97, vbar(0, 3));
  set(98, hbar(4, 7));
  set(99, hbar(0));
  set(100, hbar(7));
  set(101, vbar(0));
  set(102, checker());
  set(103, vbar(7));
  set(104, and(checker(), hbar(4, 7)));
  set(106, vbar(6, 7));
  set(107, or(vline(MID), and(hline(MID), vbar(MID, 7))));
  set(108, quad(false, false, false, true));
  set(109, corner(false, true));
  set(110, corner(true, false));
  set(111, hbar(6, 7));
  set(112, corner(true, true));
  set(113, or(hline(MID), and(vline(MID), hbar(0, MID + 1))));
  set(114, or(hline(MID), and(vline(MID), hbar(MID, 7))));
  set(115, or(vline(MID), and(hline(MID), vbar(0, MID + 1))));
  set(116, vbar(0, 1));
  set(117, vbar(0, 2));
  set(118, vbar(5, 7));
  set(119, hbar(0, 1));
  set(120, hbar(0, 2));
  set(121, hbar(5, 7));
  set(122, quad(false, true, true, true));
  set(123, quad(false, false, true, false));
  set(124, quad(false, true, false, false));
  set(125, corner(false, false));
  set(126, quad(true, false, false, false));
  set(127, quad(true, false, false, true));
  PICTURE_CODES.forEach((code, i) => {
    if (code !== 122) set(code, PICTURE_GLYPHS[i]);
  });
  return g;
};

const UPPER_GRAPHICS = graphics();

/** The glyph for a character in the atlas (throws for a name the atlas lacks: a bug). */
const glyph = (ch: string): Rows => {
  const g = GLYPHS.get(ch);
  if (g === undefined) throw new Error(`font: no glyph for ${JSON.stringify(ch)}`);
  return g;
};

/** Screen codes 0-31 besides the letters. */
const LOW_NAMES: Readonly<Record<number, string>> = {
  0: "@",
  27: "[",
  28: "\u00a3",
  29: "]",
  30: "\u2191",
  31: "\u2190",
};

/**
 * The character set as the VIC-II would read it from a character ROM: 128 glyphs × 8 row bytes
 * (bit 7 is the leftmost pixel), indexed by screen code. Codes 128-255 are the reverse of 0-127.
 */
export const charRom = (charset: Charset): Uint8Array => {
  const rom = new Uint8Array(128 * 8);
  for (let code = 0; code < 128; code++) {
    let rows: Rows;
    if (code >= 1 && code <= 26) {
      rows = glyph(String.fromCharCode((charset === "lower" ? 0x60 : 0x40) + code));
    } else if (code < 32) rows = glyph(LOW_NAMES[code]);
    else if (code === 32) rows = blank();
    else if (code < 64) rows = glyph(String.fromCharCode(code));
    else if (charset === "lower" && code >= 65 && code <= 90) {
      rows = glyph(String.fromCharCode(code));
    } else if (charset === "lower" && code === 94) rows = checker();
    else if (charset === "lower" && code === 95) rows = diagChecker();
    else if (charset === "lower" && code === 105) rows = mirror(diagChecker());
    else if (charset === "lower" && code === 122) rows = PICTURE_GLYPHS[12];
    else rows = UPPER_GRAPHICS[code - 64];
    rom.set(rows, code * 8);
  }
  return rom;
};

/** Both sets, built once. */
export const FONTS: Readonly<Record<Charset, Uint8Array>> = {
  upper: charRom("upper"),
  lower: charRom("lower"),
};
