// The whole program, end to end, against its golden vectors (vectors/program-*.json): each
// typed line gives the recorded reply, token count and exact cycle count. The recorded replies
// are themselves checked against the judges: the original's decoded replies for the compat
// seed soul (../shared), and the TS reference's chatTurn for the seeded random souls (v3 and
// this project's format, both argmax rules).
import { assertEquals } from "../lib/std/assert.ts";
import { E } from "../lib/deps.ts";
import { describeError, type SoulError } from "../lib/errors.ts";
import { chatTurn } from "../lib/forward/mod.ts";
import { linked, seedPair, vectorPair } from "../lib/link/testing.ts";
import { parseProgramVectors, programVectorCases } from "../lib/link/program_vectors.ts";
import { repoPath, sharedPath, textOf } from "../lib/testing/paths.ts";

const must = <T>(r: E.Either<SoulError, T>): T => {
  if (E.isLeft(r)) throw new Error(describeError(r.left));
  return r.right;
};

const replay = (file: string, pairOf: (soul: string) => ReturnType<typeof seedPair>) => {
  const vf = must(parseProgramVectors(textOf(repoPath(`vectors/${file}`)), file));
  const souls = [...new Set(vf.cases.map((c) => c.soul))];
  for (const soul of souls) {
    const cases = vf.cases.filter((c) => c.soul === soul);
    const pair = pairOf(soul);
    const got = must(
      programVectorCases(linked(soul, pair.soul, pair.tok), {
        soul,
        tokenizer: cases[0].tokenizer,
      }, cases.map((c) => c.prompt)),
    );
    assertEquals(
      got,
      cases,
      `${file}: ${soul} (run deno run -A tools/program-vectors.ts if the engine changed on purpose)`,
    );
  }
  return vf;
};

Deno.test("program vectors: the seed soul answers every compat prompt as the original did", () => {
  const vf = replay("program-seed.json", () => seedPair());
  const compat = JSON.parse(textOf(sharedPath("compat/seed-soul-vectors.json"))) as {
    records: { prompt: string; decoded: string; generated_ids: number[] }[];
  };
  assertEquals(vf.cases.map((c) => c.prompt), compat.records.map((r) => r.prompt));
  assertEquals(vf.cases.map((c) => c.reply), compat.records.map((r) => r.decoded));
  assertEquals(vf.cases.map((c) => c.tokens), compat.records.map((r) => r.generated_ids.length));
});

Deno.test("program vectors: the seeded random souls answer as chatTurn does", () => {
  const vf = replay("program-souls.json", (soul) => vectorPair(soul));
  for (const c of vf.cases) {
    const { soul, tok } = vectorPair(c.soul);
    const ref = chatTurn(soul, tok, c.prompt);
    // lines the reference refuses (blank, too long) get no reply on the C64 either
    assertEquals(
      c.reply,
      E.isRight(ref) ? ref.right.reply : null,
      `${c.soul}: ${JSON.stringify(c.prompt)}`,
    );
  }
});
