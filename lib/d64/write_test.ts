// packD64's layout, checked against the raw bytes with a geometry table written out here (not
// imported from layout.ts), so a mistake there cannot hide itself.
import { assert, assertEquals, assertLeft, assertRight } from "../std/assert.ts";
import { type D64FileSpec, packD64 } from "./mod.ts";

const SPT = [
  ...Array(17).fill(21),
  ...Array(7).fill(19),
  ...Array(6).fill(18),
  ...Array(5).fill(17),
];
const offsetOf = (t: number, s: number) => {
  let n = 0;
  for (let i = 1; i < t; i++) n += SPT[i - 1];
  return (n + s) * 256;
};
const sector = (img: Uint8Array, t: number, s: number) =>
  img.subarray(offsetOf(t, s), offsetOf(t, s) + 256);
const BAM_T = 18;

/** Follow a file's chain by hand: [track, sector] of every block. */
const chainOf = (img: Uint8Array, t: number, s: number): [number, number][] => {
  const out: [number, number][] = [];
  while (t !== 0) {
    out.push([t, s]);
    assert(out.length <= 683, "chain loops");
    const b = sector(img, t, s);
    [t, s] = [b[0], b[1]];
  }
  return out;
};
/** Directory entry `i` (0-based, in the first directory block's chain order). */
const entry = (img: Uint8Array, i: number) => {
  let [t, s] = [18, 1];
  for (let k = 0; k < Math.floor(i / 8); k++) [t, s] = [sector(img, t, s)[0], sector(img, t, s)[1]];
  const e = sector(img, t, s).subarray((i % 8) * 32, (i % 8) * 32 + 32);
  return { type: e[2], t: e[3], s: e[4], name: e.slice(5, 21), blocks: e[30] | (e[31] << 8) };
};
const bytes = (n: number, seed = 1) => new Uint8Array(n).map((_, i) => (i * 31 + seed * 17) & 255);
const pack = (files: D64FileSpec[], diskName = "soul64", diskId = "s6") =>
  assertRight(packD64({ diskName, diskId, files }));
const freeCount = (img: Uint8Array, t: number) => sector(img, 18, 0)[4 * t];
const blocksFree = (img: Uint8Array) =>
  SPT.reduce((n, _, i) => n + (i + 1 === BAM_T ? 0 : freeCount(img, i + 1)), 0);

Deno.test("empty disk: size, BAM header, 664 blocks free, directory at 18/1", () => {
  const img = pack([], "Soul Disk", "S6");
  assertEquals(img.length, 174848);
  const bam = sector(img, 18, 0);
  assertEquals([...bam.subarray(0, 4)], [18, 1, 0x41, 0x00]);
  assertEquals(blocksFree(img), 664);
  // Track 18: BAM and first directory block used, 17 of 19 free.
  assertEquals([...bam.subarray(4 * 18, 4 * 18 + 4)], [17, 0xfc, 0xff, 0x07]);
  assertEquals([...bam.subarray(4, 8)], [21, 0xff, 0xff, 0x1f]); // track 1, 21 sectors
  assertEquals([...bam.subarray(4 * 25, 4 * 25 + 4)], [18, 0xff, 0xff, 0x03]); // 18 sectors
  assertEquals([...bam.subarray(4 * 35, 4 * 35 + 4)], [17, 0xff, 0xff, 0x01]); // 17 sectors
  // "SOUL DISK" (both cases become $41-$5A), padding, ID, "2A".
  const name = [0x53, 0x4f, 0x55, 0x4c, 0x20, 0x44, 0x49, 0x53, 0x4b];
  assertEquals([...bam.subarray(0x90, 0xab)], [
    ...name,
    ...Array(7 + 2).fill(0xa0),
    0x53,
    0x36,
    0xa0,
    0x32,
    0x41,
    0xa0,
    0xa0,
    0xa0,
    0xa0,
  ]);
  assert(bam.subarray(0xab).every((b) => b === 0));
  assertEquals([...sector(img, 18, 1).subarray(0, 2)], [0x00, 0xff]);
  assert(sector(img, 18, 1).subarray(2).every((b) => b === 0));
});

