/**
 * Stage `link`: a soul and its tokenizer become the C64 program (a PRG with its BASIC stub).
 *
 * From the soul's shape it lays out the engine (asm/*.s, embedded in sources.ts), the weights in
 * the layouts the engine reads (blobs.ts: bit-plane masks, bias planes), the
 * tokenizer tables and texts (data.ts), then assembles everything with the project assembler.
 * The shape reaches the assembly source only as defines. The work buffers (KV cache, vectors,
 * tables the engine builds at start) are laid out by asm/soul64.s below $D000; a soul whose
 * program runs into them is refused with the number of bytes and where.
 *
 * ```ts
 * const r = link(soul, tokenizer); // Result<Linked>
 * console.log(formatMemoryMap(r.right.map));
 * ```
 *
 * @module
 */
import { assemble } from "../assemble/mod.ts";
import { E } from "../deps.ts";
import { soulError } from "../errors.ts";
import type { Result } from "../pipeline.ts";
import type { Soul } from "../soul/mod.ts";
import type { Tokenizer } from "../tokenize/mod.ts";
import { groupsFor } from "./blobs.ts";
import { linkData } from "./data.ts";
import { BASIC_START, basicStub, codeStart, makePrg, type StubOptions } from "./prg.ts";
import { ASM_ENTRY, ASM_SOURCES } from "./sources.ts";

export {
  basicStub,
  codeStart,
  findSysAddress,
  makePrg,
  parsePrg,
  type StubOptions,
} from "./prg.ts";
export { biasPlanes, groupsFor, matrixMasks } from "./blobs.ts";
export { linkData, petsciiOf, petsciiText } from "./data.ts";
export { ASM_ENTRY, ASM_SOURCES } from "./sources.ts";

/** One region of the C64's memory as the program uses it. */
export interface MemoryRegion {
  /** First address. */
  readonly start: number;
  /** One past the last address. */
  readonly end: number;
  /** What is there. */
  readonly name: string;
  /** "prg": loaded from disk; "bss": set up at run time; "free": unused; "system": C64's own. */
  readonly kind: "prg" | "bss" | "free" | "system";
}

/** The program's memory, low to high. */
export interface MemoryMap {
  /** The regions, by start address. */
  readonly regions: readonly MemoryRegion[];
  /** Bytes of the PRG file's payload (stub + code + data). */
  readonly prgBytes: number;
  /** Free bytes between the PRG's end and the work buffers. */
  readonly freeBytes: number;
}

/** A linked program. */
export interface Linked {
  /** The PRG file: load address $0801, the BASIC stub, the code and the soul. */
  readonly prg: Uint8Array;
  /** Where the program, its data and its buffers are in memory. */
  readonly map: MemoryMap;
  /** The assembler's listing. */
  readonly listing: string;
  /** Every label and constant of the program (tests find routines and buffers here). */
  readonly symbols: ReadonlyMap<string, number>;
}

/** Options of a link. */
export interface LinkOptions {
  /** How the BASIC line looks (default `10 SYS2061`). */
  readonly stub?: StubOptions;
  /** Replace or add assembly files (name -> bytes), e.g. a test's variant of a source. */
  readonly sources?: ReadonlyMap<string, Uint8Array>;
}

/** The engine's limits on a shape (beyond the soul format's own). */
export const ENGINE_LIMITS = {
  /** ED and FF: the subset-sum kernel's range proof needs C <= 128 (asm/mv.s). */
  maxColumns: 128,
  /** te/pe shifts: deshift is exact in 24 bits for 8 - s <= 15. */
  minEmbedShift: -7,
  /** Merge rules are counted in a byte. */
  maxMerges: 255,
} as const;

const linkError = (message: string, field?: string) =>
  E.left(soulError("link", message, field === undefined ? {} : { field }));

const checkSupported = (soul: Soul, tok: Tokenizer, merges: number): Result<void> => {
  const s = soul.shape;
  if (tok.vocab.length !== s.vocab) {
    return linkError(
      `the tokenizer has ${tok.vocab.length} tokens but the soul's vocabulary is ${s.vocab}`,
      "tokenizer",
    );
  }
  for (const [key, v] of [["embed", s.embed], ["ffn", s.ffn]] as const) {
    if (v > ENGINE_LIMITS.maxColumns) {
      return linkError(
        `the C64 engine multiplies vectors of at most ${ENGINE_LIMITS.maxColumns} values; ${key} is ${v}`,
        `shape.${key}`,
      );
    }
  }
  for (const [name, m] of [["te", soul.te], ["pe", soul.pe]] as const) {
    if (m.shift < ENGINE_LIMITS.minEmbedShift) {
      return linkError(
        `${name} shift ${m.shift} is below ${ENGINE_LIMITS.minEmbedShift}: its Q8.8 values would need more than 24 bits`,
        `tensor ${name}`,
      );
    }
  }
  if (merges > ENGINE_LIMITS.maxMerges) {
    return linkError(
      `the tokenizer has ${merges} usable merges; the C64 program holds at most ${ENGINE_LIMITS.maxMerges}`,
      "tokenizer.merges",
    );
  }
  return E.right(undefined);
};

const hex4 = (n: number): string => "$" + n.toString(16).toUpperCase().padStart(4, "0");

