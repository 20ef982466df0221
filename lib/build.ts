/**
 * The last two stages composed: a soul and its tokenizer become the C64 program (link) and a
 * floppy that carries it (pack-d64). Pure: the tools and the web playground call this and
 * write or offer the results.
 *
 * @module
 */
import { packD64, readD64 } from "./d64/mod.ts";
import { link, type Linked, type MemoryMap } from "./link/mod.ts";
import { chain, map, pipe, type Result } from "./pipeline.ts";
import type { Soul } from "./soul/types.ts";
import type { Tokenizer } from "./tokenize/tokenizer.ts";

/** How the floppy is labelled. */
export interface FloppyOptions {
  /** The disk's name (up to 16 characters; default "soul64"). */
  readonly diskName?: string;
  /** The two-character disk ID (default "64"). */
  readonly diskId?: string;
  /** The program's name in the directory (default "soul64"): LOAD"SOUL64",8 then RUN. */
  readonly fileName?: string;
}

/** A built program and its floppy. */
export interface Floppy {
  /** The PRG (load address $0801, BASIC stub, code, soul). */
  readonly prg: Uint8Array;
  /** A 35-track D64 image holding the PRG. */
  readonly d64: Uint8Array;
  /** The assembler's listing of the program. */
  readonly listing: string;
  /** Where everything lives in C64 memory. */
  readonly map: MemoryMap;
  /** Blocks the program takes on the disk. */
  readonly blocksUsed: number;
  /** Blocks left free. */
  readonly blocksFree: number;
}

/** Link a soul and pack it on a floppy. Same inputs, same bytes. */
export const buildFloppy = (
  soul: Soul,
  tok: Tokenizer,
  options: FloppyOptions = {},
): Result<Floppy> => {
  const fileName = options.fileName ?? "soul64";
  const pack = (linked: Linked) =>
    pipe(
      packD64({
        diskName: options.diskName ?? "soul64",
        diskId: options.diskId ?? "64",
        files: [{ name: fileName, type: "prg", data: linked.prg }],
      }),
      chain((d64) =>
        pipe(
          readD64(d64),
          map((disk) => ({
            prg: linked.prg,
            d64,
            listing: linked.listing,
            map: linked.map,
            blocksUsed: disk.files.reduce((n, f) => n + f.blocks, 0),
            blocksFree: disk.freeBlocks,
          })),
        )
      ),
    );
  return pipe(link(soul, tok), chain(pack));
};
