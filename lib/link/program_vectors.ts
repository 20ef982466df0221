/**
 * Golden vectors of the whole C64 program (`vectors/program-*.json`): for a soul and its
 * tokenizer, each typed line, the reply read back from the emulated screen, the tokens printed
 * and the CPU cycles of the turn (the program is deterministic, so cycles are exact: a change
 * of speed shows up as a diff). `tools/program-vectors.ts` writes them; a test replays them.
 *
 * @module
 */
import { E, t } from "../deps.ts";
import { soulError } from "../errors.ts";
import type { Result } from "../pipeline.ts";
import { Header } from "../vectors/schema.ts";
import { programCases } from "./bench.ts";
import type { Linked } from "./mod.ts";

/** One case: which soul, the line, and what the program did. */
export const ProgramCaseCodec = t.type({
  soul: t.string,
  tokenizer: t.string,
  prompt: t.string,
  reply: t.union([t.string, t.null]),
  tokens: t.Int,
  cycles: t.Int,
  cyclesToFirstToken: t.union([t.Int, t.null]),
});

/** One case (plain numbers). */
export interface ProgramVectorCase {
  readonly soul: string;
  readonly tokenizer: string;
  readonly prompt: string;
  readonly reply: string | null;
  readonly tokens: number;
  readonly cycles: number;
  readonly cyclesToFirstToken: number | null;
}

/** A program vector file. */
export const ProgramVectorFileCodec = t.type({ header: Header, cases: t.array(ProgramCaseCodec) });

/** The decoded content of a program vector file. */
export type ProgramVectorFile = t.TypeOf<typeof ProgramVectorFileCodec>;

/** Parse and check a program vector file. */
export const parseProgramVectors = (text: string, file: string): Result<ProgramVectorFile> => {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return E.left(soulError("vectors", `not valid JSON (${(e as Error).message})`, { file }));
  }
  const r = ProgramVectorFileCodec.decode(raw);
  return E.isLeft(r)
    ? E.left(soulError("vectors", "does not match the program vector schema", { file }))
    : E.right(r.right);
};

/** The cases of one soul: run the prompts, in order, on one started program. */
export const programVectorCases = (
  linked: Linked,
  names: { soul: string; tokenizer: string },
  prompts: readonly string[],
): Result<ProgramVectorCase[]> => {
  const r = programCases(linked.prg, prompts);
  if (E.isLeft(r)) return r;
  return E.right(r.right.map((c) => ({ soul: names.soul, tokenizer: names.tokenizer, ...c })));
};
