// Cross-check against ACME 0.97 itself: the same sources must give the same PRG, byte for
// byte (or both must reject them). Covers every entry file under asm/ (files no other file
// includes), testdata/torture.s (every construct, all 151 opcodes in every mode) and a few
// inline cases. ACME must be installed (CI installs it): without it these tests fail.
import { assert, assertEquals, fail } from "../std/assert.ts";
import { listFiles, readBytesSync } from "../std/fs.ts";
import { describeError } from "../errors.ts";
import type { Stmt } from "./ast.ts";
import { assemble, toPrg } from "./assemble.ts";
import { candidatePaths, decodeBytes } from "./files.ts";
import { MODE_LENGTH, OPCODE_TABLE, opcodeEntry } from "./opcodes.ts";
import { parseSource } from "./parser.ts";
import { hex } from "./testing.ts";

const ASM_DIR = new URL("../../asm/", import.meta.url).pathname;
const TESTDATA = new URL("./testdata/", import.meta.url).pathname;

type Outcome = { ok: true; prg: Uint8Array } | { ok: false; error: string };

/** Run ACME in `dir` on `entry`; its PRG or its first error line. */
const runAcme = async (dir: string, entry: string, defines: string[] = []): Promise<Outcome> => {
  const out = await Deno.makeTempFile({ suffix: ".prg" });
  try {
    const args = ["-f", "cbm", "-o", out, ...defines.map((d) => `-D${d}`), entry];
    let result: Deno.CommandOutput;
    try {
      result = await new Deno.Command("acme", { args, cwd: dir, stdout: "piped", stderr: "piped" })
        .output();
    } catch (e) {
      if (e instanceof Deno.errors.NotFound) {
        return fail(
          "ACME is not installed: the cross-check needs /usr/bin/acme (release 0.97; " +
            "`apt-get install acme`). CI installs it; this test does not skip without it.",
        );
      }
      throw e;
    }
    const text = new TextDecoder().decode(result.stderr);
    const error = text.split("\n").find((l) => /error/i.test(l) && !l.startsWith("Warning"));
    if (!result.success || error) return { ok: false, error: error ?? text.trim() };
    return { ok: true, prg: await Deno.readFile(out) };
  } finally {
    await Deno.remove(out).catch(() => {});
  }
};

/** Every file under `dir`, keyed by its path relative to `dir`. */
const loadTree = async (dir: string): Promise<Map<string, Uint8Array>> => {
  const names = await listFiles(dir);
  if (names._tag === "Left") return new Map();
  const files = new Map<string, Uint8Array>();
  for (const name of names.right) {
    const bytes = readBytesSync(`${dir}/${name}`);
    if (bytes._tag === "Right") files.set(name, bytes.right);
  }
  return files;
};

/** Paths named by !source anywhere in a statement tree. */
const includesOf = (body: readonly Stmt[], out: string[] = []): string[] => {
  for (const s of body) {
    if (s.t === "source") out.push(s.path);
    if (s.t === "if") s.branches.forEach((b) => includesOf(b.body, out));
    if ("body" in s && Array.isArray(s.body)) includesOf(s.body, out);
  }
  return out;
};

/** The .s files that no other file includes. */
const entryFiles = (files: ReadonlyMap<string, Uint8Array>): string[] => {
  const sources = [...files.keys()].filter((p) => p.endsWith(".s"));
  const included = new Set<string>();
  for (const path of sources) {
    const parsed = parseSource(path, decodeBytes(files.get(path)!));
    for (const name of includesOf(parsed.body)) {
      candidatePaths(name, path).forEach((p) => included.add(p));
    }
  }
  return sources.filter((p) => !included.has(p)).sort();
};

/** Assemble with both; they must agree on acceptance and, when accepting, on every byte. */
const crossCheck = async (
  dir: string,
  files: ReadonlyMap<string, Uint8Array>,
  entry: string,
  defines: Record<string, number> = {},
): Promise<Uint8Array | undefined> => {
  const acme = await runAcme(dir, entry, Object.entries(defines).map(([k, v]) => `${k}=${v}`));
  const ours = assemble(entry, files, { defines });
  if (ours._tag === "Left") {
    if (acme.ok) return fail(`${entry}: ACME assembles it, we say: ${describeError(ours.left)}`);
    return undefined;
  }
  if (!acme.ok) return fail(`${entry}: we assemble it, ACME says: ${acme.error}`);
  const prg = toPrg(ours.right);
  if (prg.length !== acme.prg.length || prg.some((b, i) => b !== acme.prg[i])) {
    const at = prg.findIndex((b, i) => b !== acme.prg[i]);
    const addr = (acme.prg[0] | (acme.prg[1] << 8)) + at - 2;
    fail(
      `${entry}: PRGs differ (ours ${prg.length} bytes, ACME ${acme.prg.length}); first ` +
        `difference at $${addr.toString(16)}: ours ${hex(prg.subarray(at, at + 8))}, ` +
        `ACME ${hex(acme.prg.subarray(at, at + 8))}`,
    );
  }
  return prg;
};

