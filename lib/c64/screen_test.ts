import { assert, assertEquals, assertRight } from "../std/assert.ts";
import { type Charset, textToKeys } from "./petscii.ts";
import {
  COLOR,
  CRSW,
  cursor,
  initScreen,
  LDTB1,
  markInputStart,
  printAll,
  printPetscii,
  QTSW,
  readInputChar,
  RVS,
  type ScreenHost,
  screenRows,
  screenText,
  setCursor,
  startInputRead,
} from "./screen.ts";

interface TestScreen extends ScreenHost {
  /** Print text typed in the current character set (newlines are RETURN). */
  print(text: string): number;
  rows(): string[];
  text(): string;
}

const screen = (): TestScreen => {
  const ram = new Uint8Array(0x10000);
  const colour = new Uint8Array(0x400);
  let cs: Charset = "upper";
  const h: TestScreen = {
    ram,
    colour,
    charset: () => cs,
    setCharset: (c) => {
      cs = c;
    },
    print: (text) => printAll(h, assertRight(textToKeys(text, cs))),
    rows: () => screenRows(ram, 0x400, cs),
    text: () => screenText(h.rows()),
  };
  initScreen(h);
  return h;
};

const CLEAR = 0x93;
const HOME = 0x13;
const DOWN = 0x11;
const UP = 0x91;
const RIGHT = 0x1d;
const LEFT = 0x9d;
const RVS_ON = 0x12;
const DEL = 0x14;

Deno.test("printing text and RETURN", () => {
  const s = screen();
  s.print("HELLO\nWORLD");
  assertEquals(s.text(), "HELLO\nWORLD");
  assertEquals(cursor(s), { row: 1, col: 5 });
  assertEquals(s.ram[0x400], 8, "screen code of H");
  assertEquals(s.colour[0], 14, "light blue text");
});

Deno.test("a line longer than 40 characters wraps into a two-row logical line", () => {
  const s = screen();
  s.print("A".repeat(45));
  assertEquals(s.rows()[0], "A".repeat(40));
  assertEquals(s.rows()[1].trimEnd(), "AAAAA");
  assertEquals(cursor(s), { row: 1, col: 5 });
  assert((s.ram[LDTB1 + 1] & 0x80) === 0, "row 1 continues row 0");
  // RETURN leaves the whole logical line.
  s.print("\nB");
  assertEquals(s.rows()[2].trimEnd(), "B");
  // Past 80 characters the text goes on as a new logical line.
  printAll(s, [CLEAR]);
  s.print("C".repeat(85));
  assertEquals(s.text(), `${"C".repeat(40)}\n${"C".repeat(40)}\nCCCCC`);
  assert((s.ram[LDTB1 + 2] & 0x80) !== 0, "row 2 starts a new logical line");
});

Deno.test("wrapping in the middle of the screen pushes the rows below down", () => {
  const s = screen();
  s.print("\nONE\nTWO");
  printAll(s, [HOME]);
  s.print("X".repeat(41));
  // "ONE" was on row 1: it moved down to make room for the second row of X.
  assertEquals(s.text(), `${"X".repeat(40)}\nX\nONE\nTWO`);
});

Deno.test("the screen scrolls at the bottom, a two-row top line as a whole", () => {
  const s = screen();
  for (let i = 0; i < 25; i++) s.print(`LINE ${i}\n`);
  const rows = s.rows().map((r) => r.trimEnd());
  assertEquals(rows[0], "LINE 1");
  assertEquals(rows[23], "LINE 24");
  assertEquals(rows[24], "");
  assertEquals(cursor(s), { row: 24, col: 0 });

  const t = screen();
  t.print("L".repeat(50) + "\n");
  for (let i = 0; i < 22; i++) t.print(`ROW ${i}\n`);
  assertEquals(cursor(t), { row: 24, col: 0 });
  t.print("LAST\n");
  // The two-row line at the top scrolled away in one go: two rows up.
  assertEquals(t.rows()[0].trimEnd(), "ROW 0");
  assertEquals(t.rows()[22].trimEnd(), "LAST");
  assertEquals(cursor(t), { row: 23, col: 0 });
});

