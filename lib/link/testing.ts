/**
 * Test-only helpers for the engine: link a soul once, load the program into a bare 6502 on a
 * flat bus, and call routines by their symbol (a JSR with a return trap), poking inputs into
 * buffers and reading results back. Also loads the compat soul from ../shared.
 *
 * @module
 */
import { type Cpu, createCpu, createFlatBus } from "../cpu/mod.ts";
import { E } from "../deps.ts";
import { describeError } from "../errors.ts";
import { readSoul, type Soul } from "../soul/mod.ts";
import { bytesOf, sharedPath, textOf } from "../testing/paths.ts";
import { loadVectorSoul, loadVectorTokenizer } from "../testing/vectors.ts";
import { parseTokenizer, type Tokenizer } from "../tokenize/mod.ts";
import { link, type Linked } from "./mod.ts";
import { ENGINE_FILES, renderSources } from "./sources_render.ts";

/** The compat seed soul and tokenizer from ../shared/compat (fails clearly when missing). */
export const seedPair = (): { soul: Soul; tok: Tokenizer } => {
  const soul = readSoul(bytesOf(sharedPath("compat/seed-soul.bin")), "seed-soul.bin");
  const tok = parseTokenizer(
    textOf(sharedPath("compat/seed-tokenizer.json")),
    "seed-tokenizer.json",
  );
  if (E.isLeft(soul)) throw new Error(describeError(soul.left));
  if (E.isLeft(tok)) throw new Error(describeError(tok.left));
  return { soul: soul.right, tok: tok.right };
};

/** A seeded random soul from vectors/souls with the random tokenizer. */
export const vectorPair = (soulFile: string): { soul: Soul; tok: Tokenizer } => ({
  soul: loadVectorSoul(soulFile),
  tok: loadVectorTokenizer("souls/random-tokenizer.json"),
});

const linkedCache = new Map<string, Linked>();

/** Link (memoized by key). */
export const linked = (key: string, soul: Soul, tok: Tokenizer): Linked => {
  const hit = linkedCache.get(key);
  if (hit) return hit;
  const r = link(soul, tok);
  if (E.isLeft(r)) throw new Error(describeError(r.left));
  linkedCache.set(key, r.right);
  return r.right;
};

/** Where a routine called by `call` returns to (never executed: the run stops there). */
const RETURN_TRAP = 0x0340;

/** A bare machine with the program loaded (flat RAM: no ROMs, no banking, no I/O). */
export class Bare {
  readonly cpu: Cpu;
  readonly ram: Uint8Array;
  constructor(readonly prog: Linked) {
    const bus = createFlatBus();
    this.ram = bus.ram;
    const prg = prog.prg;
    this.ram.set(prg.subarray(2), prg[0] | (prg[1] << 8));
    this.cpu = createCpu(bus);
  }
  /** A symbol's value (throws when missing). */
  sym(name: string): number {
    const v = this.prog.symbols.get(name);
    if (v === undefined) throw new Error(`no symbol ${name}`);
    return v;
  }
  /** JSR to a routine and run until it returns; the cycles it took. */
  call(name: string, maxCycles = 50_000_000, profile?: Float64Array): number {
    const cpu = this.cpu;
    cpu.s = 0xff;
    const ret = RETURN_TRAP - 1;
    this.ram[0x1ff] = ret >> 8;
    this.ram[0x1fe] = ret & 0xff;
    cpu.s = 0xfd;
    cpu.pc = this.sym(name);
    const r = cpu.run({ maxCycles, stopAt: RETURN_TRAP, stopOnSelfLoop: false, profile });
    if (E.isLeft(r)) throw new Error(`${name}: ${describeError(r.left)}`);
    if (r.right.reason !== "stop-pc") {
      throw new Error(`${name}: stopped (${r.right.reason}) at $${r.right.pc.toString(16)}`);
    }
    return r.right.cycles;
  }
  /** Write int16 values into the planes NAME_LO / NAME_HI (or explicit addresses). */
  pokeVec(lo: number, hi: number, values: ArrayLike<number>): void {
    for (let i = 0; i < values.length; i++) {
      this.ram[lo + i] = values[i] & 0xff;
      this.ram[hi + i] = (values[i] >> 8) & 0xff;
    }
  }
  /** Read n int16 values from two planes. */
  peekVec(lo: number, hi: number, n: number): number[] {
    const out: number[] = [];
    for (let i = 0; i < n; i++) out.push(((this.ram[hi + i] << 8) | this.ram[lo + i]) << 16 >> 16);
    return out;
  }
  /** Write a 16-bit word. */
  pokeWord(addr: number, v: number): void {
    this.ram[addr] = v & 0xff;
    this.ram[addr + 1] = (v >> 8) & 0xff;
  }
}

/** The formatted module for the sources under `asmDir` (reads files; runs `deno fmt -`). */
export const embeddedSources = async (asmDir: URL): Promise<string> => {
  const files = ENGINE_FILES.map((n) => [n, Deno.readTextFileSync(new URL(n, asmDir))] as const);
  const child = new Deno.Command(Deno.execPath(), {
    args: ["fmt", "--ext=ts", "--line-width=100", "-"],
    stdin: "piped",
    stdout: "piped",
  }).spawn();
  const writer = child.stdin.getWriter();
  await writer.write(new TextEncoder().encode(renderSources(files)));
  await writer.close();
  const out = await child.output();
  if (!out.success) throw new Error("deno fmt failed on the rendered sources");
  return new TextDecoder().decode(out.stdout);
};
