/**
 * One conversation turn, as the spec defines it: context = [SEP] + encode(input) + [SEP],
 * then greedy generation with the KV cache: append the argmax token while the context is
 * shorter than SL; stop at PAD, SEP or END. The reply is the decoded generated ids (trimmed,
 * as the original's decode did). See `generate` for how the stop reason is decided.
 *
 * @module
 */
import { E } from "../deps.ts";
import { soulError } from "../errors.ts";
import type { Result } from "../pipeline.ts";
import { END, PAD, SEP, type Soul } from "../soul/types.ts";
import { decode, encode } from "../tokenize/encode.ts";
import type { Tokenizer } from "../tokenize/tokenizer.ts";
import { argmax } from "./primitives.ts";
import { initialState, step, stepAll } from "./step.ts";
import { checkContext } from "./validate.ts";

/** Why a reply ended: the model chose END/SEP/PAD, or the context was full. */
export type StopReason = "end" | "context";

/** The result of one turn. */
export interface Turn {
  /** The input as typed. */
  readonly prompt: string;
  /** The context fed to the model: [SEP] + encode(prompt) + [SEP]. */
  readonly promptIds: readonly number[];
  /** The generated ids (the stop token excluded). */
  readonly replyIds: readonly number[];
  /** The decoded reply, trimmed. */
  readonly reply: string;
  /** Why the reply ended. */
  readonly stop: StopReason;
}

/** True for the ids that end a reply. */
export const isStopToken = (id: number): boolean => id === PAD || id === SEP || id === END;

/**
 * Greedy generation from a context: returns the generated ids (stop token excluded) and why
 * generation stopped. `onToken` sees each id as it is produced (for streaming front ends).
 *
 * When the context fills up, the last position's logits are still read: if the model's next
 * choice would be END (or SEP/PAD), the reply ended by the model's choice ("end"), not by the
 * context limit ("context"). Nothing is appended either way, so the ids are exactly the spec's;
 * only the stop reason is more truthful, and a reply may use every position of the context.
 */
export const generate = (
  soul: Soul,
  context: readonly number[],
  onToken?: (id: number) => void,
): Result<{ readonly ids: readonly number[]; readonly stop: StopReason }> => {
  const checked = checkContext(soul, context);
  if (E.isLeft(checked)) return checked;
  const fed = stepAll(soul, initialState(soul), context);
  if (E.isLeft(fed)) return fed;
  let { state, logits } = fed.right;
  const ids: number[] = [];
  while (true) {
    const next = argmax(logits, soul.argmax);
    if (isStopToken(next)) return E.right({ ids, stop: "end" });
    if (state.position >= soul.shape.context) return E.right({ ids, stop: "context" });
    ids.push(next);
    onToken?.(next);
    const r = step(soul, state, next);
    if (E.isLeft(r)) return r;
    ({ state, logits } = r.right);
  }
};

/** The ids a prompt is fed as: [SEP] + encode(text) + [SEP]. */
export const promptContext = (
  tok: Tokenizer,
  text: string,
): number[] => [SEP, ...encode(tok, text), SEP];

/** Check that a tokenizer and a soul belong together (same vocabulary size). */
export const checkPair = (soul: Soul, tok: Tokenizer): Result<void> =>
  tok.vocab.length === soul.shape.vocab ? E.right(undefined) : E.left(
    soulError(
      "input",
      `the tokenizer has ${tok.vocab.length} tokens but the soul's vocabulary is ${soul.shape.vocab}`,
      { field: "tokenizer" },
    ),
  );

/**
 * One turn: encode the input, generate greedily, decode. Empty input, or input that leaves no
 * room in the context for a reply, is a SoulError (nothing is silently cut off).
 */
export const chatTurn = (
  soul: Soul,
  tok: Tokenizer,
  text: string,
  onToken?: (id: number) => void,
): Result<Turn> => {
  const pair = checkPair(soul, tok);
  if (E.isLeft(pair)) return pair;
  if (text.trim() === "") {
    return E.left(soulError("input", "empty input: type something to say", { field: "prompt" }));
  }
  const promptIds = promptContext(tok, text);
  const sl = soul.shape.context;
  if (promptIds.length >= sl) {
    return E.left(
      soulError(
        "input",
        `input too long: it takes ${promptIds.length} of the ${sl}-token context (with its two SEP tokens), leaving no room for a reply; at most ${
          sl - 3
        } tokens fit`,
        { field: "prompt" },
      ),
    );
  }
  const gen = generate(soul, promptIds, onToken);
  if (E.isLeft(gen)) return gen;
  const text2 = decode(tok, gen.right.ids);
  if (E.isLeft(text2)) return text2;
  return E.right({
    prompt: text,
    promptIds,
    replyIds: gen.right.ids,
    reply: text2.right.trim(),
    stop: gen.right.stop,
  });
};
