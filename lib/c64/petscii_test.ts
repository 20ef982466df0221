import { assertEquals, assertLeft, assertRight } from "../std/assert.ts";
import {
  checkTypeable,
  glyphOf,
  keyOf,
  petsciiOfScreenCode,
  petsciiToText,
  screenCodeOf,
  textToKeys,
} from "./petscii.ts";

Deno.test("CHROUT's PETSCII → screen code conversion, range by range", () => {
  const cases: [number, number][] = [
    [0x20, 32],
    [0x30, 48],
    [0x3f, 63],
    [0x40, 0],
    [0x41, 1],
    [0x5a, 26],
    [0x5f, 31],
    [0x60, 64],
    [0x61, 65],
    [0x7f, 95],
    [0xa0, 96],
    [0xbf, 127],
    [0xc0, 64],
    [0xc1, 65],
    [0xdf, 95],
    [0xe0, 96],
    [0xfe, 126],
    [0xff, 94],
  ];
  for (const [petscii, code] of cases) assertEquals(screenCodeOf(petscii), code, `$${petscii}`);
  for (const control of [0x00, 0x0d, 0x1f, 0x80, 0x93, 0x9f]) {
    assertEquals(screenCodeOf(control), -1);
  }
});

Deno.test("screen codes read back as the editor's PETSCII, and round-trip through CHROUT", () => {
  assertEquals(petsciiOfScreenCode(1), 0x41);
  assertEquals(petsciiOfScreenCode(32), 0x20);
  assertEquals(petsciiOfScreenCode(65), 0xc1);
  assertEquals(petsciiOfScreenCode(96), 0xa0);
  assertEquals(petsciiOfScreenCode(0x81), 0x41, "reverse video is ignored");
  for (let code = 0; code < 128; code++) {
    assertEquals(screenCodeOf(petsciiOfScreenCode(code)), code);
  }
});

Deno.test("glyphs depend on the character set", () => {
  assertEquals(glyphOf(1, "upper"), "A");
  assertEquals(glyphOf(1, "lower"), "a");
  assertEquals(glyphOf(65, "lower"), "A");
  assertEquals(glyphOf(65, "upper"), "\u2660");
  assertEquals(glyphOf(0, "upper"), "@");
  assertEquals(glyphOf(28, "lower"), "\u00a3");
  assertEquals(glyphOf(0x80 | 26, "lower"), "z");
  assertEquals(glyphOf(94, "upper"), "\u03c0");
  for (let code = 0; code < 256; code++) {
    assertEquals(glyphOf(code, "upper").length, 1);
    assertEquals(glyphOf(code, "lower").length, 1);
  }
});

Deno.test("typed letters become the keys a person presses for them", () => {
  // Lower case set: unshifted keys give lower case, shifted keys capitals.
  assertEquals(keyOf("h", "lower"), 0x48);
  assertEquals(keyOf("H", "lower"), 0xc8);
  // Upper case set: the unshifted key shows the capital; there is no lower case to type.
  assertEquals(keyOf("h", "upper"), 0x48);
  assertEquals(keyOf("H", "upper"), 0x48);
  assertEquals(keyOf("\n", "upper"), 0x0d);
  assertEquals(keyOf("\u00a3", "lower"), 0x5c);
  assertEquals(keyOf("@", "lower"), 0x40);
  assertEquals(Array.from(assertRight(textToKeys("Hi 2!\n", "lower"))), [
    0xc8,
    0x49,
    0x20,
    0x32,
    0x21,
    0x0d,
  ]);
  // What is typed reads back the same from the screen.
  for (const ch of "abcxyzABCXYZ0189 !?@[]") {
    const code = screenCodeOf(keyOf(ch, "lower"));
    assertEquals(glyphOf(code, "lower"), ch);
  }
});

Deno.test("characters without a key are refused with their position", () => {
  assertLeft(checkTypeable("ok\\no"), "character 3", '"\\\\"', "no C64 key");
  assertLeft(textToKeys("caf\u00e9", "lower"), "character 4");
  assertLeft(checkTypeable("a_b"), "character 2");
  assertRight(checkTypeable("plain text, 42 (ok)?\n"));
});

Deno.test("petsciiToText shows printables, RETURN as newline, other controls as {$xx}", () => {
  assertEquals(petsciiToText([0x48, 0x49, 0x0d, 0x93, 0xc1], "lower"), "hi\n{$93}A");
  assertEquals(petsciiToText([0x48, 0x49, 0xc1], "upper"), "HI\u2660");
});
