/**
 * io-ts schemas of the golden-vector files under `vectors/`. Every file is
 * `{ header, cases }`; the header says how the file was made. The TS reference replays these
 * files, and so do the 6502 routines in the emulator, so the schemas are the shared contract.
 *
 * @module
 */
import { E, t } from "../deps.ts";
import { soulError } from "../errors.ts";
import type { Result } from "../pipeline.ts";

const ints = t.array(t.Int);
const softmax = t.union([t.literal("legacy"), t.literal("rounded")]);

/** How a vector file was made. */
export const Header = t.type({
  about: t.string,
  generator: t.string,
  seed: t.Int,
  version: t.literal(1),
});

const file = <C extends t.Mixed>(name: string, c: C) =>
  t.type({ header: Header, cases: t.array(c) }, name);

/** One codec per vector file, keyed by file name. */
export const VectorSchemas = {
  "isqrt.json": file("isqrt", t.type({ n: t.Int, root: t.Int })),
  "divide.json": file("divide", t.type({ num: t.Int, den: t.Int, quotient: t.Int })),
  "matvec.json": file(
    "matvec",
    t.type({ rows: t.Int, cols: t.Int, shift: t.Int, post: t.Int, w: ints, x: ints, y: ints }),
  ),
  "matvec-bias.json": file(
    "matvec-bias",
    t.type({
      rows: t.Int,
      cols: t.Int,
      shift: t.Int,
      post: t.Int,
      w: ints,
      bias: ints,
      x: ints,
      y: ints,
    }),
  ),
  "rmsnorm.json": file(
    "rmsnorm",
    t.type({ x: ints, g: ints, gShift: t.Int, inv: t.Int, y: ints }),
  ),
  "attention-head.json": file(
    "attention-head",
    t.type({ softmax, q: ints, keys: t.array(ints), values: t.array(ints), out: ints }),
  ),
  "embed.json": file(
    "embed",
    t.type({ te: ints, teShift: t.Int, pe: ints, peShift: t.Int, h: ints }),
  ),
  "argmax.json": file(
    "argmax",
    t.type({ logits: ints, rule: t.union([t.literal("legacy"), t.literal("end")]), id: t.Int }),
  ),
  "exp-table.json": file("exp-table", t.type({ softmax, table: ints })),
  "forward.json": file("forward", t.type({ soul: t.string, ids: ints, logits: ints })),
  "step.json": file(
    "step",
    t.type({ soul: t.string, ids: ints, argmaxIds: ints }),
  ),
  "turn.json": file(
    "turn",
    t.type({
      soul: t.string,
      tokenizer: t.string,
      prompt: t.string,
      promptIds: ints,
      replyIds: ints,
      reply: t.string,
      stop: t.union([t.literal("end"), t.literal("context")]),
    }),
  ),
} as const;

/** The name of a vector file. */
export type VectorFileName = keyof typeof VectorSchemas;

/** The decoded content of a vector file. */
export type VectorFile<N extends VectorFileName> = t.TypeOf<(typeof VectorSchemas)[N]>;

/** Parse and check a vector file's JSON text. */
export const parseVectorFile = <N extends VectorFileName>(
  name: N,
  text: string,
): Result<VectorFile<N>> => {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return E.left(soulError("vectors", `not valid JSON (${(e as Error).message})`, { file: name }));
  }
  const r = VectorSchemas[name].decode(raw);
  if (E.isLeft(r)) {
    const err = r.left[0];
    const path = err.context.map((c) => c.key).filter((k) => k !== "").join(".");
    return E.left(
      soulError("vectors", `does not match the schema`, { file: name, field: path }),
    );
  }
  return E.right(r.right as VectorFile<N>);
};
