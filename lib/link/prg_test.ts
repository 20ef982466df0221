// The stub's expected bytes come from the documented token values (SYS = $9E, REM = $8F) and
// from ACME assembling an equivalent hand-written stub, whose link pointers and code address
// ACME works out from labels. ACME is required (CI installs it): without it the test fails.
import {
  assert,
  assertEquals,
  assertLeft,
  assertRight,
  assertThrows,
  fail,
} from "../std/assert.ts";
import {
  basicStub,
  codeStart,
  findSysAddress,
  makePrg,
  parsePrg,
  stubLength,
  type StubOptions,
} from "./prg.ts";

const SYS = 0x9e, REM = 0x8f, END_OF_LINE = 0x00, END_OF_PROGRAM = [0x00, 0x00];
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

Deno.test("10 SYS2061: the documented bytes, code right after it at $080D", () => {
  const link = [0x0b, 0x08]; // the next line (the end marker) at $080B
  const line10 = [0x0a, 0x00];
  assertEquals(
    [...basicStub(2061)],
    [...link, ...line10, SYS, ...ascii("2061"), END_OF_LINE, ...END_OF_PROGRAM],
  );
  assertEquals(stubLength(2061), 12);
  assertEquals(codeStart(), 0x080d);
  assertEquals(0x0801 + stubLength(codeStart()), codeStart());
});

Deno.test("options: line number, space, comment; other address widths", () => {
  // $0801 + link 2 + line 2 + SYS 1 + space 1 + 5 digits + ":REM " 3 + 6 + end 1 = $0816
  const link = [0x16, 0x08];
  const line2025 = [0xe9, 0x07];
  assertEquals(
    [...basicStub(49152, { lineNumber: 2025, space: true, comment: "Soul64" })],
    [
      ...link,
      ...line2025,
      SYS,
      ...ascii(" 49152"),
      ...ascii(":"),
      REM,
      ...ascii(" SOUL64"),
      END_OF_LINE,
      ...END_OF_PROGRAM,
    ],
  );
  assertEquals([...basicStub(0, { lineNumber: 0 })], [0x08, 0x08, 0, 0, SYS, 0x30, 0, 0, 0]);
  const cases: StubOptions[] = [
    {},
    { space: true },
    { lineNumber: 63999 },
    { comment: "x" },
    { comment: "y".repeat(64), space: true },
  ];
  for (const o of cases) {
    const at = codeStart(o);
    assertEquals(0x0801 + basicStub(at, o).length, at, JSON.stringify(o));
    assertEquals(assertRight(findSysAddress(makePrg(0x0801, basicStub(at, o)))), at);
  }
  assertEquals(codeStart({ space: true }), 0x080e);
  assertThrows(() => basicStub(65536), "0-65535");
  assertThrows(() => basicStub(2061, { lineNumber: 64000 }), "0-63999");
  assertThrows(() => basicStub(2061, { comment: "z".repeat(65) }), "at most 64");
  assertThrows(() => basicStub(2061, { comment: "a_b" }), "character 2");
});

const run = async (cmd: string, args: string[], cwd: string) => {
  try {
    return await new Deno.Command(cmd, { args, cwd, stdout: "piped", stderr: "piped" }).output();
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) {
      return fail(
        `${cmd} is not installed, and the PRG stub tests need it: install it ` +
          `(Debian/Ubuntu: apt-get install -y ${cmd}); CI installs it`,
      );
    }
    throw e;
  }
};

