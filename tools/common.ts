/**
 * Plumbing shared by the command-line tools: loading souls and tokenizers with errors that
 * name the file, and one way to stop with a clear message.
 *
 * @module
 */
import {
  describeError,
  isErr,
  parseTokenizer,
  readSoul,
  type Result,
  type Soul,
  type SoulError,
  type Tokenizer,
} from "../mod.ts";
import { readBytes, readText } from "../lib/std/fs.ts";

/** The shipped default soul and tokenizer (relative to the repository). */
export const DEFAULT_SOUL = new URL("../corpora/default.soul", import.meta.url).pathname;
export const DEFAULT_TOKENIZER = new URL("../corpora/default-tokenizer.json", import.meta.url)
  .pathname;

/** Print one clear line on stderr and exit non-zero. */
export const die = (tool: string, e: SoulError | string): never => {
  console.error(`${tool}: ${typeof e === "string" ? e : describeError(e)}`);
  Deno.exit(1);
};

/** Unwrap or die. */
export const orDie = <T>(tool: string, r: Result<T>): T => isErr(r) ? die(tool, r.left) : r.right;

/** Read and parse a soul file (either format). */
export const loadSoul = async (path: string): Promise<Result<Soul>> => {
  const bytes = await readBytes(path);
  return isErr(bytes) ? bytes : readSoul(bytes.right, path);
};

/** Read and parse a tokenizer.json. */
export const loadTokenizer = async (path: string): Promise<Result<Tokenizer>> => {
  const text = await readText(path);
  return isErr(text) ? text : parseTokenizer(text.right, path);
};

/** Read all of standard input as lines (without line endings; a final empty line dropped). */
export const readStdinLines = async (): Promise<string[]> => {
  const text = await new Response(Deno.stdin.readable).text();
  const lines = text.split(/\r?\n/);
  if (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  return lines;
};
