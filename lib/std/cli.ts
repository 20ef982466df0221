/**
 * Command-line parsing for tools. The project's stand-in for `@std/cli` (not installable
 * here), built on node:util's parseArgs; tools import only this module.
 *
 * @module
 */
import { parseArgs as nodeParseArgs } from "node:util";
import { E, type Either } from "../deps.ts";
import { type SoulError, soulError } from "../errors.ts";

/** Option declarations: name -> kind (and optional short alias). */
export type OptionSpec = Readonly<
  Record<string, { type: "string" | "boolean"; short?: string; multiple?: boolean }>
>;

/** Parsed arguments: named values and positionals. */
export interface ParsedArgs {
  readonly values: Readonly<Record<string, string | boolean | string[] | undefined>>;
  readonly positionals: readonly string[];
}

/** Parse argv strictly; unknown options become a usage SoulError, not an exception. */
export const parseArgs = (
  argv: readonly string[],
  options: OptionSpec,
): Either<SoulError, ParsedArgs> => {
  try {
    const r = nodeParseArgs({
      args: [...argv],
      options: options as never,
      allowPositionals: true,
      strict: true,
    });
    return E.right({ values: r.values as ParsedArgs["values"], positionals: r.positionals });
  } catch (e) {
    const message = String((e as Error).message);
    const unknown = /^Unknown option '([^']+)'/.exec(message);
    return E.left(
      soulError(
        "usage",
        unknown ? `unknown option ${unknown[1]} (see --help)` : message.replace(/\.$/, ""),
      ),
    );
  }
};

/** Parse an integer given as decimal, `$hex` or `0xhex`. */
export const parseNumber = (text: string, what: string): Either<SoulError, number> => {
  const s = text.trim();
  const m = /^\$([0-9a-f]+)$/i.exec(s) ?? /^0x([0-9a-f]+)$/i.exec(s);
  const n = m ? parseInt(m[1], 16) : /^-?\d+$/.test(s) ? parseInt(s, 10) : NaN;
  return Number.isSafeInteger(n) ? E.right(n) : E.left(
    soulError("usage", `${what}: expected a number (decimal, $hex or 0xhex), got "${text}"`),
  );
};
