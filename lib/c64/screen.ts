/**
 * The screen editor: what the KERNAL does when CHROUT prints to the 40×25 text screen, and how
 * the screen reads back as text.
 *
 * Like the real editor, it keeps its state in the C64's own memory, at the KERNAL's addresses,
 * so a program that pokes the cursor or the colour (or reads them) sees what it would on the
 * machine:
 *
 * | address   | name   | meaning                                                        |
 * | --------- | ------ | -------------------------------------------------------------- |
 * | $C7       | RVS    | reverse on (nonzero)                                           |
 * | $C8       | INDX   | end of the line being read by CHRIN                            |
 * | $C9/$CA   | LXSP   | row, and column in its logical line, where line input started  |
 * | $D0       | CRSW   | nonzero while CHRIN hands out a typed line                     |
 * | $D1/$D2   | PNT    | screen address of the cursor's logical line                    |
 * | $D3       | PNTR   | cursor column within its logical line (0-79)                   |
 * | $D4       | QTSW   | quote mode (nonzero)                                           |
 * | $D5       | LNMX   | last column of the logical line (39 or 79)                     |
 * | $D6       | TBLX   | cursor row (0-24)                                              |
 * | $D8       | INSRT  | pending inserted spaces (insert mode)                          |
 * | $D9-$F2   | LDTB1  | line links: bit 7 set = the row starts a logical line          |
 * | $F3/$F4   | USER   | colour RAM address of the cursor's logical line               |
 * | $0286     | COLOR  | colour of printed characters                                   |
 * | $0288     | HIBASE | page of screen RAM ($04: $0400)                                |
 * | $0291     | MODE   | bit 7 set: shift+C= may not switch the character set           |
 *
 * Logical lines. A screen row either starts a logical line or continues the row above; a
 * logical line is one or two rows (up to 80 characters). Printing past the end of a one-row
 * line makes it two rows: the rows below move down one to make room (or, on the bottom row,
 * the screen scrolls up). Printing past the 80th character continues on the next row as a new
 * logical line. RETURN moves to the start of the row after the logical line. Scrolling moves
 * the screen up until the top row starts a logical line (so a two-row top line scrolls away
 * whole), blanking the rows that come in at the bottom.
 *
 * Control codes: RETURN ($0D, $8D: also ends reverse, quote and insert mode), cursor
 * down/up/right/left ($11/$91/$1D/$9D), home ($13), clear ($93), DEL ($14), INST ($94), reverse
 * on/off ($12/$92), the 16 colour codes, lower/upper case set ($0E/$8E, via $D018 bit 1) and
 * case-switch lock/unlock ($08/$09). Others are ignored. In quote mode (after an odd number of
 * `"`) and while inserted spaces are pending, control codes (except RETURN, and DEL in quote
 * mode) print as reverse-video symbols, as on the real machine.
 *
 * Each operation returns an estimate of the cycles the KERNAL routine takes on the real machine
 * (charged to the program by the KERNAL traps): about 190 for a printable character, about
 * 1,140 per row moved when the screen scrolls or a row is inserted, and about 1,000 per row
 * cleared.
 *
 * @module
 */
import { type Charset, glyphOf, petsciiOfScreenCode, screenCodeOf } from "./petscii.ts";

/** What the editor works on. */
export interface ScreenHost {
  /** The C64's 64 KB of RAM (KERNAL variables and screen RAM). */
  readonly ram: Uint8Array;
  /** The 1,024 nibbles of colour RAM ($D800-$DBFF). */
  readonly colour: Uint8Array;
  /** The character set the VIC-II shows. */
  charset(): Charset;
  /** Switch the character set ($D018 bit 1). */
  setCharset(charset: Charset): void;
}

/** Columns and rows of the text screen. */
export const COLUMNS = 40;
export const ROWS = 25;

/** KERNAL variable addresses the editor uses. */
export const RVS = 0xc7;
export const INDX = 0xc8;
export const LXSP = 0xc9;
export const CRSW = 0xd0;
export const PNT = 0xd1;
export const PNTR = 0xd3;
export const QTSW = 0xd4;
export const LNMX = 0xd5;
export const TBLX = 0xd6;
export const INSRT = 0xd8;
export const LDTB1 = 0xd9;
export const USER = 0xf3;
export const COLOR = 0x286;
export const GDCOL = 0x287;
export const HIBASE = 0x288;
export const MODE = 0x291;

