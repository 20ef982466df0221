import { assemble, toPrg } from "../assemble/mod.ts";
import { assert, assertEquals, assertRight } from "../std/assert.ts";
import { bytesOf, repoPath } from "../testing/paths.ts";
import { createC64 } from "./machine.ts";

/** asm/echo.s assembled by lib/assemble, loaded and RUN on a fresh PAL C64. */
const echoMachine = () => {
  const source = bytesOf(repoPath("asm/echo.s"));
  const program = assertRight(assemble("asm/echo.s", new Map([["asm/echo.s", source]])));
  assertEquals(program.loadAddress, 0x0801);
  assertEquals(program.symbols.get("START"), 2061, "the BASIC stub's SYS address");
  const c64 = createC64();
  assertRight(c64.load(toPrg(program)));
  assertEquals(assertRight(c64.sys()), 2061);
  return c64;
};

Deno.test("echo demo: prompt, read a line, print it back, in the lower case set", () => {
  const c64 = echoMachine();
  const start = assertRight(c64.runUntilIdle({ maxCycles: 1e6 }));
  assertEquals([start.stop, start.detail], ["waiting", "CHRIN"]);
  assertEquals(c64.charset(), "lower");
  assertEquals(c64.screenText(), ">");
  assertEquals(c64.cursor(), { row: 0, col: 2 });

  const line = assertRight(c64.runUntilIdle({ type: "hello world\n", maxCycles: 1e6 }));
  assertEquals([line.stop, line.detail], ["waiting", "CHRIN"]);
  assertEquals(c64.screenText(), "> hello world\nhello world\n>");
  assertEquals(c64.cursor(), { row: 2, col: 2 });
  // What the screen RAM holds: "hello" as screen codes 8, 5, 12, 12, 15 in row 1.
  assertEquals(Array.from(c64.ram.slice(0x400 + 40, 0x400 + 45)), [8, 5, 12, 12, 15]);
  // 15 characters through CHROUT at ~200 cycles each, and 12 through CHRIN at ~80.
  assert(line.cycles > 3_000 && line.cycles < 8_000, `${line.cycles} cycles`);
});

Deno.test("echo demo: capitals, a long line, and q back to BASIC", () => {
  const c64 = echoMachine();
  const long = "The quick brown fox jumps over the lazy dog, 1234567890 times!";
  const r = assertRight(c64.runUntilIdle({ type: `${long}\nq\n`, maxCycles: 2e6 }));
  assertEquals(r.stop, "basic");
  assertEquals(
    c64.screenText(),
    [
      `> ${long.slice(0, 38)}`,
      long.slice(38),
      long.slice(0, 40).trimEnd(),
      long.slice(40),
      "> q",
      "ready.",
    ].join("\n"),
  );
  assert(r.time.seconds > 0 && r.time.seconds < 0.1, `${r.time.seconds} s`);
});

Deno.test("echo demo: an empty line ends it at once", () => {
  const c64 = echoMachine();
  const r = assertRight(c64.runUntilIdle({ type: "\n", maxCycles: 1e6 }));
  assertEquals(r.stop, "basic");
  assertEquals(c64.screenText(), ">\nready.");
});