Deno.test("clear, home and the cursor keys", () => {
  const s = screen();
  s.print("ABC\nDEF");
  printAll(s, [HOME]);
  assertEquals(cursor(s), { row: 0, col: 0 });
  printAll(s, [DOWN, RIGHT, RIGHT]);
  s.print("X");
  assertEquals(s.text(), "ABC\nDEX");
  printAll(s, [UP, LEFT]);
  s.print("Y");
  assertEquals(s.text(), "ABY\nDEX");
  printAll(s, [CLEAR]);
  assertEquals(s.text(), "");
  assertEquals(cursor(s), { row: 0, col: 0 });
  // Cursor left at the start of a row goes to the end of the row above.
  s.print("\n");
  printAll(s, [LEFT]);
  assertEquals(cursor(s), { row: 0, col: 39 });
});

Deno.test("reverse video, RETURN ends it; colour codes set the colour RAM", () => {
  const s = screen();
  printAll(s, [RVS_ON, 0x41, 0x0d, 0x42]);
  assertEquals(s.ram[0x400], 0x81);
  assertEquals(s.ram[0x400 + 40], 0x02);
  assertEquals(s.ram[RVS], 0);
  printAll(s, [0x1c, 0x43, 0x05, 0x44]);
  assertEquals(s.colour[41], 2, "red");
  assertEquals(s.colour[42], 1, "white");
  assertEquals(s.ram[COLOR], 1);
});

Deno.test("case switch: $0E selects the lower case set, $8E the upper", () => {
  const s = screen();
  printAll(s, [0x48, 0x49, 0xd3]);
  assertEquals(s.text(), "HI\u2665");
  printAll(s, [0x0e]);
  assertEquals(s.charset(), "lower");
  assertEquals(s.text(), "hiS");
  printAll(s, [0x8e]);
  assertEquals(s.text(), "HI\u2665");
});

Deno.test("quote mode shows control codes as reverse symbols", () => {
  const s = screen();
  printAll(s, [0x22, CLEAR, 0x22, CLEAR]);
  // The first clear is inside quotes: a reverse heart; the second clears.
  assertEquals(s.text(), "");
  printAll(s, [0x22, CLEAR, 0x22]);
  assertEquals(s.ram[0x401], 0xd3);
  assertEquals(s.ram[QTSW], 0);
  printAll(s, [0x22, 0x0d]);
  assertEquals(s.ram[QTSW], 0, "RETURN ends quote mode");
});

Deno.test("DEL closes the gap; INST opens one", () => {
  const s = screen();
  s.print("ABCD");
  printAll(s, [LEFT, LEFT, DEL]);
  assertEquals(s.text(), "ACD");
  assertEquals(cursor(s), { row: 0, col: 1 });
  printAll(s, [0x94]);
  s.print("Z");
  assertEquals(s.text(), "AZCD");
});

Deno.test("line input reads the typed text back from the screen", () => {
  const s = screen();
  printAll(s, [0x0e]);
  s.print("> ");
  markInputStart(s);
  s.print("Hello   ");
  assert(startInputRead(s));
  const got: number[] = [];
  for (let n = 0; n < 20 && s.ram[CRSW] !== 0; n++) got.push(readInputChar(s));
  assertEquals(got, [0xc8, 0x45, 0x4c, 0x4c, 0x4f, 0x0d], "trailing spaces dropped");
  assertEquals(cursor(s), { row: 0, col: 8 }, "one place after the text");

  // Nothing typed after the prompt: CHRIN gets RETURN at once.
  const t = screen();
  t.print("> ");
  markInputStart(t);
  assertEquals(startInputRead(t), false);
  assertEquals(t.ram[CRSW], 0);
});

Deno.test("PLOT-style cursor placement and the estimated cost of printing", () => {
  const s = screen();
  setCursor(s, 10, 20);
  s.print("X");
  assertEquals(s.rows()[10][20], "X");
  const plain = printPetscii(s, 0x41);
  assert(plain > 100 && plain < 400, `printable ${plain}`);
  setCursor(s, 24, 0);
  const scroll = printPetscii(s, 0x0d);
  assert(scroll > 20_000, `a scroll costs about a frame and a half: ${scroll}`);
});

Deno.test("screenText trims trailing spaces and empty rows", () => {
  assertEquals(screenText(["A  ", "", "B", " ", ""]), "A\n\nB");
  assertEquals(screenText(["", ""]), "");
});
