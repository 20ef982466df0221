// Interop with real tools: cc1541 (validates, lists and writes D64 images) and cbmconvert
// (extracts files from and writes D64 images). Our images must pass cc1541's CBM DOS
// validation and give back every file byte for byte through cbmconvert; images the tools build
// must read back through readD64. The tools are required: without them these tests fail
// (CI installs them), they never skip.
import { assert, assertEquals, assertRight, fail } from "../std/assert.ts";
import { type D64FileSpec, packD64, readD64 } from "./mod.ts";

/** Terminal colour codes (cc1541 shows the disk name in reverse video). */
const ANSI_ESCAPE = new RegExp("\u001b\\[[0-9;]*m", "g");

const run = async (cmd: string, args: string[], cwd?: string) => {
  let out: Deno.CommandOutput;
  try {
    out = await new Deno.Command(cmd, { args, cwd, stdout: "piped", stderr: "piped" }).output();
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) {
      return fail(
        `${cmd} is not installed, and the D64 interop tests need it: install it ` +
          `(Debian/Ubuntu: apt-get install -y ${cmd}); CI installs it`,
      );
    }
    throw e;
  }
  const text = (b: Uint8Array) => new TextDecoder().decode(b).replace(ANSI_ESCAPE, "");
  return { code: out.code, stdout: text(out.stdout), stderr: text(out.stderr) };
};

const withTempDir = async (body: (dir: string) => Promise<void>) => {
  const dir = await Deno.makeTempDir({ prefix: "soul64-d64-" });
  try {
    await body(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
};

const bytes = (n: number, seed: number) => {
  // A small LCG: incompressible enough to catch misplaced blocks.
  let x = seed;
  return new Uint8Array(n).map(() => (x = (x * 1103515245 + 12345) >>> 0) >>> 24);
};

// Names are lower case here because both tools show PETSCII $41-$5A as lower case ASCII.
// Ten entries span two directory blocks; "soul64" (36 blocks) runs from track 17 onto 16.
const FILES: D64FileSpec[] = [
  { name: "soul64", data: new Uint8Array([0x01, 0x08, ...bytes(9000, 1)]) },
  { name: "data 1", type: "seq", data: bytes(254, 2) },
  { name: "tiny", type: "usr", data: bytes(1, 3) },
  { name: "notes+v1.0", type: "seq", data: bytes(255, 4) },
  ...Array.from({ length: 6 }, (_, i) => ({ name: `part${i}`, data: bytes(300 * i + 2, 5 + i) })),
];
const blocks = (n: number) => Math.max(1, Math.ceil(n / 254));
const TOTAL_BLOCKS = FILES.reduce((n, f) => n + blocks(f.data.length), 0);
const typeOf = (f: D64FileSpec) => f.type ?? "prg";

/** Parse cc1541's directory listing. */
const parseListing = (text: string) => {
  const header = text.match(/^0 "(.{16})" (.{5})\s*$/m);
  const free = text.match(/^(\d+) blocks free\.\s*$/m);
  const entries = [...text.matchAll(/^(\d+)\s+"([^"]*)"\s+(\w+)\s*$/gm)].map((m) => ({
    blocks: Number(m[1]),
    name: m[2],
    type: m[3],
  }));
  assert(header !== null && free !== null, `cannot read cc1541's listing:\n${text}`);
  return { diskName: header[1].trimEnd(), id: header[2], free: Number(free[1]), entries };
};

Deno.test("cc1541 validates our image, leaves it unchanged, and lists the same directory", async () => {
  const image = assertRight(packD64({ diskName: "soul64 disk", diskId: "s6", files: FILES }));
  await withTempDir(async (dir) => {
    const path = `${dir}/ours.d64`;
    await Deno.writeFile(path, image);
    const r = await run("cc1541", ["-V", path]);
    assertEquals(r.code, 0, `cc1541 -V failed:\n${r.stdout}\n${r.stderr}`);
    assert(/validation passed/.test(r.stdout + r.stderr), r.stdout + r.stderr);
    assertEquals(await Deno.readFile(path), image, "cc1541 changed the image");
    const listing = parseListing(r.stdout);
    assertEquals(listing.diskName, "soul64 disk");
    assertEquals(listing.id, "s6 2a");
    assertEquals(listing.free, 664 - TOTAL_BLOCKS);
    assertEquals(
      listing.entries,
      FILES.map((f) => ({ blocks: blocks(f.data.length), name: f.name, type: typeOf(f) })),
    );
  });
});

Deno.test("cbmconvert extracts every file of our image byte for byte", async () => {
  const image = assertRight(packD64({ diskName: "soul64", diskId: "s6", files: FILES }));
  await withTempDir(async (dir) => {
    await Deno.writeFile(`${dir}/ours.d64`, image);
    await Deno.mkdir(`${dir}/out`);
    const r = await run("cbmconvert", ["-v1", "-N", "-d", "../ours.d64"], `${dir}/out`);
    assertEquals(r.code, 0, `cbmconvert failed:\n${r.stdout}\n${r.stderr}`);
    assertEquals(r.stderr.trim(), "", "cbmconvert warned");
    const names: string[] = [];
    for await (const e of Deno.readDir(`${dir}/out`)) names.push(e.name);
    assertEquals(names.sort(), FILES.map((f) => `${f.name}.${typeOf(f)}`).sort());
    for (const f of FILES) {
      assertEquals(await Deno.readFile(`${dir}/out/${f.name}.${typeOf(f)}`), f.data, f.name);
    }
  });
});

/** readD64 of a tool-made image must give back FILES (names in capitals, as the C64 lists). */
const assertSameContent = (image: Uint8Array) => {
  const c = assertRight(readD64(image));
  assertEquals(
    c.files.map((f) => [f.name, f.type, f.blocks]),
    FILES.map((f) => [f.name.toUpperCase(), typeOf(f), blocks(f.data.length)]),
  );
  FILES.forEach((f, i) => assertEquals(c.files[i].data, f.data, f.name));
  assertEquals(c.freeBlocks, 664 - TOTAL_BLOCKS);
  return c;
};

Deno.test("an image cc1541 builds from the same files reads back through readD64", async () => {
  await withTempDir(async (dir) => {
    const args = ["-n", "soul64 disk", "-i", "s6 2a"];
    for (const [i, f] of FILES.entries()) {
      await Deno.writeFile(`${dir}/${i}.bin`, f.data);
      args.push("-f", f.name, "-T", typeOf(f).toUpperCase(), "-w", `${dir}/${i}.bin`);
    }
    const r = await run("cc1541", [...args, `${dir}/cc.d64`]);
    assertEquals(r.code, 0, `cc1541 failed:\n${r.stdout}\n${r.stderr}`);
    const c = assertSameContent(await Deno.readFile(`${dir}/cc.d64`));
    assertEquals([c.diskName, c.diskId], ["SOUL64 DISK", "S6"]);
  });
});

Deno.test("an image cbmconvert builds from the same files reads back through readD64", async () => {
  await withTempDir(async (dir) => {
    await Deno.mkdir(`${dir}/in`);
    const names: string[] = [];
    for (const f of FILES) {
      names.push(`${f.name}.${typeOf(f)}`);
      await Deno.writeFile(`${dir}/in/${names[names.length - 1]}`, f.data);
    }
    const r = await run("cbmconvert", ["-v1", "-D4", "../cv.d64", "-n", ...names], `${dir}/in`);
    assertEquals(r.code, 0, `cbmconvert failed:\n${r.stdout}\n${r.stderr}`);
    assertSameContent(await Deno.readFile(`${dir}/cv.d64`));
  });
});
