/**
 * packD64: files in, a standard 35-track D64 image out, laid out as a 1541 would have saved
 * the files one after another onto a freshly formatted disk (see layout.ts for the policy and
 * petscii.ts for how names are encoded).
 *
 * @module
 */
import { fail, ok, type Result } from "../pipeline.ts";
import {
  Allocator,
  BAM,
  BAM_SECTOR,
  BLOCK_DATA_BYTES,
  blocksFor,
  CLOSED,
  D64_BYTES,
  DIR_TRACK,
  EMPTY_DISK_FREE_BLOCKS,
  ENTRIES_PER_DIR_BLOCK,
  ENTRY,
  FILE_TYPES,
  FIRST_DIR_SECTOR,
  MAX_DIR_ENTRIES,
  SECTOR_BYTES,
  sectorOffset,
  sectorsOnTrack,
  TRACKS,
  type TrackSector,
} from "./layout.ts";
import { encodeName, PAD } from "./petscii.ts";

/** A file type packD64 can write. */
export type WritableFileType = "prg" | "seq" | "usr";
const WRITABLE_TYPES: readonly string[] = ["prg", "seq", "usr"];

/** One file to put on the disk. */
export interface D64FileSpec {
  /** 1-16 characters; letters of either case list as capitals on the C64. */
  readonly name: string;
  /** Default "prg". */
  readonly type?: WritableFileType;
  /** The file's bytes; for a PRG the first two are its load address. */
  readonly data: Uint8Array;
}

/** What goes on the disk. */
export interface D64Spec {
  /** 0-16 characters, encoded like file names. */
  readonly diskName: string;
  /** Exactly 2 characters. */
  readonly diskId: string;
  /** Files in directory order. */
  readonly files: readonly D64FileSpec[];
}

const plural = (n: number, what: string) => `${n} ${what}${n === 1 ? "" : "s"}`;

const fileField = (i: number, name: string) => `files[${i}] ${JSON.stringify(name)}`;

/** Write `bytes` into the sector at `at`. */
const put = (image: Uint8Array, at: TrackSector, offset: number, bytes: ArrayLike<number>) =>
  image.set(bytes, sectorOffset(at.track, at.sector) + offset);

/**
 * Build a D64 image: BAM and header at 18/0 (disk name and ID, DOS type "2A"), the directory
 * from 18/1, each file as a chain of blocks. Fails (kind "d64") on a bad name or ID (naming
 * the file), two files whose names encode the same, more than 144 files, or more data than
 * the 664 free blocks of an empty disk (saying by how many blocks). An empty file takes one
 * block holding no bytes (its link is $00 $01). The same spec always gives the same bytes;
 * unused bytes are $00.
 */
