/**
 * The geometry of a 35-track 1541 disk and the drive's block-allocation policy.
 *
 * A D64 image is the disk's 683 sectors of 256 bytes, track 1 sector 0 first. Tracks 1-17 have
 * 21 sectors, 18-24 have 19, 25-30 have 18 and 31-35 have 17. Track 18 is the directory track:
 * the BAM (block availability map) and disk header at 18/0, the directory chain from 18/1.
 *
 * `Allocator` picks blocks the way the 1541 DOS does when it saves files one after another:
 * - a new file starts on the free track nearest the directory track, trying below it first
 *   (17, 19, 16, 20, ...), at the lowest free sector of that track;
 * - the next block of a file is `interleave` sectors further on the same track (10 for file
 *   data). Past the end of the track the count wraps, and when it wraps to a sector other
 *   than 0 it steps one sector back (so the 21-sector track 17 fills as 0, 10, 20, 8, 18, 6,
 *   16, 4, ...). If that sector is taken, the lowest free sector at or after it (wrapping) is
 *   used;
 * - when the track is full, the file moves to the next track further away from track 18 on
 *   the same side, carrying the sector number across (the interleave is added to it); when
 *   that side is full, it continues on the other side from the track next to 18 (19 or 17),
 *   and finally on the rest of the first side;
 * - file data never goes on track 18. Directory blocks are added on track 18 with interleave
 *   3: 18/1, 18/4, 18/7, ... 18/16, 18/2, 18/5, ...
 *
 * @module
 */

/** Tracks on a standard 1541 disk. */
export const TRACKS = 35;
/** The directory track (BAM and directory). */
export const DIR_TRACK = 18;
/** Sector of the BAM and disk header on the directory track. */
export const BAM_SECTOR = 0;
/** Sector of the first directory block. */
export const FIRST_DIR_SECTOR = 1;
/** Bytes per sector. */
export const SECTOR_BYTES = 256;
/** Data bytes in one file block (the first two bytes link to the next block). */
export const BLOCK_DATA_BYTES = 254;
/** Sectors on the disk. */
export const TOTAL_SECTORS = 683;
/** Size of an image without error bytes. */
export const D64_BYTES: number = TOTAL_SECTORS * SECTOR_BYTES;
/** Size of an image with one error byte per sector appended. */
export const D64_BYTES_WITH_ERRORS: number = D64_BYTES + TOTAL_SECTORS;
/** Sector interleave of file data (the 1541 default). */
export const FILE_INTERLEAVE = 10;
/** Sector interleave of directory blocks. */
export const DIR_INTERLEAVE = 3;
/** Directory entries per directory block. */
export const ENTRIES_PER_DIR_BLOCK = 8;
/** Directory entries on a disk: every sector of track 18 except the BAM holds 8. */
export const MAX_DIR_ENTRIES = 144;
/** "BLOCKS FREE" on an empty disk: every sector outside track 18. */
export const EMPTY_DISK_FREE_BLOCKS = 664;

/** Offsets in the BAM sector (18/0). */
export const BAM = {
  /** Link to the first directory block (18/1). */
  dirLink: 0x00,
  /** DOS version byte, $41 ("A") on a 1541. */
  dosVersion: 0x02,
  /** Four bytes per track from track 1: free count, then a bitmap (bit set = free). */
  tracks: 0x04,
  /** Disk name, 16 bytes padded with $A0. */
  diskName: 0x90,
  /** Disk ID, 2 bytes. */
  diskId: 0xa2,
  /** DOS type "2A", 2 bytes. */
  dosType: 0xa5,
} as const;

/** Offsets in a 32-byte directory entry (the first entry's bytes 0-1 link the block on). */
export const ENTRY = {
  size: 32,
  /** File type code (0 DEL, 1 SEQ, 2 PRG, 3 USR, 4 REL), $80 = closed, $40 = locked. */
  type: 0x02,
  /** Track and sector of the first data block. */
  start: 0x03,
  /** File name, 16 bytes padded with $A0. */
  name: 0x05,
  /** Size in blocks, little-endian. */
  blocks: 0x1e,
} as const;

/** A file type as the directory lists it. */
export type FileTypeName = "del" | "seq" | "prg" | "usr" | "rel";
/** File types by their code in a directory entry. */
export const FILE_TYPES: readonly FileTypeName[] = ["del", "seq", "prg", "usr", "rel"];
/** The closed-file flag of a directory entry's type byte. */
export const CLOSED = 0x80;

/** Sectors on `track` (1-35). */
export const sectorsOnTrack = (track: number): number =>
  track <= 17 ? 21 : track <= 24 ? 19 : track <= 30 ? 18 : 17;

