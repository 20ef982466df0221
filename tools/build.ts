/**
 * tools/build.ts — soul + tokenizer -> the C64 program (PRG) and a floppy (D64), with the
 * assembler's listing and the memory map.
 */
import { buildFloppy, checkPair, formatMemoryMap } from "../mod.ts";
import { parseArgs } from "../lib/std/cli.ts";
import { ensureDir, writeAtomic } from "../lib/std/fs.ts";
import { DEFAULT_SOUL, DEFAULT_TOKENIZER, die, loadSoul, loadTokenizer, orDie } from "./common.ts";

const HELP = `Usage: deno run -A tools/build.ts [--soul PATH] [--tokenizer PATH] [--output DIR]
                                   [--disk-name NAME] [--name FILE]

Links a soul into the C64 chat program and packs it on a 35-track D64 floppy. Writes, in DIR:
  FILE.prg            the program (LOAD"FILE",8 then RUN, or autostart it)
  FILE.d64            a floppy holding it
  FILE-listing.txt    the assembler's listing (address, bytes, cycles, source)
  FILE-memory-map.txt where code, weights, tables and the KV cache live
Same inputs, same bytes. Files are written atomically.

Options:
  --soul PATH        soul file, v3 or soul64 format (default: corpora/default.soul)
  --tokenizer PATH   tokenizer.json (default: corpora/default-tokenizer.json)
  --output DIR       where to write (default: the current directory)
  --disk-name NAME   the disk's name, up to 16 characters (default: soul64)
  --name FILE        the program's name on disk and of the files (default: soul64)
  --help             this text

Examples:
  deno run -A tools/build.ts --output out
  deno run -A tools/build.ts --soul my.soul --tokenizer my-tokenizer.json --disk-name "my soul"
  x64sc -autostart out/soul64.d64      # run it in VICE
`;

const TOOL = "build";

const main = async () => {
  const args = orDie(
    TOOL,
    parseArgs(Deno.args, {
      soul: { type: "string" },
      tokenizer: { type: "string" },
      output: { type: "string" },
      "disk-name": { type: "string" },
      name: { type: "string" },
      help: { type: "boolean", short: "h" },
    }),
  );
  const v = args.values;
  if (v.help) return console.log(HELP);
  if (args.positionals.length > 0) {
    die(TOOL, `unexpected argument "${args.positionals[0]}" (see --help)`);
  }
  const soulPath = (v.soul as string | undefined) ?? DEFAULT_SOUL;
  const soul = orDie(TOOL, await loadSoul(soulPath));
  const tok = orDie(
    TOOL,
    await loadTokenizer((v.tokenizer as string | undefined) ?? DEFAULT_TOKENIZER),
  );
  orDie(TOOL, checkPair(soul, tok));
  const name = (v.name as string | undefined) ?? "soul64";
  const floppy = orDie(
    TOOL,
    buildFloppy(soul, tok, {
      diskName: (v["disk-name"] as string | undefined) ?? "soul64",
      fileName: name,
    }),
  );
  const dir = (v.output as string | undefined) ?? ".";
  orDie(TOOL, await ensureDir(dir));
  const files: [string, Uint8Array | string][] = [
    [`${name}.prg`, floppy.prg],
    [`${name}.d64`, floppy.d64],
    [`${name}-listing.txt`, floppy.listing],
    [`${name}-memory-map.txt`, formatMemoryMap(floppy.map) + "\n"],
  ];
  for (const [file, data] of files) orDie(TOOL, await writeAtomic(`${dir}/${file}`, data));
  const at = (file: string) => (dir === "." ? file : `${dir}/${file}`);
  console.log(formatMemoryMap(floppy.map));
  console.log();
  console.log(`${at(`${name}.prg`)}  ${floppy.prg.length.toLocaleString("en")} bytes`);
  console.log(
    `${at(`${name}.d64`)}  ${floppy.d64.length.toLocaleString("en")} bytes: ` +
      `${floppy.blocksUsed} blocks used, ${floppy.blocksFree} blocks free`,
  );
  console.log(`${at(`${name}-listing.txt`)}, ${at(`${name}-memory-map.txt`)}`);
  console.log();
  console.log(`Run it in VICE:  x64sc -autostart ${at(`${name}.d64`)}`);
  console.log(`or on a C64:     LOAD"${name.toUpperCase()}",8  then  RUN`);
};

await main();