/** Assemble `source` with ACME: the PRG (with load address) and the symbol table. */
const acme = async (source: string) => {
  const dir = await Deno.makeTempDir({ prefix: "soul64-prg-" });
  try {
    await Deno.writeTextFile(`${dir}/stub.a`, source);
    const args = ["--format", "cbm", "-o", "stub.prg", "--symbollist", "stub.sym", "stub.a"];
    const out = await run("acme", args, dir);
    const text = (b: Uint8Array) => new TextDecoder().decode(b);
    assertEquals(out.code, 0, `acme failed:\n${text(out.stdout)}${text(out.stderr)}`);
    const symbols = new Map<string, number>();
    for (const m of (await Deno.readTextFile(`${dir}/stub.sym`)).matchAll(/(\w+)\s*=\s*\$(\w+)/g)) {
      symbols.set(m[1], parseInt(m[2], 16));
    }
    return { prg: await Deno.readFile(`${dir}/stub.prg`), symbols };
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
};

Deno.test("the stub and PRG match what ACME assembles from a hand-written stub", async () => {
  const code = new Uint8Array([0xa9, 0x05, 0x8d, 0x20, 0xd0, 0x60]); // lda #5 : sta $d020 : rts
  const plain = await acme(`
    * = $0801
          !word next, 10
          !byte $9e
          !text "2061"
          !byte 0
    next  !word 0
    start lda #5
          sta $d020
          rts
  `);
  assertEquals(plain.symbols.get("start"), codeStart());
  assertEquals(makePrg(0x0801, new Uint8Array([...basicStub(codeStart()), ...code])), plain.prg);

  // The same with options; !pet converts the lower case comment to PETSCII independently.
  const fancy = await acme(`
    * = $0801
          !word next, 2025
          !byte $9e, $20
          !text "2076"
          !byte $3a, $8f
          !pet " soul64 v1.0"
          !byte 0
    next  !word 0
    start rts
  `);
  const o = { lineNumber: 2025, space: true, comment: "SOUL64 v1.0" };
  assertEquals(fancy.symbols.get("start"), codeStart(o));
  assertEquals(codeStart(o), 2076);
  assertEquals(makePrg(0x0801, new Uint8Array([...basicStub(2076, o), 0x60])), fancy.prg);
});

Deno.test("makePrg and parsePrg: load address, bounds named by byte counts", () => {
  const prg = makePrg(0xc000, new Uint8Array([1, 2, 3]));
  assertEquals([...prg], [0x00, 0xc0, 1, 2, 3]);
  assertEquals(assertRight(parsePrg(prg)), {
    loadAddress: 0xc000,
    data: new Uint8Array([1, 2, 3]),
  });
  assertEquals(assertRight(parsePrg(new Uint8Array([0x01, 0x08]))).data.length, 0);
  // Exactly up to $FFFF is fine; one more byte is not.
  assertEquals(makePrg(0xfffe, new Uint8Array(2)).length, 4);
  assertThrows(() => makePrg(0xfffe, new Uint8Array(3)), "3 bytes loaded at $FFFE run past $FFFF");
  assertThrows(() => makePrg(0x10000, new Uint8Array(0)), "$0000-$FFFF");
  const e = assertLeft(parsePrg(new Uint8Array([1])), "2-byte load address", "has only 1 byte");
  assertEquals(e.kind, "link");
  assertLeft(parsePrg(new Uint8Array(0)), "has only 0 bytes");
  assertLeft(
    parsePrg(new Uint8Array([0xff, 0xff, 1, 2])),
    "2 bytes loaded at $FFFF",
    "at most 1 fit, 1 too many",
  );
});

/** A PRG at $0801 built from BASIC lines given as byte arrays (links computed here). */
const program = (...lines: number[][]) => {
  const out: number[] = [];
  let addr = 0x0801;
  for (const [i, text] of lines.entries()) {
    addr += 4 + text.length + 1;
    out.push(addr & 0xff, addr >> 8, (i + 1) * 10, 0, ...text, 0);
  }
  return new Uint8Array([0x01, 0x08, ...out, 0, 0]);
};
Deno.test("findSysAddress skips REM and quoted text, reads spaced digits", () => {
  const PRINT = 0x99;
  const prg = program(
    [REM, ...ascii(" "), SYS, ...ascii("123")],
    [PRINT, ...ascii('"'), SYS, ...ascii('456"')],
    [PRINT, ...ascii("1:"), SYS, ...ascii(" 49 152:REM")],
  );
  assertEquals(assertRight(findSysAddress(prg)), 49152);
});

Deno.test("findSysAddress errors name the problem and the byte offset", () => {
  assertLeft(findSysAddress(makePrg(0xc000, basicStub(2061))), "loads at $0801", "$C000");
  assertLeft(findSysAddress(program([0x99, ...ascii("1")])), "no SYS", "byte offset 9");
  assertLeft(findSysAddress(program([0x9e, ...ascii("(2061)")])), "line 10", "not followed");
  assertLeft(findSysAddress(program([0x9e, ...ascii("70000")])), "above 65535", "byte offset 6");
  const cut = basicStub(2061).slice(0, 8); // the line loses its end
  assertLeft(findSysAddress(makePrg(0x0801, cut)), "line 10 has no $00", "byte offset 2");
  assertLeft(findSysAddress(new Uint8Array([0x01, 0x08])), "without the $00 $00");
  assertLeft(findSysAddress(new Uint8Array([0x01])), "has only 1 byte");
  assert(findSysAddress(makePrg(0x0801, basicStub(2061)))._tag === "Right");
});
