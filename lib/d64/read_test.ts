import { assert, assertEquals, assertLeft, assertRight } from "../std/assert.ts";
import { packD64, readD64 } from "./mod.ts";

// Byte offsets written out by hand: track 17 starts after 16 x 21 sectors, track 18 after
// 17 x 21.
const T17 = 16 * 21 * 256;
const BAM = 17 * 21 * 256;
const DIR = BAM + 256; // 18/1

const bytes = (n: number, seed = 1) => new Uint8Array(n).map((_, i) => (i * 13 + seed * 7) & 255);
const sample = () =>
  assertRight(packD64({
    diskName: "soul64 disk",
    diskId: "s6",
    files: [
      { name: "soul64", data: bytes(5000) },
      { name: "notes", type: "seq", data: bytes(254, 2) },
      { name: "empty", type: "usr", data: new Uint8Array(0) },
    ],
  }));

Deno.test("round trip: names, types, block counts, data, free blocks", () => {
  const c = assertRight(readD64(sample()));
  assertEquals(c.diskName, "SOUL64 DISK");
  assertEquals(c.diskId, "S6");
  assertEquals(c.freeBlocks, 664 - 20 - 1 - 1);
  assertEquals(c.files.map((f) => [f.name, f.type, f.blocks, f.closed]), [
    ["SOUL64", "prg", 20, true],
    ["NOTES", "seq", 1, true],
    ["EMPTY", "usr", 1, true],
  ]);
  assertEquals(c.files[0].data, bytes(5000));
  assertEquals(c.files[1].data, bytes(254, 2));
  assertEquals(c.files[2].data, new Uint8Array(0));
  assertEquals(c.files[0].start, { track: 17, sector: 0 });
  assertEquals([...c.files[0].nameBytes], [0x53, 0x4f, 0x55, 0x4c, 0x36, 0x34]);
});

Deno.test("round trip over many directory blocks and a full disk", () => {
  const files = Array.from(
    { length: 40 },
    (_, i) => ({ name: `part ${i}`, data: bytes(i * 150, i) }),
  );
  const c = assertRight(readD64(assertRight(packD64({ diskName: "", diskId: "01", files }))));
  assertEquals(c.diskName, "");
  assertEquals(c.files.map((f) => f.name), files.map((f) => f.name.toUpperCase()));
  for (let i = 0; i < files.length; i++) assertEquals(c.files[i].data, files[i].data);
  const full = [{ name: "a", data: bytes(664 * 254) }];
  const d = assertRight(
    readD64(assertRight(packD64({ diskName: "f", diskId: "01", files: full }))),
  );
  assertEquals(d.freeBlocks, 0);
  assertEquals(d.files[0].data, full[0].data);
});

Deno.test("an image with error bytes is read; names show other bytes as {$xx}", () => {
  const img = new Uint8Array(175531);
  img.set(sample());
  img.fill(1, 174848);
  img[DIR + 5 + 1] = 0xc1; // second letter of "soul64" becomes shifted
  const c = assertRight(readD64(img));
  assertEquals(c.files[0].name, "S{$c1}UL64");
  assertEquals(c.files.length, 3);
});

Deno.test("wrong sizes are refused with the expected sizes", () => {
  assertLeft(readD64(new Uint8Array(1000)), "174848", "175531", "got 1000");
  assertLeft(readD64(new Uint8Array(196608)), "got 196608");
});

Deno.test("a link outside the disk names the block and the link's offset", () => {
  const img = sample();
  // The first file's first block is 17/0; point it at track 36.
  img[T17] = 36;
  img[T17 + 1] = 0;
  const e = assertLeft(readD64(img), "SOUL64", "block 17/0 links to 36/0", "not a sector");
  assertEquals(e.kind, "d64");
  assertEquals(e.offset, T17);
  // A sector beyond the track's 21.
  const img2 = sample();
  img2[T17 + 1] = 21;
  assertLeft(readD64(img2), "block 17/0 links to 17/21", `byte offset ${T17}`);
});

Deno.test("a file starting on track 0 is an error; a DEL entry without data is not", () => {
  const img = sample();
  img[DIR + 3] = 0; // first entry's start track
  assertLeft(readD64(img), "SOUL64", "starts at 0/0", `byte offset ${DIR + 3}`);
  const del = sample();
  del[DIR + 2] = 0x80;
  del[DIR + 3] = 0;
  del[DIR + 4] = 0;
  const c = assertRight(readD64(del));
  assertEquals([c.files[0].type, c.files[0].data.length], ["del", 0]);
});

Deno.test("chain loops are detected in files and in the directory", () => {
  const img = sample();
  // 17/0 -> 17/10 -> ... : make 17/10 link back to 17/0.
  const t17s10 = T17 + 10 * 256;
  img[t17s10] = 17;
  img[t17s10 + 1] = 0;
  assertLeft(readD64(img), "SOUL64", "block 17/10 links to 17/0", "loop", `byte offset ${t17s10}`);
  const dir = sample();
  dir[DIR] = 18;
  dir[DIR + 1] = 1;
  assertLeft(readD64(dir), "directory", "block 18/1 links to 18/1", "loop");
});

Deno.test("a last block claiming index 0 and an unknown type byte are errors", () => {
  const img = sample();
  // "notes" is one block; find it through its directory entry.
  const c = assertRight(readD64(img));
  const { track, sector } = c.files[1].start;
  assertEquals(track, 17);
  const at = T17 + sector * 256;
  img[at + 1] = 0;
  assertLeft(readD64(img), "NOTES", "index 0", `byte offset ${at + 1}`);
  const bad = sample();
  bad[DIR + 2] = 0x87;
  assertLeft(readD64(bad), "unknown file type byte $87", `byte offset ${DIR + 2}`);
});

Deno.test("scratched entries are skipped", () => {
  const img = sample();
  img[DIR + 32 + 2] = 0; // "notes"
  const c = assertRight(readD64(img));
  assertEquals(c.files.map((f) => f.name), ["SOUL64", "EMPTY"]);
  assert(c.files.every((f) => f.closed));
});
