/**
 * The symbol table. It outlives a pass, as in ACME: a forward reference reads the value from
 * the previous pass, and a symbol first met as an undefined reference stays marked
 * "ever undefined" (so its users keep 16-bit addressing in every pass).
 *
 * Keys: a global symbol is its name; scoped symbols carry their scope's number and a space
 * (which no name contains): `"7 .loop"` (zone 7), `"3 @skip"` (cheap scope 3), `"7 -"` (the
 * backward label of zone 7), `"7 +#2"` (its third forward label).
 *
 * @module
 */
import type { ParsedFile } from "./ast.ts";
import { isDefined, type Value } from "./value.ts";

/** Pass number of symbols defined from outside (the `defines` option). */
export const PREDEFINED = 0;

export interface SymbolEntry {
  /** Undefined until a definition runs. */
  value: Value | undefined;
  /** Read before it was defined (in some pass). */
  everUndefined: boolean;
  /** The pass of the latest definition (PREDEFINED for `defines`). */
  pass: number;
  /** Where that definition is, for error messages (none for `defines`). */
  where?: { readonly file: ParsedFile; readonly at: number };
}

export type SymbolTable = Map<string, SymbolEntry>;

export const sameValue = (a: Value, b: Value): boolean =>
  a.n === b.n && a.str === b.str && isDefined(a) === isDefined(b);

/** Global symbols with numeric values, sorted by name. */
export const globalSymbols = (table: SymbolTable): Map<string, number> => {
  const out: [string, number][] = [];
  for (const [key, entry] of table) {
    const v = entry.value;
    if (!key.includes(" ") && v !== undefined && isDefined(v) && v.str === undefined) {
      out.push([key, v.n]);
    }
  }
  out.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return new Map(out);
};
