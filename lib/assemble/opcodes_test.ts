// The opcode table against independent data: the manifest of the 6502 single-step tests
// (../shared/6502-single-step), which lists each documented opcode's mnemonic, addressing
// mode and the cycle counts measured over 200 cases.
import { assert, assertEquals } from "../std/assert.ts";
import { readTextSync } from "../std/fs.ts";
import {
  cyclesText,
  isMnemonic,
  MODE_LENGTH,
  modesOf,
  OPCODE_TABLE,
  opcodeEntry,
  type OperandMode,
} from "./opcodes.ts";

const MANIFEST = new URL("../../../shared/6502-single-step/manifest.json", import.meta.url);

interface ManifestEntry {
  mnemonic: string;
  mode: string;
  cycle_counts: Record<string, number>;
}

const manifestMode: Record<string, OperandMode> = {
  impl: "imp",
  A: "acc",
  imm: "imm",
  zp: "zp",
  "zp,X": "zpx",
  "zp,Y": "zpy",
  abs: "abs",
  "abs,X": "absx",
  "abs,Y": "absy",
  "(abs)": "ind",
  "(zp,X)": "indx",
  "(zp),Y": "indy",
  rel: "rel",
};

const loadManifest = (): Record<string, ManifestEntry> => {
  const text = readTextSync(MANIFEST.pathname);
  if (text._tag === "Left") throw new Error(`../shared is missing: ${text.left.message}`);
  return JSON.parse(text.right).opcodes;
};

Deno.test("opcodes: 151 documented opcodes, 56 mnemonics, no duplicates", () => {
  assertEquals(OPCODE_TABLE.length, 151);
  assertEquals(new Set(OPCODE_TABLE.map((o) => o.opcode)).size, 151);
  assertEquals(new Set(OPCODE_TABLE.map((o) => o.mnemonic)).size, 56);
  assertEquals(new Set(OPCODE_TABLE.map((o) => `${o.mnemonic} ${o.mode}`)).size, 151);
});

Deno.test("opcodes: every entry agrees with the single-step manifest", () => {
  const manifest = loadManifest();
  assertEquals(Object.keys(manifest).length, 151);
  for (const [hex, m] of Object.entries(manifest)) {
    const entry = opcodeEntry(parseInt(hex, 16));
    assert(entry, `opcode $${hex} missing`);
    const counts = Object.keys(m.cycle_counts).map(Number);
    const base = Math.min(...counts);
    // Branches take 2, 3 or 4 cycles; indexed reads 4 or 5 (5 or 6); the rest one count.
    const extra = m.mode === "rel" ? "branch" : Math.max(...counts) > base ? "page" : "none";
    assertEquals(
      [entry.mnemonic, entry.mode, entry.cycles, entry.extra],
      [m.mnemonic.toLowerCase(), manifestMode[m.mode], base, extra],
      `opcode $${hex}`,
    );
  }
});

Deno.test("opcodes: lookups by name and by byte agree", () => {
  for (const entry of OPCODE_TABLE) {
    assertEquals(modesOf(entry.mnemonic)?.get(entry.mode), entry);
    assertEquals(opcodeEntry(entry.opcode), entry);
    assert(isMnemonic(entry.mnemonic.toUpperCase()));
  }
  assertEquals(opcodeEntry(0x02), undefined); // undocumented (JAM)
  assertEquals(isMnemonic("lax"), false); // undocumented mnemonics are not ours
});

Deno.test("opcodes: lengths and the listing's cycle text", () => {
  // Datasheet: implied/accumulator 1 byte, zero page and immediate 2, absolute 3.
  assertEquals([MODE_LENGTH.imp, MODE_LENGTH.zpx, MODE_LENGTH.indy, MODE_LENGTH.absy], [
    1,
    2,
    2,
    3,
  ]);
  assertEquals(cyclesText(modesOf("lda")!.get("absx")!), "4+");
  assertEquals(cyclesText(modesOf("sta")!.get("absx")!), "5");
  assertEquals(cyclesText(modesOf("bne")!.get("rel")!), "2+");
});