export const packD64 = (spec: D64Spec): Result<Uint8Array> => {
  const diskName = encodeName(spec.diskName, "disk");
  if ("reason" in diskName) return fail("d64", diskName.reason, { field: "disk name" });
  const diskId = encodeName(spec.diskId, "id");
  if ("reason" in diskId) return fail("d64", diskId.reason, { field: "disk ID" });

  const { files } = spec;
  if (files.length > MAX_DIR_ENTRIES) {
    return fail(
      "d64",
      `${files.length} files, but the directory holds at most ${MAX_DIR_ENTRIES}: ` +
        `${plural(files.length - MAX_DIR_ENTRIES, "file")} too many`,
    );
  }
  const names: Uint8Array[] = [];
  const seen = new Map<string, number>();
  let totalBlocks = 0;
  for (let i = 0; i < files.length; i++) {
    const f = files[i];
    const name = encodeName(f.name, "file");
    if ("reason" in name) return fail("d64", name.reason, { field: fileField(i, f.name) });
    const key = name.bytes.join(",");
    const first = seen.get(key);
    if (first !== undefined) {
      return fail(
        "d64",
        `the same name on disk as files[${first}] ${JSON.stringify(files[first].name)} ` +
          "(letters of either case are the same on the C64)",
        { field: fileField(i, f.name) },
      );
    }
    seen.set(key, i);
    if (f.type !== undefined && !WRITABLE_TYPES.includes(f.type)) {
      return fail("d64", `unknown file type ${JSON.stringify(f.type)} (use prg, seq or usr)`, {
        field: fileField(i, f.name),
      });
    }
    names.push(name.bytes);
    totalBlocks += blocksFor(f.data.length);
  }
  if (totalBlocks > EMPTY_DISK_FREE_BLOCKS) {
    return fail(
      "d64",
      `the files need ${totalBlocks} blocks, but a disk has ${EMPTY_DISK_FREE_BLOCKS} free: ` +
        `${plural(totalBlocks - EMPTY_DISK_FREE_BLOCKS, "block")} too many`,
    );
  }

  const image = new Uint8Array(D64_BYTES);
  const alloc = new Allocator();
  alloc.use(DIR_TRACK, BAM_SECTOR);
  let dirBlock: TrackSector = { track: DIR_TRACK, sector: FIRST_DIR_SECTOR };
  alloc.use(DIR_TRACK, FIRST_DIR_SECTOR);
  put(image, dirBlock, 0, [0, 0xff]);

  for (let i = 0; i < files.length; i++) {
    const f = files[i];
    if (i > 0 && i % ENTRIES_PER_DIR_BLOCK === 0) {
      // Cannot fail: 144 entries fit in the 18 sectors after the BAM.
      const next = alloc.nextDirBlock(dirBlock.sector)!;
      put(image, dirBlock, 0, [next.track, next.sector]);
      put(image, next, 0, [0, 0xff]);
      dirBlock = next;
    }
    // Cannot fail either: the block total was checked against the free space above.
    const chain: TrackSector[] = [alloc.firstFileBlock()!];
    const blocks = blocksFor(f.data.length);
    while (chain.length < blocks) chain.push(alloc.nextFileBlock(chain[chain.length - 1])!);
    for (let b = 0; b < blocks; b++) {
      const part = f.data.subarray(b * BLOCK_DATA_BYTES, (b + 1) * BLOCK_DATA_BYTES);
      const next = chain[b + 1];
      put(image, chain[b], 0, next ? [next.track, next.sector] : [0, part.length + 1]);
      put(image, chain[b], 2, part);
    }

    const e = sectorOffset(dirBlock.track, dirBlock.sector) +
      (i % ENTRIES_PER_DIR_BLOCK) * ENTRY.size;
    image[e + ENTRY.type] = CLOSED | FILE_TYPES.indexOf(f.type ?? "prg");
    image[e + ENTRY.start] = chain[0].track;
    image[e + ENTRY.start + 1] = chain[0].sector;
    image.fill(PAD, e + ENTRY.name, e + ENTRY.name + 16);
    image.set(names[i], e + ENTRY.name);
    image[e + ENTRY.blocks] = blocks & 0xff;
    image[e + ENTRY.blocks + 1] = blocks >> 8;
  }

  const bamAt = sectorOffset(DIR_TRACK, BAM_SECTOR);
  const header = image.subarray(bamAt, bamAt + SECTOR_BYTES);
  header.set([DIR_TRACK, FIRST_DIR_SECTOR, 0x41, 0x00], BAM.dirLink);
  for (let t = 1; t <= TRACKS; t++) {
    const o = BAM.tracks + 4 * (t - 1);
    header[o] = alloc.freeOnTrack(t);
    for (let s = 0; s < sectorsOnTrack(t); s++) {
      if (alloc.isFree(t, s)) header[o + 1 + (s >> 3)] |= 1 << (s & 7);
    }
  }
  // $90-$AA: name, 2 x $A0, ID, $A0, "2A", 4 x $A0.
  header.fill(PAD, BAM.diskName, BAM.dosType + 6);
  header.set(diskName.bytes, BAM.diskName);
  header.set(diskId.bytes, BAM.diskId);
  header.set([0x32, 0x41], BAM.dosType);
  return ok(image);
};
