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

const target = new URL("../lib/link/sources.ts", import.meta.url);
const text = await embeddedSources(new URL("../asm/", import.meta.url));
if (Deno.args.includes("--check")) {
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
  Deno.writeTextFileSync(target, text);
  console.log("wrote lib/link/sources.ts");
}