Deno.test("crosscheck: torture.s is byte-identical with ACME and uses all 151 opcodes", async () => {
  const files = await loadTree(TESTDATA);
  assertEquals(entryFiles(files), ["torture.s"]);
  const prg = await crossCheck(TESTDATA, files, "torture.s");
  assert(prg, "torture.s must assemble");

  // Walk the opcode section instruction by instruction with the table as a disassembler.
  const a = assemble("torture.s", files);
  if (a._tag === "Left") return fail(describeError(a.left));
  const start = a.right.symbols.get("opcodes_start")!;
  const end = a.right.symbols.get("opcodes_end")!;
  const seen = new Set<number>();
  for (let pc = start; pc < end;) {
    const entry = opcodeEntry(a.right.bytes[pc - a.right.loadAddress]);
    assert(entry, `no documented opcode at $${pc.toString(16)}`);
    seen.add(entry.opcode);
    pc += MODE_LENGTH[entry.mode];
  }
  const missing = OPCODE_TABLE.filter((o) => !seen.has(o.opcode));
  assertEquals(missing.map((o) => `${o.mnemonic} ${o.mode}`), []);
});

Deno.test("crosscheck: every entry file under asm/", async () => {
  const files = await loadTree(ASM_DIR);
  const entries = entryFiles(files);
  if (entries.length === 0) {
    console.log("crosscheck: no .s files under asm/ yet");
    return;
  }
  for (const entry of entries) await crossCheck(ASM_DIR, files, entry);
});

// Small sources where ACME's behaviour is easy to get wrong. [name, source, defines]
const INLINE: readonly (readonly [string, string, Record<string, number>?])[] = [
  ["CRLF line ends", "* = $1000\r\nlda #1\r\nfoo nop\r\n!word foo\r\n"],
  ["CR line ends", "* = $1000\rlda #1\rfoo nop\r!word foo\r"],
  ["defines (-D)", "* = $1000\nlda ZP\nlda BIG\n!byte ZP, <BIG\n", { ZP: 0x42, BIG: 0x1234 }],
  ["an include guard with defines", "!ifndef CTX { CTX = 20 }\n* = $1000\n!byte CTX\n", { CTX: 8 }],
  ["forward references through aliases", "* = $1000\nlda a\na = b\nb = c + 1\nc = $20\nlda c\n"],
  ["a stale backward label", "* = $1000\nbeq -\nnop\n- nop\n"],
  ["labels in zero page", "* = $00f0\nv1 !byte 0\nv2 !byte 0\nlda v1\nsta v2,x\nldx v1,y\n"],
];

// Sources both must reject (one per error kind of errors_test.ts).
const REJECTED: readonly string[] = [
  "  ldz #1",
  "!bogus 1",
  "sta #1",
  "lda ($12),x",
  "lda nowhere",
  "foo nop\nfoo nop",
  "beq far\n!fill 128\nfar",
  "!byte 300",
  "lda #256",
  "stx $100,y",
  "lda -1",
  '!error "stop"',
  "+m",
  "!fill n\nn = 3",
  '!text "abc',
  "!if 1 {\nnop",
  '!source "main.s"',
];

Deno.test("crosscheck: inline cases, accepted and rejected alike", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const cases: [string, string, Record<string, number>?][] = [
      ...INLINE.map(([n, s, d]) => [n, s, d] as [string, string, Record<string, number>?]),
      ...REJECTED.map((s) =>
        [`rejects ${JSON.stringify(s)}`, `* = $1000\n${s}\n`] as [string, string]
      ),
    ];
    for (const [name, src, defines] of cases) {
      const bytes = new TextEncoder().encode(src);
      await Deno.writeFile(`${dir}/main.s`, bytes);
      const prg = await crossCheck(dir, new Map([["main.s", bytes]]), "main.s", defines);
      assertEquals(prg === undefined, name.startsWith("rejects"), name);
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
