/**
 * tools/asm.ts — assemble a 6502 source (ACME syntax) into a C64 PRG.
 *
 *   deno run -A tools/asm.ts FILE.s -o OUT.prg [--listing L] [--symbols S] [-D name=value]
 */
import { describeError, isErr } from "../mod.ts";
import { assemble, toPrg } from "../lib/assemble/mod.ts";
import { parseArgs, parseNumber } from "../lib/std/cli.ts";
import { readBytesSync, writeAtomic } from "../lib/std/fs.ts";

const HELP = `Usage: deno run -A tools/asm.ts FILE.s -o OUT.prg [options]

Assembles FILE.s (the ACME 0.97 syntax subset of lib/assemble) into a C64 PRG: the two-byte
load address, then the bytes from the lowest to the highest address written.
!source and !binary paths are looked up beside the including file, then from the current
directory.

Options:
  -o, --out OUT.prg     the PRG to write (required)
  --listing FILE        write a listing: line, address, bytes, cycles, source
  --symbols FILE        write the global symbols as "name = $hex" lines (ACME syntax)
  -D, --define N=V      define symbol N as V before assembling (decimal, $hex or 0xhex);
                        may be repeated
  -h, --help            this text

Example:
  deno run -A tools/asm.ts asm/echo.s -o echo.prg --listing echo.lst -D CTX=20
`;

// Annotated so that TypeScript narrows after a call, as after `return`.
const die: (message: string) => never = (message) => {
  console.error(`asm: ${message}`);
  Deno.exit(1);
};

/**
 * Source files read from disk when the assembler first asks for them (it only calls `get`),
 * so includes need not be known in advance. Paths are relative to the current directory.
 */
class DiskFiles extends Map<string, Uint8Array> {
  override get(path: string): Uint8Array | undefined {
    if (!super.has(path)) {
      const r = readBytesSync(path);
      if (isErr(r)) return undefined;
      super.set(path, r.right);
    }
    return super.get(path);
  }
}

const parseDefines = (specs: readonly string[]): Record<string, number> => {
  const defines: Record<string, number> = {};
  for (const spec of specs) {
    const eq = spec.indexOf("=");
    if (eq <= 0) die(`-D ${spec}: expected NAME=VALUE`);
    const value = parseNumber(spec.slice(eq + 1), `-D ${spec.slice(0, eq)}`);
    if (isErr(value)) die(describeError(value.left));
    defines[spec.slice(0, eq)] = value.right as number;
  }
  return defines;
};

const symbolList = (symbols: ReadonlyMap<string, number>): string =>
  [...symbols].map(([name, n]) =>
    `${name} = ${n < 0 ? n : `$${n.toString(16).padStart(n > 0xff ? 4 : 2, "0")}`}\n`
  ).join("");

const main = async () => {
  const args = parseArgs(Deno.args, {
    out: { type: "string", short: "o" },
    listing: { type: "string" },
    symbols: { type: "string" },
    define: { type: "string", short: "D", multiple: true },
    help: { type: "boolean", short: "h" },
  });
  if (isErr(args)) return die(describeError(args.left));
  const { values, positionals } = args.right;
  if (values.help) return console.log(HELP);
  if (positionals.length !== 1) return die("expected one source file (see --help)");
  const out = values.out as string | undefined;
  if (out === undefined) return die("missing -o OUT.prg (see --help)");
  const source = positionals[0];
  const defines = parseDefines((values.define as string[] | undefined) ?? []);
  const result = assemble(source, new DiskFiles(), { defines });
  if (isErr(result)) return die(describeError(result.left));
  const a = result.right;

  const writes: [string, Uint8Array | string][] = [[out, toPrg(a)]];
  if (typeof values.listing === "string") writes.push([values.listing, a.listing]);
  if (typeof values.symbols === "string") writes.push([values.symbols, symbolList(a.symbols)]);
  for (const [path, data] of writes) {
    const w = await writeAtomic(path, data);
    if (isErr(w)) return die(describeError(w.left));
  }
  const end = a.loadAddress + a.bytes.length - 1;
  console.log(
    `asm: ${out}: $${a.loadAddress.toString(16).padStart(4, "0")}-$${
      end.toString(16).padStart(4, "0")
    } (${a.bytes.length} bytes)`,
  );
};

await main();