/** Estimated cycles of the KERNAL's work. */
export const COST = {
  printable: 190,
  control: 130,
  newline: 160,
  moveRow: 1_140,
  clearRow: 1_000,
} as const;

/** The colour codes CHROUT understands, by PETSCII code. */
const COLOUR_CODES: ReadonlyMap<number, number> = new Map([
  [0x90, 0],
  [0x05, 1],
  [0x1c, 2],
  [0x9f, 3],
  [0x9c, 4],
  [0x1e, 5],
  [0x1f, 6],
  [0x9e, 7],
  [0x81, 8],
  [0x95, 9],
  [0x96, 10],
  [0x97, 11],
  [0x98, 12],
  [0x99, 13],
  [0x9a, 14],
  [0x9b, 15],
]);

const SPACE = 0x20;
/** The text colour after power-on (light blue). */
export const DEFAULT_TEXT_COLOUR = 14;

const base = (h: ScreenHost): number => h.ram[HIBASE] << 8;
const isStart = (h: ScreenHost, row: number): boolean => (h.ram[LDTB1 + row] & 0x80) !== 0;
const setLink = (h: ScreenHost, row: number, start: boolean): void => {
  h.ram[LDTB1 + row] = (start ? 0x80 : 0) | ((h.ram[HIBASE] + ((row * COLUMNS) >> 8)) & 0x7f);
};
/** The first row of the logical line that contains `row`. */
const lineStart = (h: ScreenHost, row: number): number =>
  row > 0 && !isStart(h, row) ? row - 1 : row;
/** Rows (1 or 2) of the logical line starting at `start`. */
const rowsOf = (h: ScreenHost, start: number): number =>
  start < ROWS - 1 && !isStart(h, start + 1) ? 2 : 1;

/** Point PNT, USER and LNMX at the cursor's logical line (as the KERNAL keeps them). */
const syncPointers = (h: ScreenHost): void => {
  const ls = lineStart(h, h.ram[TBLX]);
  const offset = ls * COLUMNS;
  const pnt = base(h) + offset;
  const user = 0xd800 + offset;
  h.ram[PNT] = pnt & 0xff;
  h.ram[PNT + 1] = pnt >> 8;
  h.ram[USER] = user & 0xff;
  h.ram[USER + 1] = user >> 8;
  h.ram[LNMX] = rowsOf(h, ls) * COLUMNS - 1;
};

/** The cursor's physical position. */
export const cursor = (h: ScreenHost): { row: number; col: number } => {
  const row = Math.min(h.ram[TBLX], ROWS - 1);
  const ls = lineStart(h, row);
  const pntr = Math.min(h.ram[PNTR], rowsOf(h, ls) * COLUMNS - 1);
  return { row: ls + Math.floor(pntr / COLUMNS), col: pntr % COLUMNS };
};

/** Put the cursor at a physical position (as PLOT does). */
export const setCursor = (h: ScreenHost, row: number, col: number): void => {
  h.ram[TBLX] = row;
  h.ram[PNTR] = (row - lineStart(h, row)) * COLUMNS + col;
  syncPointers(h);
};

const put = (h: ScreenHost, row: number, col: number, code: number): void => {
  const i = row * COLUMNS + col;
  h.ram[base(h) + i] = code;
  h.colour[i] = h.ram[COLOR] & 0x0f;
};

const clearRow = (h: ScreenHost, row: number): void => {
  const i = row * COLUMNS;
  h.ram.fill(SPACE, base(h) + i, base(h) + i + COLUMNS);
  h.colour.fill(h.ram[COLOR] & 0x0f, i, i + COLUMNS);
};

/** Copy row `from` (text, colour and link) onto row `to`. */
const copyRow = (h: ScreenHost, from: number, to: number): void => {
  const b = base(h);
  h.ram.copyWithin(b + to * COLUMNS, b + from * COLUMNS, b + (from + 1) * COLUMNS);
  h.colour.copyWithin(to * COLUMNS, from * COLUMNS, (from + 1) * COLUMNS);
  setLink(h, to, isStart(h, from));
};

/** Scroll up until the top row starts a logical line. Returns [rows scrolled, cycles]. */
const scrollUp = (h: ScreenHost): [number, number] => {
  let n = 0;
  do {
    for (let r = 1; r < ROWS; r++) copyRow(h, r, r - 1);
    clearRow(h, ROWS - 1);
    setLink(h, ROWS - 1, true);
    h.ram[LXSP] = (h.ram[LXSP] - 1) & 0xff; // the input start moves up too ($FF: gone)
    n++;
  } while (!isStart(h, 0) && n < ROWS);
  return [n, n * ((ROWS - 1) * COST.moveRow + COST.clearRow)];
};

