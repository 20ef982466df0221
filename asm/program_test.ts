// The whole program in the C64 harness, as a person would use it: bad input never crashes it;
// q returns to BASIC with everything restored, and RUN works again. (The replies to every
// compat prompt and to the random souls' prompts: program_vectors_test.ts.)
import { assertEquals, assertStringIncludes } from "../lib/std/assert.ts";
import { E } from "../lib/deps.ts";
import { describeError } from "../lib/errors.ts";
import { chatTurn } from "../lib/forward/mod.ts";
import { linked, seedPair } from "../lib/link/testing.ts";
import { runTurn, startProgram } from "../lib/link/run.ts";
import { type C64, startPrg } from "../lib/c64/mod.ts";
import type { Soul } from "../lib/soul/mod.ts";
import type { Tokenizer } from "../lib/tokenize/mod.ts";

const must = <T>(r: E.Either<import("../lib/errors.ts").SoulError, T>): T => {
  if (E.isLeft(r)) throw new Error(describeError(r.left));
  return r.right;
};

const start = (key: string, soul: Soul, tok: Tokenizer): C64 =>
  must(startProgram(linked(key, soul, tok).prg));

const expected = (soul: Soul, tok: Tokenizer, prompt: string): string =>
  must(chatTurn(soul, tok, prompt)).reply;

Deno.test("program: bad input never crashes it and the next prompt is still right", () => {
  const { soul, tok } = seedPair();
  const c64 = start("seed", soul, tok);
  // empty line and RETURN spam: just another prompt, no reply
  for (const line of ["", "   ", ""]) {
    const t = must(runTurn(c64, line));
    assertEquals(t.reply, null, `no reply to ${JSON.stringify(line)}`);
    assertEquals(t.tokens, 0);
  }
  // over-long line: said so on screen, no reply, nothing silently cut
  const long = "i love you so much and i feel happy today because you are here";
  const t = must(runTurn(c64, long));
  assertEquals(t.reply, null);
  assertStringIncludes(c64.screenText(), "too long: at most 17 tokens fit.");
  // characters the model cannot read become UNK, as encode does
  for (const p of ["hello #1@", "ARE YOU OK?", "x=3*4/2"]) {
    const u = must(runTurn(c64, p));
    assertEquals(u.reply, expected(soul, tok, p), JSON.stringify(p));
  }
  // and an ordinary prompt still gives the original's answer
  assertEquals(must(runTurn(c64, "hello")).reply, "hello! you're wonderful! my you're");
});

Deno.test("program: q returns to BASIC with everything restored, and RUN works again", () => {
  const { soul, tok } = seedPair();
  const c64 = must(startPrg(linked("seed", soul, tok).prg));
  const zp = c64.ram.slice(0x02, 0x90); // as the program finds it on entry
  must(c64.runUntilIdle({ maxCycles: 50_000_000 }));
  must(runTurn(c64, "hi there"));
  const r = must(c64.runUntilIdle({ type: "q\n", maxCycles: 10_000_000 }));
  assertEquals(r.stop, "basic");
  assertEquals(c64.ram[0x01] & 7, 7, "$01 back to BASIC + KERNAL");
  assertEquals(c64.charset(), "upper");
  assertEquals(Array.from(c64.ram.slice(0x02, 0x90)), Array.from(zp), "zero page restored");
  // RUN again (as SYS from the BASIC line does)
  must(c64.sys());
  must(c64.runUntilIdle({ maxCycles: 50_000_000 }));
  assertEquals(must(runTurn(c64, "bye")).reply, "bye! you made my heartr");
});
