/**
 * Input checks shared by the whole-context and incremental forward passes.
 *
 * @module
 */
import { E } from "../deps.ts";
import { soulError } from "../errors.ts";
import type { Result } from "../pipeline.ts";
import type { Soul } from "../soul/types.ts";

/** A token id must name a row of the embedding. */
export const checkToken = (soul: Soul, id: number, field: string): Result<number> =>
  Number.isInteger(id) && id >= 0 && id < soul.shape.vocab ? E.right(id) : E.left(
    soulError("input", `token id ${id} is outside the vocabulary (0..${soul.shape.vocab - 1})`, {
      field,
    }),
  );

/** A context must be 1..SL valid ids. */
export const checkContext = (soul: Soul, ids: readonly number[]): Result<readonly number[]> => {
  if (ids.length === 0) {
    return E.left(
      soulError("input", "empty context: at least one token is needed", { field: "ids" }),
    );
  }
  if (ids.length > soul.shape.context) {
    return E.left(
      soulError(
        "input",
        `context of ${ids.length} tokens is longer than the soul's ${soul.shape.context}`,
        { field: "ids" },
      ),
    );
  }
  for (let i = 0; i < ids.length; i++) {
    const r = checkToken(soul, ids[i], `ids[${i}]`);
    if (E.isLeft(r)) return r;
  }
  return E.right(ids);
};