/** The "does not fit" error: the program would end at `end`, the buffers start at `bss`. */
const tooBig = (end: number, bss: number): Result<never> => {
  const over = end - bss;
  return linkError(
    `the soul does not fit: the program (code and tensors from ${hex4(BASIC_START)}) would end at ${
      end > 0xffff ? `$${end.toString(16).toUpperCase()}` : hex4(end)
    } and runs ${over} bytes into the work buffers, which start at ${hex4(bss)} ` +
      `(the buffers this shape needs end at $CFFF); ${over} bytes too many`,
    "memory",
  );
};

/** Link a soul and its tokenizer into the C64 program. Pure: builds twice to the same bytes. */
export const link = (soul: Soul, tok: Tokenizer, options: LinkOptions = {}): Result<Linked> => {
  const start = codeStart(options.stub);
  const data = linkData(soul, tok, { codeStart: start });
  const ok = checkSupported(soul, tok, data.defines.NMERGES);
  if (E.isLeft(ok)) return ok;
  const files = new Map<string, Uint8Array>([...ASM_SOURCES, ...data.files]);
  for (const [k, v] of options.sources ?? []) files.set(k, v);
  const asm = assemble(ASM_ENTRY, files, { defines: data.defines });
  if (E.isLeft(asm)) {
    // Too big to even assemble (past $FFFF)? Measure with empty blobs: the blobs are
    // contiguous in the data, so the real end is the probe's end plus their sizes.
    const probeFiles = new Map(files);
    let blobBytes = 0;
    for (const [name, size] of data.blobSizes) {
      probeFiles.set(name, new Uint8Array(0));
      blobBytes += size;
    }
    const probe = assemble(ASM_ENTRY, probeFiles, { defines: data.defines });
    if (E.isRight(probe)) {
      const end = (probe.right.symbols.get("prg_end") ?? 0) + blobBytes;
      const bss = probe.right.symbols.get("bss_start") ?? 0;
      if (end > bss) return tooBig(end, bss);
    }
    return asm;
  }
  const { symbols, bytes, loadAddress, listing } = asm.right;
  const sym = (name: string): number => {
    const v = symbols.get(name);
    if (v === undefined) throw new Error(`link: the assembly defines no symbol ${name}`);
    return v;
  };
  if (loadAddress !== start) {
    return linkError(
      `the code assembled at ${hex4(loadAddress)}, not after the stub at ${hex4(start)}`,
    );
  }
  const prgEnd = sym("prg_end"), bssStart = sym("bss_start");
  if (prgEnd > bssStart) return tooBig(prgEnd, bssStart);
  const stub = basicStub(start, options.stub);
  const payload = new Uint8Array(stub.length + bytes.length);
  payload.set(stub);
  payload.set(bytes, stub.length);
  const prg = makePrg(BASIC_START, payload);
  const kvName = `KV cache (${soul.shape.layers} layers × ${soul.shape.context} positions)`;
  const regions: MemoryRegion[] = [
    { start: 0x0000, end: 0x0002, name: "6510 port ($01 = $36 while running)", kind: "system" },
    { start: 0x0002, end: 0x0090, name: "engine zero page (saved and restored)", kind: "bss" },
    { start: 0x0090, end: 0x0400, name: "KERNAL work area, stack, vectors", kind: "system" },
    { start: 0x0400, end: 0x0800, name: "screen", kind: "system" },
    { start: BASIC_START, end: start, name: "BASIC stub (SYS)", kind: "prg" },
    { start, end: sym("code_end"), name: "code", kind: "prg" },
    {
      start: sym("code_end"),
      end: prgEnd,
      name: "soul: weights as bit planes, tokenizer, texts",
      kind: "prg",
    },
    { start: prgEnd, end: bssStart, name: "free", kind: "free" },
    {
      start: bssStart,
      end: sym("LOW_TOP"),
      name: "vectors, buffers, split-path sums",
      kind: "bss",
    },
    ...(sym("KV_KM") < 0xd000
      ? [{ start: sym("KV_KM"), end: sym("KV_END"), name: kvName, kind: "bss" as const }]
      : []),
    {
      start: sym("STAB"),
      end: 0xd000,
      name: `subset-sum tables (${
        Math.max(groupsFor(soul.shape.embed), groupsFor(soul.shape.ffn))
      } groups)`,
      kind: "bss",
    },
    { start: 0xd000, end: 0xe000, name: "I/O (border, SID)", kind: "system" },
    {
      start: 0xe000,
      end: 0xe800,
      name: "quarter-square table f(n) = n²/4 (under the KERNAL)",
      kind: "bss",
    },
    ...(sym("KV_KM") >= 0xd000
      ? [{
        start: sym("KV_KM"),
        end: sym("KV_END"),
        name: `${kvName} (under the KERNAL)`,
        kind: "bss" as const,
      }]
      : []),
    {
      start: 0xfffa,
      end: 0x10000,
      name: "NMI/RESET/IRQ vectors (RAM copies point at an RTI)",
      kind: "system",
    },
  ];
  return E.right({
    prg,
    map: { regions, prgBytes: payload.length, freeBytes: bssStart - prgEnd },
    listing,
    symbols,
  });
};

/** A memory map as text, one region a line: `$0801-$080C      12  BASIC stub (SYS)`. */
export const formatMemoryMap = (map: MemoryMap): string =>
  [
    ...map.regions.map((r) =>
      `${hex4(r.start)}-${hex4(r.end - 1)}  ${String(r.end - r.start).padStart(6)}  ${
        r.kind.padEnd(6)
      }  ${r.name}`
    ),
    `PRG payload ${map.prgBytes} bytes; ${map.freeBytes} bytes free below the work buffers`,
  ].join("\n");
export { type ProgramSession, type ProgramTurn, startSession, type TurnWatch } from "./session.ts";