/** Open a blank row at `row` (1-24), moving the rows below down one. Returns cycles. */
const insertRow = (h: ScreenHost, row: number): number => {
  for (let r = ROWS - 1; r > row; r--) copyRow(h, r - 1, r);
  clearRow(h, row);
  return (ROWS - 1 - row) * COST.moveRow + COST.clearRow;
};

/** Clear the screen and home the cursor (CHROUT $93). Returns cycles. */
export const clearScreen = (h: ScreenHost): number => {
  for (let r = 0; r < ROWS; r++) {
    clearRow(h, r);
    setLink(h, r, true);
  }
  h.ram[LDTB1 + ROWS] = 0x80 | ((h.ram[HIBASE] + ((ROWS * COLUMNS) >> 8)) & 0x7f);
  setCursor(h, 0, 0);
  return ROWS * COST.clearRow + 100;
};

/** Set up the editor as the KERNAL's CINT leaves it: colour, modes, a clear screen. */
export const initScreen = (h: ScreenHost): number => {
  h.ram[HIBASE] = 0x04;
  h.ram[COLOR] = DEFAULT_TEXT_COLOUR;
  h.ram[GDCOL] = DEFAULT_TEXT_COLOUR;
  h.ram[RVS] = 0;
  h.ram[QTSW] = 0;
  h.ram[INSRT] = 0;
  h.ram[MODE] = 0;
  return clearScreen(h);
};

/** Move to the row after the cursor's logical line (RETURN). Returns cycles. */
const newline = (h: ScreenHost): number => {
  const ls = lineStart(h, Math.min(h.ram[TBLX], ROWS - 1));
  let next = ls + rowsOf(h, ls);
  let cycles = COST.newline;
  if (next >= ROWS) {
    const [n, c] = scrollUp(h);
    next -= n;
    cycles += c;
  }
  h.ram[RVS] = 0;
  h.ram[QTSW] = 0;
  h.ram[INSRT] = 0;
  setCursor(h, next, 0);
  return cycles;
};

/** Move the cursor one place on after printing. Returns cycles. */
const advance = (h: ScreenHost): number => {
  let ls = lineStart(h, Math.min(h.ram[TBLX], ROWS - 1));
  const rows = rowsOf(h, ls);
  const pntr = h.ram[PNTR] + 1;
  if (pntr < rows * COLUMNS) {
    h.ram[PNTR] = pntr;
    h.ram[TBLX] = ls + Math.floor(pntr / COLUMNS);
    syncPointers(h);
    return 0;
  }
  let cycles = 0;
  if (rows === 1) {
    // The line grows to two rows: make room below (or scroll when on the bottom row).
    if (ls === ROWS - 1) {
      const [n, c] = scrollUp(h);
      ls -= n;
      cycles += c;
    } else {
      cycles += insertRow(h, ls + 1);
    }
    setLink(h, ls + 1, false);
    h.ram[TBLX] = ls + 1;
    h.ram[PNTR] = COLUMNS;
    syncPointers(h);
    return cycles;
  }
  // Past the 80th character: continue on the next row as a new logical line.
  let next = ls + 2;
  if (next >= ROWS) {
    const [n, c] = scrollUp(h);
    next -= n;
    cycles += c;
  }
  setCursor(h, next, 0);
  return cycles;
};

/** Print a screen code at the cursor and advance. Returns cycles. */
const printCode = (h: ScreenHost, code: number): number => {
  const { row, col } = cursor(h);
  put(h, row, col, code);
  return COST.printable + advance(h);
};

const moveDown = (h: ScreenHost): number => {
  const { row, col } = cursor(h);
  if (row < ROWS - 1) {
    setCursor(h, row + 1, col);
    return 0;
  }
  const [n, c] = scrollUp(h);
  setCursor(h, ROWS - n, col);
  return c;
};

const moveRight = (h: ScreenHost): number => {
  const { row, col } = cursor(h);
  if (col < COLUMNS - 1) {
    setCursor(h, row, col + 1);
    return 0;
  }
  if (row < ROWS - 1) {
    setCursor(h, row + 1, 0);
    return 0;
  }
  const [n, c] = scrollUp(h);
  setCursor(h, ROWS - n, 0);
  return c;
};

