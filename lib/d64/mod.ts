/**
 * pack-d64: the last stage. Puts the linked program (and any data files) on a standard
 * 35-track 1541 disk image, and reads such images back (for tests, tools and the C64 harness).
 *
 * - {@link packD64} writes an image the way a 1541 saves files onto a fresh disk: BAM at 18/0,
 *   directory from 18/1, file blocks with interleave 10 starting next to track 18.
 * - {@link readD64} lists an image and extracts its files, with range and loop checks.
 *
 * File and disk names are ASCII text; letters of either case become the PETSCII capitals the
 * C64 lists and LOAD expects (see `petscii.ts`).
 *
 * @module
 */
export { packD64 } from "./write.ts";
export type { D64FileSpec, D64Spec, WritableFileType } from "./write.ts";
export { readD64 } from "./read.ts";
export type { D64Contents, D64File } from "./read.ts";
export type { FileTypeName, TrackSector } from "./layout.ts";
export {
  D64_BYTES,
  D64_BYTES_WITH_ERRORS,
  EMPTY_DISK_FREE_BLOCKS,
  MAX_DIR_ENTRIES,
} from "./layout.ts";