const firstSectorIndex: readonly number[] = (() => {
  const out = [0, 0];
  for (let t = 1; t < TRACKS; t++) out.push(out[t] + sectorsOnTrack(t));
  return out;
})();

/** True when track/sector names a sector of a 35-track disk. */
export const isValidSector = (track: number, sector: number): boolean =>
  Number.isInteger(track) && Number.isInteger(sector) && track >= 1 && track <= TRACKS &&
  sector >= 0 && sector < sectorsOnTrack(track);

/** Index (0-682) of a sector in image order. The caller ensures it is valid. */
export const sectorIndex = (track: number, sector: number): number =>
  firstSectorIndex[track] + sector;

/** Byte offset of a sector in the image. The caller ensures it is valid. */
export const sectorOffset = (track: number, sector: number): number =>
  sectorIndex(track, sector) * SECTOR_BYTES;

/** Blocks a file of `length` bytes occupies (an empty file still takes one block). */
export const blocksFor = (length: number): number =>
  Math.max(1, Math.ceil(length / BLOCK_DATA_BYTES));

/** A track and sector. */
export interface TrackSector {
  /** 1-35. */
  readonly track: number;
  /** 0 up to the track's sector count less one. */
  readonly sector: number;
}

/** The sector `interleave` steps after `sector` on `track`, wrapped the way the DOS does. */
export const addInterleave = (track: number, sector: number, interleave: number): number => {
  const n = sectorsOnTrack(track);
  let s = sector + interleave;
  if (s >= n) {
    s -= n;
    if (s !== 0) s--;
  }
  // With 17-21 sectors a track and interleaves up to 10, one wrap always lands in range, also
  // for a sector number carried over from a longer track.
  return s;
};

/**
 * The free/used state of every sector while a disk is being written, and the allocation
 * policy (see the module comment). Local mutable state: one instance per image being built.
 */
export class Allocator {
  /** 1 = free, one entry per sector in image order. */
  readonly free = new Uint8Array(TOTAL_SECTORS).fill(1);

  /** Mark a sector used. */
  use(track: number, sector: number): void {
    this.free[sectorIndex(track, sector)] = 0;
  }

  /** True when a sector is free. */
  isFree(track: number, sector: number): boolean {
    return this.free[sectorIndex(track, sector)] === 1;
  }

  /** Free sectors on a track. */
  freeOnTrack(track: number): number {
    let n = 0;
    const base = sectorIndex(track, 0);
    for (let s = 0; s < sectorsOnTrack(track); s++) n += this.free[base + s];
    return n;
  }

  /** Take the first free sector at or after `start` on `track` (wrapping), or undefined. */
  private takeFrom(track: number, start: number): TrackSector | undefined {
    const n = sectorsOnTrack(track);
    for (let i = 0; i < n; i++) {
      const sector = (start + i) % n;
      if (this.isFree(track, sector)) {
        this.use(track, sector);
        return { track, sector };
      }
    }
    return undefined;
  }

  /** The first block of a new file: nearest track to 18 (below first), lowest free sector. */
  firstFileBlock(): TrackSector | undefined {
    for (let d = 1; d < TRACKS; d++) {
      for (const track of [DIR_TRACK - d, DIR_TRACK + d]) {
        if (track < 1 || track > TRACKS) continue;
        const got = this.takeFrom(track, 0);
        if (got !== undefined) return got;
      }
    }
    return undefined;
  }

  /** The block after `prev` in a file's chain (never on track 18). */
  nextFileBlock(prev: TrackSector): TrackSector | undefined {
    const same = this.takeFrom(
      prev.track,
      addInterleave(prev.track, prev.sector, FILE_INTERLEAVE),
    );
    if (same !== undefined) return same;
    // Walk away from track 18 on the current side, then the other side from the track next to
    // 18, then the rest of the first side.
    const down = prev.track < DIR_TRACK;
    const sides: [number, number, number][] = down
      ? [[prev.track - 1, -1, prev.sector], [DIR_TRACK + 1, 1, 0], [DIR_TRACK - 1, -1, 0]]
      : [[prev.track + 1, 1, prev.sector], [DIR_TRACK - 1, -1, 0], [DIR_TRACK + 1, 1, 0]];
    for (const [from, step, carried] of sides) {
      for (let track = from; track >= 1 && track <= TRACKS; track += step) {
        const got = this.takeFrom(track, addInterleave(track, carried, FILE_INTERLEAVE));
        if (got !== undefined) return got;
      }
    }
    return undefined;
  }

  /** The directory block after `prevSector` on track 18, or undefined when the track is full. */
  nextDirBlock(prevSector: number): TrackSector | undefined {
    return this.takeFrom(DIR_TRACK, addInterleave(DIR_TRACK, prevSector, DIR_INTERLEAVE));
  }
}
