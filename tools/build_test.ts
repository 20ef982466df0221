/**
 * tools/build.ts as a user runs it: the files it writes, byte-identical rebuilds, the floppy's
 * program equal to the PRG, and clear errors for bad input.
 */
import { readD64 } from "../mod.ts";
import { assert, assertEquals, assertRight, assertStringIncludes } from "../lib/std/assert.ts";
import { repoPath } from "../lib/testing/paths.ts";

const build = async (args: string[]) => {
  const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", repoPath("tools/build.ts"), ...args],
    stdout: "piped",
    stderr: "piped",
  }).output();
  return { code, out: new TextDecoder().decode(stdout), err: new TextDecoder().decode(stderr) };
};

const SOUL = ["--soul", repoPath("vectors/souls/random-1.soul")];
const TOK = ["--tokenizer", repoPath("vectors/souls/random-tokenizer.json")];

Deno.test("build: PRG, D64, listing and memory map; twice gives identical bytes", async () => {
  const a = await Deno.makeTempDir(), b = await Deno.makeTempDir();
  try {
    const first = await build([...SOUL, ...TOK, "--output", a, "--disk-name", "test disk"]);
    assertEquals(first.code, 0, first.err);
    assertStringIncludes(first.out, "blocks free");
    assertStringIncludes(first.out, `x64sc -autostart ${a}/soul64.d64`);
    assertEquals(
      (await build([...SOUL, ...TOK, "--output", b, "--disk-name", "test disk"])).code,
      0,
    );
    for (const f of ["soul64.prg", "soul64.d64", "soul64-listing.txt", "soul64-memory-map.txt"]) {
      assertEquals(await Deno.readFile(`${a}/${f}`), await Deno.readFile(`${b}/${f}`), f);
    }
    const disk = assertRight(readD64(await Deno.readFile(`${a}/soul64.d64`)));
    assertEquals(disk.diskName, "TEST DISK");
    assertEquals(disk.files.length, 1);
    assertEquals(disk.files[0].data, await Deno.readFile(`${a}/soul64.prg`));
    assertEquals(disk.files[0].blocks + disk.freeBlocks, 664);
  } finally {
    await Deno.remove(a, { recursive: true });
    await Deno.remove(b, { recursive: true });
  }
});

Deno.test("build: a missing tokenizer or a bad disk name is one clear error line", async () => {
  const missing = await build([...SOUL, "--tokenizer", "/no/tokenizer.json", "--output", "/tmp"]);
  assert(missing.code !== 0);
  assertEquals(missing.err.trim(), "build: /no/tokenizer.json: no such file");
  const dir = await Deno.makeTempDir();
  try {
    const bad = await build([
      ...SOUL,
      ...TOK,
      "--output",
      dir,
      "--disk-name",
      "a name far too long for a disk",
    ]);
    assert(bad.code !== 0);
    assertStringIncludes(bad.err, "build:");
    assertEquals(bad.err.trim().split("\n").length, 1);
    assertEquals([...Deno.readDirSync(dir)], [], "nothing is written when the build fails");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
