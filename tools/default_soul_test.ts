/**
 * The shipped default soul: it loads, has the default shape and lets END end replies, the
 * committed floppy equals a fresh build, and the C64 program gives the reference's replies.
 */
import { buildFloppy, chatTurn, parseTokenizer, readSoul, startSession } from "../mod.ts";
import { assertEquals, assertRight } from "../lib/std/assert.ts";
import { bytesOf, repoPath, textOf } from "../lib/testing/paths.ts";
import { DEFAULT_SHAPE } from "../lib/soul/types.ts";

const soul = () => assertRight(readSoul(bytesOf(repoPath("corpora/default.soul")), "default.soul"));
const tok = () => assertRight(parseTokenizer(textOf(repoPath("corpora/default-tokenizer.json"))));

Deno.test("the default soul: default shape, soul64 format, END may end a reply", () => {
  const s = soul();
  assertEquals(s.shape, DEFAULT_SHAPE);
  assertEquals(s.argmax, "end");
  assertEquals(s.name, "soul64");
  assertEquals(tok().vocab.length, 128);
});

Deno.test("the committed floppy corpora/soul64.d64 equals a fresh build", () => {
  const floppy = assertRight(buildFloppy(soul(), tok()));
  assertEquals(bytesOf(repoPath("corpora/soul64.d64")), floppy.d64);
});

Deno.test("the default soul on the C64 program answers as the reference does", () => {
  const s = soul(), t = tok();
  const session = assertRight(startSession(s, t));
  for (const prompt of ["hello", "how are you?", "tell me a joke", "i feel sad", "bye"]) {
    const ref = assertRight(chatTurn(s, t, prompt));
    const c64 = assertRight(session.turn(prompt));
    assertEquals(
      { ids: c64.replyIds, reply: c64.reply, stop: c64.stop },
      { ids: ref.replyIds, reply: ref.reply, stop: ref.stop },
      prompt,
    );
  }
});
