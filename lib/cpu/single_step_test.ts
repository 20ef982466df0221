/**
 * Conformance: replays every case of the single-step 6502 tests in ../shared (151 documented
 * opcodes x 200 cases, plus the JMP ($xxFF) page-wrap and self-overwrite extras) and checks
 * the registers, every final.ram entry and the cycle count of each instruction.
 */
import { assert, assertEquals, fail } from "../std/assert.ts";
import { isSoulError } from "../errors.ts";
import { createCpu, createFlatBus } from "./cpu.ts";
import { OPCODES } from "./opcodes.ts";

const SHARED = new URL("../../../shared/6502-single-step/", import.meta.url);

interface Regs {
  pc: number;
  s: number;
  a: number;
  x: number;
  y: number;
  p: number;
  ram: [number, number][];
}

interface Case {
  name: string;
  initial: Regs;
  final: Regs;
  cycles: unknown[];
}

const missing = (url: URL): string =>
  `the single-step 6502 data is missing: ${url.pathname} not found. The tests expect the ` +
  `shared/ folder beside the repository checkout (DIR/repo and DIR/shared).`;

const readJsonGz = async <T>(url: URL): Promise<T> => {
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    bytes = await Deno.readFile(url);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) fail(missing(url));
    throw e;
  }
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
  return JSON.parse(await new Response(stream).text()) as T;
};

const hex = (n: number, digits: number) => n.toString(16).padStart(digits, "0");

/** Run the cases on one CPU and flat bus; return a description of each mismatch. */
const replay = (cases: readonly Case[]): string[] => {
  const bus = createFlatBus();
  const cpu = createCpu(bus);
  const ram = bus.ram;
  const problems: string[] = [];
  for (const c of cases) {
    const init = c.initial;
    for (const [addr, value] of init.ram) ram[addr] = value;
    cpu.pc = init.pc;
    cpu.s = init.s;
    cpu.a = init.a;
    cpu.x = init.x;
    cpu.y = init.y;
    cpu.p = init.p;
    const took = cpu.step();
    const want = c.final;
    const diffs: string[] = [];
    if (isSoulError(took)) diffs.push(took.message);
    else if (took !== c.cycles.length) diffs.push(`cycles ${took}, want ${c.cycles.length}`);
    for (const r of ["pc", "s", "a", "x", "y", "p"] as const) {
      if (cpu[r] !== want[r]) diffs.push(`${r} ${hex(cpu[r], 2)}, want ${hex(want[r], 2)}`);
    }
    for (const [addr, value] of want.ram) {
      if (ram[addr] !== value) diffs.push(`ram[${hex(addr, 4)}] ${ram[addr]}, want ${value}`);
    }
    if (diffs.length > 0) problems.push(`"${c.name}": ${diffs.join(", ")}`);
    // Leave the memory clean for the next case.
    for (const [addr] of init.ram) ram[addr] = 0;
    for (const [addr] of want.ram) ram[addr] = 0;
  }
  return problems;
};

const check = async (file: string, expectedCases?: number) => {
  const cases = await readJsonGz<Case[]>(new URL(file, SHARED));
  if (expectedCases !== undefined) assertEquals(cases.length, expectedCases, `${file}: cases`);
  const problems = replay(cases);
  if (problems.length > 0) {
    fail(
      `${file}: ${problems.length} of ${cases.length} cases fail:\n  ` +
        problems.slice(0, 10).join("\n  "),
    );
  }
};

Deno.test("single-step: the shared data is there", async () => {
  try {
    await Deno.stat(SHARED);
  } catch {
    fail(missing(SHARED));
  }
});

Deno.test("single-step: opcode table agrees with the manifest", async () => {
  const url = new URL("manifest.json", SHARED);
  let text: string;
  try {
    text = await Deno.readTextFile(url);
  } catch {
    return fail(missing(url));
  }
  const manifest = JSON.parse(text) as {
    opcodes: Record<
      string,
      { mnemonic: string; mode: string; cycle_counts: Record<string, number> }
    >;
  };
  const documented = OPCODES.filter((o) => o !== undefined);
  assertEquals(documented.length, 151);
  assertEquals(Object.keys(manifest.opcodes).length, 151);
  for (const info of documented) {
    const entry = manifest.opcodes[hex(info.opcode, 2)];
    assert(entry !== undefined, `opcode ${hex(info.opcode, 2)} not in the manifest`);
    assertEquals([info.mnemonic, info.mode], [entry.mnemonic, entry.mode]);
    const counts = Object.keys(entry.cycle_counts).map(Number).sort();
    const allowed = info.penalty === "branch"
      ? [info.cycles, info.cycles + 1, info.cycles + 2]
      : info.penalty === "page"
      ? [info.cycles, info.cycles + 1]
      : [info.cycles];
    assert(
      counts.every((n) => allowed.includes(n)) && counts.includes(info.cycles),
      `${info.mnemonic} ${info.mode}: manifest cycles ${counts}, table ${info.cycles} (${info.penalty})`,
    );
  }
});

for (const info of OPCODES) {
  if (info === undefined) continue;
  const file = `6502/${hex(info.opcode, 2)}.json.gz`;
  Deno.test(`single-step: $${hex(info.opcode, 2)} ${info.mnemonic} ${info.mode}`, () =>
    check(file, 200));
}

Deno.test("single-step: extra JMP ($xxFF) page wrap", () =>
  check("extra/6c-page-wrap.json.gz", 49));

Deno.test("single-step: extra self-overwriting instructions", () =>
  check("extra/self-overwrite.json.gz", 16));
