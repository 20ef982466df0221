/**
 * mod.ts must work when imported from a URL: serve the repository over loopback HTTP (`.ts` as
 * application/typescript) and, in a fresh Deno process with --no-config (so no import map or
 * deno.json can help), import http://127.0.0.1:PORT/mod.ts, run a chat turn and build a D64.
 */
import { assert, assertEquals } from "./std/assert.ts";
import { repoPath } from "./testing/paths.ts";

const TYPES: Record<string, string> = {
  ts: "application/typescript",
  json: "application/json",
  soul: "application/octet-stream",
};

Deno.test("mod.ts imported from a URL in a fresh process", async () => {
  const root = repoPath("");
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, async (req) => {
    const path = decodeURIComponent(new URL(req.url).pathname);
    if (path.includes("..")) return new Response("no", { status: 403 });
    try {
      const body = await Deno.readFile(root + path.slice(1));
      const ext = path.slice(path.lastIndexOf(".") + 1);
      return new Response(body, { headers: { "content-type": TYPES[ext] ?? "text/plain" } });
    } catch {
      return new Response("not found", { status: 404 });
    }
  });
  try {
    const base = `http://127.0.0.1:${server.addr.port}`;
    const script = `
      import * as soul64 from "${base}/mod.ts";
      const bytes = new Uint8Array(await (await fetch("${base}/vectors/souls/random-1.soul")).arrayBuffer());
      const tok = soul64.parseTokenizer(await (await fetch("${base}/vectors/souls/random-tokenizer.json")).text());
      const ids = soul64.pipe(
        soul64.readSoul(bytes),
        soul64.chain((soul) => soul64.isOk(tok) ? soul64.chatTurn(soul, tok.right, "hello") : tok),
        soul64.match((e) => soul64.describeError(e), (turn) => turn.replyIds),
      );
      const floppy = soul64.pipe(
        soul64.readSoul(bytes),
        soul64.chain((soul) => soul64.isOk(tok) ? soul64.buildFloppy(soul, tok.right) : tok),
        soul64.chain((f) => soul64.readD64(f.d64)),
        soul64.match((e) => soul64.describeError(e), (disk) => ({ name: disk.files[0].name, size: disk.files[0].data.length })),
      );
      console.log(JSON.stringify({ ids, floppy }));
    `;
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["run", "--no-config", "--no-lock", `--allow-net=127.0.0.1`, "--allow-import", "-"],
      stdin: "piped",
      stdout: "piped",
      stderr: "piped",
      cwd: "/",
    }).spawn();
    const w = out.stdin.getWriter();
    await w.write(new TextEncoder().encode(script));
    await w.close();
    const { code, stdout, stderr } = await out.output();
    const text = new TextDecoder().decode(stdout).trim();
    assertEquals(code, 0, new TextDecoder().decode(stderr));
    const turns = JSON.parse(await Deno.readTextFile(repoPath("vectors/turn.json"))).cases;
    const expected = turns.find((c: { soul: string; prompt: string }) =>
      c.soul === "souls/random-1.soul" && c.prompt === "hello"
    );
    const got = JSON.parse(text);
    assertEquals(got.ids, expected.replyIds);
    assertEquals(got.floppy.name, "SOUL64");
    assert(got.floppy.size > 20_000, `the program on the disk is ${got.floppy.size} bytes`);
  } finally {
    await server.shutdown();
  }
});
