/**
 * tools/chat.ts as a user runs it: the --json contract, one-prompt mode, and clear one-line
 * errors with a non-zero exit for bad paths and files.
 */
import { assert, assertEquals, assertMatch, assertStringIncludes } from "../lib/std/assert.ts";
import { repoPath, sharedPath } from "../lib/testing/paths.ts";
import { loadVectors } from "../lib/testing/vectors.ts";

const run = async (args: string[], stdin = "") => {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", repoPath("tools/chat.ts"), ...args],
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const w = child.stdin.getWriter();
  await w.write(new TextEncoder().encode(stdin));
  await w.close();
  const { code, stdout, stderr } = await child.output();
  return { code, out: new TextDecoder().decode(stdout), err: new TextDecoder().decode(stderr) };
};

const SOUL = ["--soul", repoPath("vectors/souls/random-2.soul")];
const TOK = ["--tokenizer", repoPath("vectors/souls/random-tokenizer.json")];

Deno.test("chat --json --engine ref: one object per line, with the contract's fields", async () => {
  const cases = loadVectors("turn.json").cases.filter((c) => c.soul === "souls/random-2.soul");
  const { code, out } = await run(
    [...SOUL, ...TOK, "--json", "--engine", "ref"],
    cases.map((c) => c.prompt).join("\n") + "\n",
  );
  assertEquals(code, 0);
  const lines = out.trim().split("\n").map((l) => JSON.parse(l));
  assertEquals(lines.length, cases.length);
  lines.forEach((got, i) => {
    const c = cases[i];
    assertEquals(got, {
      prompt: c.prompt,
      promptIds: c.promptIds,
      reply: c.reply,
      replyIds: c.replyIds,
      stop: c.stop,
      engine: "ref",
    });
  });
});

Deno.test("chat --json on the 6502 engine (the default): same replies, plus C64 timings", async () => {
  const cases = loadVectors("turn.json").cases.filter((c) => c.soul === "souls/random-2.soul");
  const { code, out, err } = await run(
    [...SOUL, ...TOK, "--json"],
    cases.map((c) => c.prompt).join("\n") + "\n",
  );
  assertEquals(code, 0, err);
  const lines = out.trim().split("\n").map((l) => JSON.parse(l));
  assertEquals(lines.length, cases.length);
  lines.forEach((got, i) => {
    const c = cases[i];
    assertEquals(
      [got.prompt, got.promptIds, got.reply, got.replyIds, got.stop, got.engine],
      [c.prompt, c.promptIds, c.reply, c.replyIds, c.stop, "6502"],
    );
    assert(Number.isInteger(got.cycles) && got.cycles > 0, "cycles");
    if (c.replyIds.length > 0) {
      assert(got.cyclesPerToken > 100_000, `cyclesPerToken ${got.cyclesPerToken}`);
      // PAL seconds are CPU cycles plus badline steals over 985,248 Hz: a little more than cycles alone.
      const cpuOnly = got.cyclesPerToken / 985_248;
      assert(got.palSecondsPerToken > cpuOnly && got.palSecondsPerToken < cpuOnly * 1.1);
    }
  });
});

Deno.test("chat --prompt prints the reply of the original's soul", async () => {
  const compat = JSON.parse(await Deno.readTextFile(sharedPath("compat/seed-soul-vectors.json")));
  const r = compat.records[0];
  const { code, out } = await run([
    "--soul",
    sharedPath("compat/seed-soul.bin"),
    "--tokenizer",
    sharedPath("compat/seed-tokenizer.json"),
    "--prompt",
    r.prompt,
  ]);
  assertEquals(code, 0);
  assertEquals(out.trim(), r.decoded);
});

Deno.test("chat: bad input gives one clear line on stderr and a non-zero exit", async () => {
  const missing = await run(["--soul", "/no/such.soul", ...TOK, "--prompt", "hi"]);
  assert(missing.code !== 0);
  assertEquals(missing.err.trim().split("\n").length, 1);
  assertStringIncludes(missing.err, "/no/such.soul: no such file");

  const notSoul = await run([
    "--soul",
    repoPath("vectors/souls/random-tokenizer.json"),
    ...TOK,
    "--prompt",
    "hi",
  ]);
  assert(notSoul.code !== 0);
  assertMatch(notSoul.err, /random-tokenizer\.json: byte offset 0: not a soul file/);

  const badTok = await run([
    ...SOUL,
    "--tokenizer",
    repoPath("vectors/isqrt.json"),
    "--prompt",
    "hi",
  ]);
  assert(badTok.code !== 0);
  assertStringIncludes(badTok.err, "isqrt.json: vocab");

  const unknown = await run(["--bogus"]);
  assert(unknown.code !== 0);
  assertStringIncludes(unknown.err, "chat:");

  const empty = await run([...SOUL, ...TOK, "--json"], "\n");
  assert(empty.code !== 0);
  assertEquals(JSON.parse(empty.out.trim()).error, "prompt: empty input: type something to say");
});