Deno.test("first file starts at 17/0 and fills track 17 with interleave 10, then track 16", () => {
  const img = pack([{ name: "soul64", data: bytes(25 * 254) }]);
  const e = entry(img, 0);
  assertEquals([e.type, e.t, e.s, e.blocks], [0x82, 17, 0, 25]);
  // Sector + 10; past the end of the 21-sector track wrap, and step back one unless the wrap
  // lands on 0; a taken sector moves on to the next free one.
  const t17 = [0, 10, 20, 8, 18, 6, 16, 4, 14, 2, 12, 1, 11, 3, 13, 5, 15, 7, 17, 9, 19];
  // Track 16 continues from the last sector: 19 + 10 = 29 -> 8 -> 7, then 17, 27 -> 5, 15.
  const t16 = [7, 17, 5, 15];
  assertEquals(chainOf(img, 17, 0), [...t17.map((s) => [17, s]), ...t16.map((s) => [16, s])]);
  assertEquals(freeCount(img, 17), 0);
  assertEquals(freeCount(img, 16), 17);
  assertEquals(blocksFree(img), 664 - 25);
  // Bitmap of track 16: sectors 5, 7, 15, 17 used.
  const used = (1 << 5) | (1 << 7) | (1 << 15) | (1 << 17);
  const map = 0x1fffff & ~used;
  assertEquals([...sector(img, 18, 0).subarray(4 * 16 + 1, 4 * 16 + 4)], [
    map & 255,
    (map >> 8) & 255,
    map >> 16,
  ]);
});

Deno.test("a later file starts at the lowest free sector of the track nearest 18", () => {
  const img = pack([
    { name: "a", data: bytes(3 * 254) },
    { name: "b", data: bytes(2 * 254) },
  ]);
  assertEquals(chainOf(img, entry(img, 0).t, entry(img, 0).s), [[17, 0], [17, 10], [17, 20]]);
  assertEquals(chainOf(img, entry(img, 1).t, entry(img, 1).s), [[17, 1], [17, 11]]);
});

Deno.test("block sizes and the last block's byte count", () => {
  const cases: [number, number, number][] = [
    [0, 1, 0x01], // an empty file still takes a block, with no data bytes
    [1, 1, 0x02],
    [254, 1, 0xff],
    [255, 2, 0x02],
    [508, 2, 0xff],
  ];
  for (const [len, blocks, last] of cases) {
    const data = bytes(len, 3);
    const img = pack([{ name: "f", data }]);
    const e = entry(img, 0);
    assertEquals(e.blocks, blocks, `${len} bytes`);
    const chain = chainOf(img, e.t, e.s);
    assertEquals(chain.length, blocks, `${len} bytes`);
    const [lt, ls] = chain[chain.length - 1];
    assertEquals([...sector(img, lt, ls).subarray(0, 2)], [0, last], `${len} bytes`);
    const got = chain.flatMap(([t, s], i) => {
      const b = sector(img, t, s);
      return [...b.subarray(2, i === chain.length - 1 ? b[1] + 1 : 256)];
    });
    assertEquals(got, [...data], `${len} bytes`);
  }
});

Deno.test("file types and the closed flag", () => {
  const img = pack([
    { name: "p", data: bytes(10) },
    { name: "s", type: "seq", data: bytes(10) },
    { name: "u", type: "usr", data: bytes(10) },
  ]);
  assertEquals([0, 1, 2].map((i) => entry(img, i).type), [0x82, 0x81, 0x83]);
});

Deno.test("the ninth file opens directory block 18/4; 144 files use all of track 18", () => {
  const nine = pack(Array.from({ length: 9 }, (_, i) => ({ name: `f${i}`, data: bytes(10) })));
  assertEquals([...sector(nine, 18, 1).subarray(0, 2)], [18, 4]);
  assertEquals([...sector(nine, 18, 4).subarray(0, 2)], [0, 0xff]);
  assertEquals(freeCount(nine, 18), 16);
  assertEquals(entry(nine, 8).name[0], 0x46); // "F"

  const full = pack(Array.from({ length: 144 }, (_, i) => ({ name: `f${i}`, data: bytes(3) })));
  const dir = chainOf(full, 18, 1).map(([, s]) => s);
  assertEquals(dir, [1, 4, 7, 10, 13, 16, 2, 5, 8, 11, 14, 17, 3, 6, 9, 12, 15, 18]);
  assertEquals(freeCount(full, 18), 0);
  assertEquals(blocksFree(full), 664 - 144);
});

