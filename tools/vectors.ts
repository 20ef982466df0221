/**
 * tools/vectors.ts — generate the golden vectors under vectors/.
 *
 *   deno task vectors            write every vector file (atomically)
 *   deno task vectors --check    exit 1 if the committed files differ from a fresh generation
 *
 * The files are replayed by `deno test` against the TS reference and the 6502 routines.
 */
import { describeError, generateVectors, isErr, isOk } from "../mod.ts";
import { parseArgs } from "../lib/std/cli.ts";
import { ensureDir, readBytes, writeAtomic } from "../lib/std/fs.ts";

const HELP = `Usage: deno task vectors [--check] [--dir DIR]

Generates the golden vectors (every arithmetic primitive, forward passes and chat turns on
seeded random souls) into vectors/.

Options:
  --check     compare with the files on disk instead of writing; exit 1 on any difference
  --dir DIR   output directory (default: vectors/ beside this tool)
  --help      this text

Examples:
  deno task vectors
  deno task vectors --check
`;

const die = (msg: string): never => {
  console.error(`vectors: ${msg}`);
  Deno.exit(1);
};

const main = async () => {
  const args = parseArgs(Deno.args, {
    check: { type: "boolean" },
    dir: { type: "string" },
    help: { type: "boolean", short: "h" },
  });
  if (isErr(args)) return die(describeError(args.left));
  if (args.right.values.help) return console.log(HELP);
  const dir = (args.right.values.dir as string | undefined) ??
    new URL("../vectors", import.meta.url).pathname;
  const files = generateVectors();
  if (isErr(files)) return die(describeError(files.left));
  let stale = 0;
  for (const [name, bytes] of files.right) {
    const path = `${dir}/${name}`;
    if (args.right.values.check) {
      const old = await readBytes(path);
      const same = isOk(old) && old.right.length === bytes.length &&
        old.right.every((b, i) => b === bytes[i]);
      if (!same) {
        stale++;
        console.error(`vectors: ${path} is not current`);
      }
      continue;
    }
    const d = await ensureDir(path.slice(0, path.lastIndexOf("/")));
    if (isErr(d)) return die(describeError(d.left));
    const w = await writeAtomic(path, bytes);
    if (isErr(w)) return die(describeError(w.left));
    console.log(`${name.padEnd(30)} ${bytes.length.toString().padStart(7)} bytes`);
  }
  if (stale > 0) die(`${stale} file(s) differ; run \`deno task vectors\``);
  if (args.right.values.check) console.log(`vectors: all ${files.right.size} files are current`);
};

await main();