/** DEL: remove the character left of the cursor, closing the gap in the logical line. */
const deleteLeft = (h: ScreenHost): number => {
  const { row, col } = cursor(h);
  const pntr = h.ram[PNTR];
  if (pntr === 0) {
    if (row === 0) return 0;
    setCursor(h, row - 1, COLUMNS - 1);
    put(h, row - 1, COLUMNS - 1, SPACE);
    return 0;
  }
  const ls = lineStart(h, row);
  const first = base(h) + ls * COLUMNS;
  const end = rowsOf(h, ls) * COLUMNS;
  h.ram.copyWithin(first + pntr - 1, first + pntr, first + end);
  h.colour.copyWithin(ls * COLUMNS + pntr - 1, ls * COLUMNS + pntr, ls * COLUMNS + end);
  h.ram[first + end - 1] = SPACE;
  if (col === 0) setCursor(h, row - 1, COLUMNS - 1);
  else setCursor(h, row, col - 1);
  return (end - pntr) * 20;
};

/** INST: open a space at the cursor, moving the rest of the logical line right. */
const insertSpace = (h: ScreenHost): number => {
  const { row, col } = cursor(h);
  let ls = lineStart(h, row);
  let rows = rowsOf(h, ls);
  let cycles = 0;
  let cur = { row, col };
  if (h.ram[base(h) + ls * COLUMNS + rows * COLUMNS - 1] !== SPACE) {
    if (rows === 2) return 0;
    // A full one-row line grows to two rows first.
    if (ls === ROWS - 1) {
      const [n, c] = scrollUp(h);
      ls -= n;
      cur = { row: cur.row - n, col };
      cycles += c;
    } else {
      cycles += insertRow(h, ls + 1);
    }
    setLink(h, ls + 1, false);
    rows = 2;
  }
  const pntr = (cur.row - ls) * COLUMNS + cur.col;
  const first = base(h) + ls * COLUMNS;
  const end = rows * COLUMNS;
  h.ram.copyWithin(first + pntr + 1, first + pntr, first + end - 1);
  h.colour.copyWithin(ls * COLUMNS + pntr + 1, ls * COLUMNS + pntr, ls * COLUMNS + end - 1);
  h.ram[first + pntr] = SPACE;
  if (h.ram[INSRT] < 255) h.ram[INSRT]++;
  setCursor(h, cur.row, cur.col);
  return cycles + (end - pntr) * 20;
};

/** Carry out a control code. Returns cycles. */
const control = (h: ScreenHost, c: number): number => {
  const colour = COLOUR_CODES.get(c);
  if (colour !== undefined) {
    h.ram[COLOR] = colour;
    return COST.control;
  }
  const { row, col } = cursor(h);
  switch (c) {
    case 0x0d:
    case 0x8d:
      return newline(h);
    case 0x11:
      return COST.control + moveDown(h);
    case 0x91:
      if (row > 0) setCursor(h, row - 1, col);
      return COST.control;
    case 0x1d:
      return COST.control + moveRight(h);
    case 0x9d:
      if (col > 0) setCursor(h, row, col - 1);
      else if (row > 0) setCursor(h, row - 1, COLUMNS - 1);
      return COST.control;
    case 0x13:
      setCursor(h, 0, 0);
      return COST.control;
    case 0x93:
      return COST.control + clearScreen(h);
    case 0x14:
      return COST.control + deleteLeft(h);
    case 0x94:
      return COST.control + insertSpace(h);
    case 0x12:
      h.ram[RVS] = 1;
      return COST.control;
    case 0x92:
      h.ram[RVS] = 0;
      return COST.control;
    case 0x0e:
      h.setCharset("lower");
      return COST.control;
    case 0x8e:
      h.setCharset("upper");
      return COST.control;
    case 0x08:
      h.ram[MODE] |= 0x80;
      return COST.control;
    case 0x09:
      h.ram[MODE] &= 0x7f;
      return COST.control;
    default:
      return COST.control;
  }
};

/**
 * Print one PETSCII code the way CHROUT does on the screen (see the module comment). Returns
 * the estimated cycles.
 */
