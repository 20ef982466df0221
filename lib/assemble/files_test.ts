// Files: path resolution for !source and !binary, byte-for-byte decoding, on-demand maps.
import { assertEquals, assertRight } from "../std/assert.ts";
import { assemble } from "./assemble.ts";
import { candidatePaths, decodeBytes, normalizePath } from "./files.ts";
import { hex, vfs } from "./testing.ts";

Deno.test("files: paths are normalized", () => {
  assertEquals(normalizePath("a/./b/../c"), "a/c");
  assertEquals(normalizePath("./x.s"), "x.s");
  assertEquals(normalizePath("../up/x.s"), "../up/x.s");
  assertEquals(normalizePath("/abs//dir/x.s"), "/abs/dir/x.s");
});

Deno.test("files: the including file's directory first, then the root", () => {
  assertEquals(candidatePaths("inc.s", "lib/a.s"), ["lib/inc.s", "inc.s"]);
  assertEquals(candidatePaths("lib/inc.s", "lib/a.s"), ["lib/lib/inc.s", "lib/inc.s"]);
  assertEquals(candidatePaths("inc.s", "main.s"), ["inc.s"]);
  assertEquals(candidatePaths("/abs/inc.s", "lib/a.s"), ["/abs/inc.s"]);
});

Deno.test("files: !source and !binary resolve beside the includer, else from the root", () => {
  const files = vfs({
    "main.s": '* = $1000\n!source "lib/a.s"\n',
    "lib/a.s": '!source "near.s"\n!source "far.s"\n!binary "data.bin"\n',
    "lib/near.s": "!byte 1\n",
    "near.s": "!byte 99\n", // shadowed by lib/near.s
    "far.s": "!byte 2\n",
    "lib/data.bin": new Uint8Array([3, 4]),
  });
  assertEquals(hex(assertRight(assemble("main.s", files)).bytes), "01 02 03 04");
});

Deno.test("files: source bytes are read one character per byte", () => {
  const bytes = Uint8Array.from({ length: 256 }, (_, i) => i);
  const text = decodeBytes(bytes);
  assertEquals(text.length, 256);
  assertEquals([...text].map((c) => c.charCodeAt(0)), [...bytes]);
});

Deno.test("files: only get() is called, so files can load on demand", () => {
  const store = vfs({ "main.s": '* = $1000\n!source "inc.s"\n', "inc.s": "rts\n" });
  const asked: string[] = [];
  const lazy = {
    get: (path: string) => {
      asked.push(path);
      return store.get(path);
    },
  } as unknown as ReadonlyMap<string, Uint8Array>;
  assertEquals(hex(assertRight(assemble("main.s", lazy)).bytes), "60");
  assertEquals(asked, ["main.s", "inc.s"]);
});
