/**
 * The assembler's driver: run passes until symbol values stop changing (ACME's multi-pass
 * scheme), then cut the image and format the listing.
 *
 * @module
 */
import { E, type Either } from "../deps.ts";
import { type SoulError, soulError } from "../errors.ts";
import { FileSet } from "./files.ts";
import { formatListing } from "./listing.ts";
import { AssemblyFailure, Pass } from "./pass.ts";
import { globalSymbols, PREDEFINED, type SymbolTable } from "./symbols.ts";
import { num } from "./value.ts";

/** The result of an assembly. */
export interface Assembled {
  /** First address emitted (the lowest address written). */
  readonly loadAddress: number;
  /** The image from loadAddress to the highest address written; gaps are 0. */
  readonly bytes: Uint8Array;
  /**
   * Global symbols (labels and constants) with numeric values, sorted by name. Zone-local
   * (`.name`), cheap (`@name`) and anonymous labels are not included.
   */
  readonly symbols: ReadonlyMap<string, number>;
  /** Address, bytes, base cycles and source text of every line assembled (see listing.ts). */
  readonly listing: string;
}

/** Options of `assemble`. */
export interface AssembleOptions {
  /** Symbols defined before the first line, like ACME's `-D name=value`. */
  readonly defines?: Readonly<Record<string, number>>;
}

/**
 * Passes in a row that define nothing new but still change values before we give up. Passes
 * that define more symbols always continue (a chain of forward aliases needs one per link);
 * most programs converge in two passes.
 */
const MAX_UNSETTLED_PASSES = 16;

const SYMBOL_NAME = /^[A-Za-z_\x80-\uffff][A-Za-z0-9_\x80-\uffff]*$/;

const fail = (message: string, file?: string): Either<SoulError, never> =>
  E.left(soulError("assemble", message, file === undefined ? {} : { file }));

const predefine = (defines: Readonly<Record<string, number>>): Either<SoulError, SymbolTable> => {
  const table: SymbolTable = new Map();
  for (const [name, value] of Object.entries(defines)) {
    if (!SYMBOL_NAME.test(name)) return fail(`define "${name}": not a valid global symbol name`);
    if (!Number.isSafeInteger(value)) return fail(`define "${name}": ${value} is not an integer`);
    table.set(name, { value: num(value), everUndefined: false, pass: PREDEFINED });
  }
  return E.right(table);
};

/**
 * Assemble `entry` from a virtual file system (path → bytes; text is read byte for byte).
 * `!source`/`!binary` paths resolve relative to the including file's directory, then to the
 * root. Only `files.get` is used, so the map may load files on demand.
 */
export const assemble = (
  entry: string,
  files: ReadonlyMap<string, Uint8Array>,
  options: AssembleOptions = {},
): Either<SoulError, Assembled> => {
  const table = predefine(options.defines ?? {});
  if (E.isLeft(table)) return table;
  const fileSet = new FileSet(files);
  const found = fileSet.find(entry, undefined);
  if (Array.isArray(found)) return fail("no such source file", entry);
  const main = fileSet.source(found.path, found.bytes);
  const shared = { symbols: table.right, macros: new Map(), files: fileSet };
  let undefinedBefore = Infinity;
  let unsettled = 0;
  try {
    for (let n = 1;; n++) {
      const pass = new Pass(n, shared);
      pass.runFile(main);
      if (pass.undefinedCount === 0 && pass.changed === 0) {
        return pass.deferred ? E.left(pass.deferred) : E.right(result(pass, table.right));
      }
      const progress = pass.undefinedCount < undefinedBefore;
      // No progress and nothing moving: what is still undefined will stay so.
      if (!progress && pass.changed === 0) return E.left(pass.firstUndefined!);
      unsettled = progress ? 0 : unsettled + 1;
      if (unsettled > MAX_UNSETTLED_PASSES) {
        return fail(`symbol values still change after ${n} passes`, entry);
      }
      undefinedBefore = pass.undefinedCount;
    }
  } catch (e) {
    if (e instanceof AssemblyFailure) return E.left(e.error);
    // Macros nesting blocks nesting macros... can still exhaust the stack: say so.
    if (e instanceof RangeError && /call stack/i.test(e.message)) {
      return fail("macros and blocks nest too deeply (the stack overflowed)", entry);
    }
    throw e;
  }
};

const result = (pass: Pass, table: SymbolTable): Assembled => {
  const empty = pass.high < pass.low;
  return {
    loadAddress: empty ? 0 : pass.low,
    bytes: empty ? new Uint8Array(0) : pass.memory.slice(pass.low, pass.high + 1),
    symbols: globalSymbols(table),
    listing: formatListing(pass.rows),
  };
};

/** A C64 PRG file: the load address (little-endian) followed by the bytes. */
export const toPrg = (a: Assembled): Uint8Array => {
  const prg = new Uint8Array(a.bytes.length + 2);
  prg[0] = a.loadAddress & 0xff;
  prg[1] = a.loadAddress >> 8;
  prg.set(a.bytes, 2);
  return prg;
};