export const printPetscii = (h: ScreenHost, petscii: number): number => {
  const c = petscii & 0xff;
  const code = screenCodeOf(c);
  if (code >= 0) {
    if (c === 0x22) h.ram[QTSW] ^= 1;
    if (h.ram[INSRT] > 0) h.ram[INSRT]--;
    return printCode(h, h.ram[RVS] !== 0 ? code | 0x80 : code);
  }
  const literal = c !== 0x0d && c !== 0x8d &&
    (h.ram[INSRT] > 0 || (h.ram[QTSW] !== 0 && c !== 0x14));
  if (literal) {
    // Quote or insert mode: the control code shows as a reverse-video symbol.
    if (h.ram[INSRT] > 0) h.ram[INSRT]--;
    return printCode(h, c < 0x80 ? c | 0x80 : 0xc0 | (c & 0x1f));
  }
  return control(h, c);
};

/** Print a sequence of PETSCII codes. Returns the estimated cycles. */
export const printAll = (h: ScreenHost, petscii: Iterable<number>): number => {
  let cycles = 0;
  for (const c of petscii) cycles += printPetscii(h, c);
  return cycles;
};

/** Remember where line input starts: LXSP = cursor row, LXSP + 1 = column in its logical line. */
export const markInputStart = (h: ScreenHost): void => {
  const { row, col } = cursor(h);
  h.ram[LXSP] = row;
  h.ram[LXSP + 1] = (row - lineStart(h, row)) * COLUMNS + col;
};

/**
 * RETURN was typed during line input: get ready to hand the cursor's logical line to CHRIN, as
 * the KERNAL does. INDX becomes the position after its last non-space character (at least 1),
 * and reading starts where input started when that was on this line (else at its first
 * column). Returns false, with CRSW cleared, when there is nothing to read (CHRIN then returns
 * RETURN at once).
 */
export const startInputRead = (h: ScreenHost): boolean => {
  const ls = lineStart(h, cursor(h).row);
  const rows = rowsOf(h, ls);
  setCursor(h, ls, 0);
  const first = base(h) + ls * COLUMNS;
  let y = rows * COLUMNS - 1;
  while (y > 0 && h.ram[first + y] === SPACE) y--;
  h.ram[INDX] = y + 1;
  h.ram[CRSW] = h.ram[LNMX];
  h.ram[QTSW] = 0;
  const startRow = h.ram[LXSP];
  if (startRow < ROWS && lineStart(h, startRow) === ls) {
    h.ram[PNTR] = h.ram[LXSP + 1];
    if (h.ram[PNTR] >= h.ram[INDX]) {
      h.ram[CRSW] = 0;
      return false;
    }
  }
  return true;
};

/**
 * The next character of the line being read (CRSW set): the screen code at PNTR in the
 * logical line at PNT, read back as PETSCII, or RETURN (clearing CRSW) at INDX. PNTR moves on
 * by one either way, so the cursor ends one place after the text.
 */
export const readInputChar = (h: ScreenHost): number => {
  const pos = h.ram[PNTR];
  const ls = lineStart(h, Math.min(h.ram[TBLX], ROWS - 1));
  h.ram[PNTR] = pos + 1;
  if (pos + 1 < rowsOf(h, ls) * COLUMNS) h.ram[TBLX] = ls + Math.floor((pos + 1) / COLUMNS);
  if (pos >= h.ram[INDX] || pos > h.ram[LNMX]) {
    h.ram[CRSW] = 0;
    return 0x0d;
  }
  const c = petsciiOfScreenCode(h.ram[((h.ram[PNT + 1] << 8) | h.ram[PNT]) + pos]);
  return c === 0xde ? 0xff : c;
};

/**
 * The text screen as 25 strings of 40 characters, read from screen RAM at `screenAddress` in a
 * character set (reverse video ignored).
 */
export const screenRows = (
  ram: Uint8Array,
  screenAddress: number,
  charset: Charset,
): string[] => {
  const rows: string[] = [];
  for (let r = 0; r < ROWS; r++) {
    let line = "";
    for (let c = 0; c < COLUMNS; c++) {
      line += glyphOf(ram[(screenAddress + r * COLUMNS + c) & 0xffff], charset);
    }
    rows.push(line);
  }
  return rows;
};

/**
 * The screen as text: rows with trailing spaces removed, trailing empty rows dropped, joined
 * with "\n".
 */
export const screenText = (rows: readonly string[]): string => {
  const trimmed = rows.map((r) => r.replace(/[ \u00a0]+$/, ""));
  let n = trimmed.length;
  while (n > 0 && trimmed[n - 1] === "") n--;
  return trimmed.slice(0, n).join("\n");
};
