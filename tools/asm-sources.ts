/**
 * Regenerate lib/link/sources.ts from asm/*.s (the engine's sources, embedded so that the
 * link stage stays pure and runs in a browser), formatted as `deno fmt` would.
 *
 *   deno run -A tools/asm-sources.ts [--check]
 *
 * With --check it writes nothing and exits 1 when the embedded copy is stale.
 *
 * @module
 */
import { embeddedSources } from "../lib/link/testing.ts";
import { parseArgs } from "../lib/std/cli.ts";
import { writeAtomic } from "../lib/std/fs.ts";
import { die, orDie } from "./common.ts";

const HELP = `Usage: deno run -A tools/asm-sources.ts [--check]

Regenerates lib/link/sources.ts, the copy of asm/*.s the link stage assembles (embedded so the
stage stays pure and runs in a browser). Run it after editing any .s file.

Options:
  --check   write nothing; exit 1 when the embedded copy is stale
  --help    this text
`;

const args = orDie(
  "asm-sources",
  parseArgs(Deno.args, { check: { type: "boolean" }, help: { type: "boolean", short: "h" } }),
);
if (args.values.help) {
  console.log(HELP);
  Deno.exit(0);
}
if (args.positionals.length > 0) {
  die("asm-sources", `unexpected argument "${args.positionals[0]}" (see --help)`);
}
const target = new URL("../lib/link/sources.ts", import.meta.url);
const text = await embeddedSources(new URL("../asm/", import.meta.url));
if (args.values.check) {
  let current = "";
  try {
    current = Deno.readTextFileSync(target);
  } catch { /* missing */ }
  if (current !== text) {
    console.error("lib/link/sources.ts is stale: run deno run -A tools/asm-sources.ts");
    Deno.exit(1);
  }
  console.log("lib/link/sources.ts is up to date");
} else {
  orDie("asm-sources", await writeAtomic(target.pathname, text));
  console.log("wrote lib/link/sources.ts");
}
