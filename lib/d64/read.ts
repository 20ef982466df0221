/**
 * readD64: a D64 image in, its header, directory and file contents out. Every link is range
 * checked and every chain is followed with loop detection, so a corrupt image gives an error
 * naming the block (track/sector) and the byte offset of the bad link, never a hang or a
 * crash.
 *
 * @module
 */
import { E, fail, ok, type Result } from "../pipeline.ts";
import {
  BAM,
  BLOCK_DATA_BYTES,
  CLOSED,
  D64_BYTES,
  D64_BYTES_WITH_ERRORS,
  DIR_TRACK,
  ENTRIES_PER_DIR_BLOCK,
  ENTRY,
  FILE_TYPES,
  type FileTypeName,
  FIRST_DIR_SECTOR,
  isValidSector,
  SECTOR_BYTES,
  sectorIndex,
  sectorOffset,
  TRACKS,
  type TrackSector,
} from "./layout.ts";
import { decodeName, unpad } from "./petscii.ts";

/** One directory entry and the data its chain holds. */
export interface D64File {
  /** The name as the C64 lists it (see petscii.ts: capitals, other bytes as `{$xx}`). */
  readonly name: string;
  /** The name's PETSCII bytes without the $A0 padding. */
  readonly nameBytes: Uint8Array;
  /** prg, seq, usr, rel or del. */
  readonly type: FileTypeName;
  /** False for a file that was never closed (listed as `*PRG`). */
  readonly closed: boolean;
  /** The block count the directory states. */
  readonly blocks: number;
  /** First block of the chain (track 0 for a DEL entry without data). */
  readonly start: TrackSector;
  /** The file's bytes (for a PRG, the load address first). */
  readonly data: Uint8Array;
}

/** What a D64 image holds. */
export interface D64Contents {
  /** The disk name, rendered like file names. */
  readonly diskName: string;
  /** The two ID characters. */
  readonly diskId: string;
  /** "BLOCKS FREE": the BAM's free counts of every track except 18. */
  readonly freeBlocks: number;
  /** Directory entries in order, skipping empty slots. */
  readonly files: readonly D64File[];
}

const at = (t: number, s: number) => `${t}/${s}`;

/**
 * Follow a chain of blocks from `start`: each block's bytes 0-1 link to the next (track,
 * sector), or are 0 and the index of the block's last used byte. `linkOffset` is where the
 * link to `start` is stored. Returns the blocks and their data bytes, or a SoulError naming
 * `what`, the block, and the byte offset of the bad link.
 */
const followChain = (
  image: Uint8Array,
  start: TrackSector,
  linkOffset: number,
  what: string,
): Result<{ data: Uint8Array; blocks: TrackSector[] }> => {
  const visited = new Set<number>();
  const blocks: TrackSector[] = [];
  const parts: Uint8Array[] = [];
  let { track, sector } = start;
  let linkAt = linkOffset;
  for (;;) {
    const from = blocks.length === 0
      ? "starts at"
      : `block ${at(blocks[blocks.length - 1].track, blocks[blocks.length - 1].sector)} links to`;
    if (!isValidSector(track, sector)) {
      return fail(
        "d64",
        `${from} ${at(track, sector)}, which is not a sector of a ${TRACKS}-track disk`,
        { field: what, offset: linkAt },
      );
    }
    const index = sectorIndex(track, sector);
    if (visited.has(index)) {
      return fail(
        "d64",
        `${from} ${at(track, sector)}, which the chain has already passed (a loop)`,
        { field: what, offset: linkAt },
      );
    }
    visited.add(index);
    blocks.push({ track, sector });
    const base = index * SECTOR_BYTES;
    if (image[base] === 0) {
      const last = image[base + 1];
      if (last === 0) {
        return fail(
          "d64",
          `last block ${at(track, sector)} says its last byte is at index 0 (must be 1-255)`,
          { field: what, offset: base + 1 },
        );
      }
      parts.push(image.subarray(base + 2, base + last + 1));
      break;
    }
    parts.push(image.subarray(base + 2, base + 2 + BLOCK_DATA_BYTES));
    track = image[base];
    sector = image[base + 1];
    linkAt = base;
  }
  const data = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    data.set(p, o);
    o += p.length;
  }
  return ok({ data, blocks });
};

/**
 * Read a D64 image (174,848 bytes, or 175,531 with error bytes, which are ignored): disk name
 * and ID from the BAM, the free block count, and every directory entry with its data. Fails
 * (kind "d64") on a wrong size, a link outside the disk (a file other than DEL starting on
 * track 0 included), a chain loop, or an unknown file type, naming the entry, the block and
 * the byte offset of the bad link.
 */
export const readD64 = (image: Uint8Array): Result<D64Contents> => {
  if (image.length !== D64_BYTES && image.length !== D64_BYTES_WITH_ERRORS) {
    return fail(
      "d64",
      `a 35-track D64 image is ${D64_BYTES} bytes (${D64_BYTES_WITH_ERRORS} with error ` +
        `bytes), got ${image.length}`,
    );
  }
  const bam = sectorOffset(DIR_TRACK, 0);
  const diskName = decodeName(unpad(image.subarray(bam + BAM.diskName, bam + BAM.diskName + 16)));
  const diskId = decodeName(image.subarray(bam + BAM.diskId, bam + BAM.diskId + 2));
  let freeBlocks = 0;
  for (let t = 1; t <= TRACKS; t++) {
    if (t !== DIR_TRACK) freeBlocks += image[bam + BAM.tracks + 4 * (t - 1)];
  }

  // The 1541 always starts the directory at 18/1, whatever the BAM's link says.
  const dir = followChain(
    image,
    { track: DIR_TRACK, sector: FIRST_DIR_SECTOR },
    bam + BAM.dirLink,
    "directory",
  );
  if (E.isLeft(dir)) return dir;
  const files: D64File[] = [];
  for (const block of dir.right.blocks) {
    for (let slot = 0; slot < ENTRIES_PER_DIR_BLOCK; slot++) {
      const e = sectorOffset(block.track, block.sector) + slot * ENTRY.size;
      const typeByte = image[e + ENTRY.type];
      if (typeByte === 0) continue; // an empty or scratched slot
      const nameBytes = unpad(image.slice(e + ENTRY.name, e + ENTRY.name + 16));
      const name = decodeName(nameBytes);
      const field = `directory entry ${JSON.stringify(name)} in block ${
        at(block.track, block.sector)
      }`;
      const code = typeByte & 0x07;
      if (code >= FILE_TYPES.length) {
        return fail("d64", `unknown file type byte $${typeByte.toString(16)}`, {
          field,
          offset: e + ENTRY.type,
        });
      }
      const type = FILE_TYPES[code];
      const start = { track: image[e + ENTRY.start], sector: image[e + ENTRY.start + 1] };
      let data: Uint8Array = new Uint8Array(0);
      if (start.track !== 0 || type !== "del") {
        const chain = followChain(image, start, e + ENTRY.start, field);
        if (E.isLeft(chain)) return chain;
        data = chain.right.data;
      }
      files.push({
        name,
        nameBytes,
        type,
        closed: (typeByte & CLOSED) !== 0,
        blocks: image[e + ENTRY.blocks] | (image[e + ENTRY.blocks + 1] << 8),
        start,
        data,
      });
    }
  }
  return ok({ diskName, diskId, freeBlocks, files });
};