Deno.test("a full disk: 664 blocks, spread over both halves, nothing on track 18", () => {
  const img = pack([
    { name: "big", data: bytes(600 * 254) },
    { name: "rest", data: bytes(64 * 254 - 5) },
  ]);
  assertEquals(blocksFree(img), 0);
  const all = [0, 1].flatMap((i) => chainOf(img, entry(img, i).t, entry(img, i).s));
  assertEquals(all.length, 664);
  assertEquals(new Set(all.map(([t, s]) => `${t}/${s}`)).size, 664);
  assert(all.every(([t]) => t !== 18));
  // The big file runs 17 down to 1, then continues at 19 (sector 10) upwards.
  const big = chainOf(img, 17, 0);
  assertEquals(big[21 * 17], [19, 10]);
  for (let t = 1; t <= 35; t++) {
    if (t !== 18) assertEquals(freeCount(img, t), 0, `track ${t}`);
  }
});

Deno.test("overflow and directory limits say by how much", () => {
  assertLeft(
    packD64({ diskName: "x", diskId: "01", files: [{ name: "big", data: bytes(665 * 254) }] }),
    "665 blocks",
    "664 free",
    "1 block too many",
  );
  assertLeft(
    packD64({
      diskName: "x",
      diskId: "01",
      files: [{ name: "a", data: bytes(600 * 254) }, { name: "b", data: bytes(70 * 254) }],
    }),
    "6 blocks too many",
  );
  assertLeft(
    packD64({
      diskName: "x",
      diskId: "01",
      files: Array.from({ length: 146 }, (_, i) => ({ name: `f${i}`, data: bytes(1) })),
    }),
    "146 files",
    "144",
    "2 files too many",
  );
});

Deno.test("name errors name the file", () => {
  const one = (name: string) =>
    packD64({ diskName: "x", diskId: "01", files: [{ name, data: bytes(5) }] });
  assertLeft(one("a-name-of-17-char"), 'files[0] "a-name-of-17-char"', "at most 16", "got 17");
  assertEquals(entry(assertRight(one("a-name-of-16-chr")), 0).name.length, 16);
  assertLeft(one(""), "files[0]", "cannot be empty");
  assertLeft(one("a,b"), '"a,b"', "special meaning");
  assertLeft(one("what?"), "special meaning");
  assertLeft(one("$dir"), "cannot start with $");
  assertLeft(one("tab\there"), "character 4");
  assertLeft(one("caf\u00e9"), "character 4", "no PETSCII");
  const d64 = (e: ReturnType<typeof one>) => assertLeft(e).kind;
  assertEquals(d64(one("")), "d64");
  assertLeft(
    packD64({
      diskName: "x",
      diskId: "01",
      files: [{ name: "Soul", data: bytes(1) }, { name: "SOUL", data: bytes(1) }],
    }),
    'files[1] "SOUL"',
    'files[0] "Soul"',
  );
  assertLeft(packD64({ diskName: "x".repeat(17), diskId: "01", files: [] }), "disk name", "17");
  assertLeft(packD64({ diskName: "x", diskId: "1", files: [] }), "disk ID", "2 characters");
  assertLeft(
    packD64({
      diskName: "x",
      diskId: "01",
      files: [{ name: "r", type: "rel" as "prg", data: bytes(1) }],
    }),
    "unknown file type",
  );
});

Deno.test("deterministic: the same inputs give identical bytes", () => {
  const files = [{ name: "soul64", data: bytes(3000) }, {
    name: "Data",
    type: "seq" as const,
    data: bytes(77),
  }];
  assertEquals(pack(files), pack(files));
});
