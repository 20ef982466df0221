/**
 * One assembly pass: walk the statement trees from the entry file, emitting bytes into a 64 KB
 * image and defining symbols. assemble.ts repeats passes until nothing changes.
 *
 * Two kinds of errors: *immediate* ones (syntax, unknown names, a value ACME needs in the first
 * pass, include cycles) stop the assembly at once; *deferred* ones (a value out of range, a
 * branch too far, `!error`) may come from values of an earlier pass that are still settling,
 * so only the first one of the final pass is reported.
 *
 * @module
 */
import type { ConvTab, Expr, ParsedFile, Stmt, SymbolRef } from "./ast.ts";
import { lineColumn } from "./ast.ts";
import { convert } from "./charset.ts";
import { addressMode, branchOffset, type Choice, fixedMode, operandProblem } from "./encode.ts";
import { type EvalContext, evaluate } from "./evaluate.ts";
import type { FileSet } from "./files.ts";
import { cyclesText, modesOf } from "./opcodes.ts";
import { type SoulError, soulError } from "../errors.ts";
import { PREDEFINED, sameValue, type SymbolTable } from "./symbols.ts";
import {
  describeNumber,
  EVER_UNDEFINED,
  fitsBits,
  isDefined,
  num,
  UNDEFINED,
  type Value,
} from "./value.ts";

/** An error that ends the assembly; thrown inside a pass, caught by assemble(). */
export class AssemblyFailure {
  constructor(readonly error: SoulError) {}
}

/** Nesting limit for macro calls and includes (ACME's default --maxdepth). */
const MAX_DEPTH = 64;

/**
 * A scope for `.local` symbols and anonymous labels. As in ACME, a backward label (`-`, `--`)
 * is one symbol per zone that each definition overwrites (so a reference sees the latest one,
 * or the zone's last one of the previous pass if none came yet), while forward labels (`+`,
 * `++`) are numbered by how many came before.
 */
interface Zone {
  readonly id: number;
  /** The `!zone` title or macro name, for messages. */
  readonly title: string;
  /** Per forward label name: how many have been defined so far in this zone. */
  readonly forward: Map<string, number>;
}

/** A macro definition; like symbols, macros outlive a pass (see Shared). */
export interface Macro {
  readonly file: ParsedFile;
  readonly def: Extract<Stmt, { t: "macroDef" }>;
  /** The pass that last ran the definition. */
  readonly pass: number;
}

/**
 * What outlives a pass. Macros must: ACME's include-guard idiom (`!ifdef guard !eof`) skips
 * a file's macro definitions in every pass after the first.
 */
export interface Shared {
  readonly symbols: SymbolTable;
  readonly macros: Map<string, Macro>;
  readonly files: FileSet;
}

/** One listed statement: where it is and what it emitted. */
export interface ListingRow {
  readonly file: ParsedFile;
  readonly at: number;
  /** The program counter (as `*` sees it) before the statement, if set. */
  readonly addr: number | undefined;
  /** How many bytes it emitted, and the first few of them. */
  readonly length: number;
  readonly head: Uint8Array;
  readonly cycles?: string;
  readonly inMacro: boolean;
}

/** Bytes a listing row shows. */
const LISTED_BYTES = 8;
const NO_BYTES = new Uint8Array(0);

/** Statements that only contain others: listed before their bodies run. */
const STRUCTURAL = new Set<Stmt["t"]>([
  "source",
  "zone",
  "if",
  "for",
  "macroDef",
  "macroCall",
  "convtab",
  "pseudopc",
  "block",
]);

export class Pass implements EvalContext {
  /** Real address of the next byte (undefined until `* =`). */
  private realPc: number | undefined;
  /** `!pseudopc`: what `*` and labels see, minus the real address. */
  private pcOffset = 0;
  /** `*` in expressions: the address where the current statement started (as in ACME). */
  private statementPc: number | undefined;
  readonly memory = new Uint8Array(0x10000);
  /** Lowest and highest address written (or skipped over). */
  low = Infinity;
  high = -1;
  private emitted = 0;

  convtab: ConvTab = "raw";
  private zone: Zone;
  private zones = 0;
  private cheapScope = 0;
  private cheapScopes = 0;
  private readonly includes: string[] = [];
  private depth = 0;
  private macroDepth = 0;

  /** The file whose statements run now (for error locations). */
  private file!: ParsedFile;

  /** Reads of symbols that had no value, and the first of them as an error to report. */
  undefinedCount = 0;
  firstUndefined: SoulError | undefined;
  private lastUndefined = "";
  /** Definitions that gave a symbol a different value than the previous pass did. */
  changed = 0;
  deferred: SoulError | undefined;
  readonly rows: ListingRow[] = [];

  private readonly symbols: SymbolTable;
  private readonly macros: Map<string, Macro>;
  private readonly files: FileSet;

  constructor(private readonly number: number, shared: Shared) {
    this.symbols = shared.symbols;
    this.macros = shared.macros;
    this.files = shared.files;
    this.zone = this.newZone("");
  }

  // ---- errors -------------------------------------------------------------------------

  private errorAt(file: ParsedFile, at: number, message: string): SoulError {
    return soulError("assemble", message, { file: file.path, ...lineColumn(file, at) });
  }

  fail(at: number, message: string): never {
    throw new AssemblyFailure(this.errorAt(this.file, at, message));
  }

  private defer(at: number, message: string): void {
    this.deferred ??= this.errorAt(this.file, at, message);
  }

  // ---- scopes and symbols -------------------------------------------------------------

  private newZone(title: string): Zone {
    return { id: ++this.zones, title, forward: new Map() };
  }

  private key(ref: SymbolRef): string {
    if (ref.scope === "global") return ref.name;
    if (ref.scope === "local") return `${this.zone.id} .${ref.name}`;
    return `${this.cheapScope} @${ref.name}`;
  }

  private display(ref: SymbolRef): string {
    return ref.scope === "global" ? ref.name : `${ref.scope === "local" ? "." : "@"}${ref.name}`;
  }

  private read(key: string, at: number, what: string): Value {
    let entry = this.symbols.get(key);
    if (entry === undefined) {
      entry = { value: undefined, everUndefined: true, pass: this.number };
      this.symbols.set(key, entry);
    }
    const v = entry.value;
    if (v === undefined || !isDefined(v)) {
      this.undefinedCount++;
      this.firstUndefined ??= this.errorAt(this.file, at, what);
      this.lastUndefined = what;
      return UNDEFINED;
    }
    return entry.everUndefined ? { ...v, flags: v.flags | EVER_UNDEFINED } : v;
  }

  symbol(ref: SymbolRef): Value {
    const zone = ref.scope === "local" && this.zone.title !== ""
      ? ` in zone ${this.zone.title}`
      : "";
    return this.read(this.key(ref), ref.at, `undefined symbol "${this.display(ref)}"${zone}`);
  }

  anonymous(name: string, at: number): Value {
    const z = this.zone;
    if (name[0] === "-") {
      return this.read(`${z.id} ${name}`, at, `no anonymous label "${name}" in this zone`);
    }
    const n = z.forward.get(name) ?? 0;
    const what = `no anonymous label "${name}" after this point (in this zone)`;
    return this.read(`${z.id} ${name}#${n}`, at, what);
  }

  private define(key: string, display: string, v: Value, at: number, set: boolean): void {
    let entry = this.symbols.get(key);
    if (entry === undefined) {
      entry = { value: undefined, everUndefined: false, pass: this.number };
      this.symbols.set(key, entry);
    }
    const old = entry.value;
    if (!set && old !== undefined && isDefined(old) && isDefined(v) && !sameValue(old, v)) {
      if (entry.pass === this.number || entry.pass === PREDEFINED) {
        const where = entry.where === undefined
          ? "by the defines option"
          : `at ${entry.where.file.path}:${lineColumn(entry.where.file, entry.where.at).line}`;
        this.fail(at, `symbol "${display}" is already defined (${where}) with another value`);
      }
      this.changed++;
    }
    entry.value = v;
    if (entry.pass !== PREDEFINED) entry.pass = this.number;
    entry.where = { file: this.file, at };
  }

  private defineRef(ref: SymbolRef, v: Value, set: boolean): void {
    this.define(this.key(ref), this.display(ref), v, ref.at, set);
  }

  pc(at: number): number {
    if (this.statementPc === undefined) this.noPc(at);
    return this.statementPc;
  }

  /** The address of the next byte, as labels see it (`*` is the statement's start). */
  private here(at: number): number {
    if (this.realPc === undefined) this.noPc(at);
    return this.realPc + this.pcOffset;
  }

  private noPc(at: number): never {
    this.fail(at, "the program counter is not set: start with '* = address'");
  }

  /** A value ACME needs in the first pass already (counts, addresses, conditions). */
  private known(e: Expr, what: string): number {
    const before = this.undefinedCount;
    const v = evaluate(this, e);
    if (this.undefinedCount !== before) {
      this.fail(e.at, `${what} must be known when this line is reached (${this.lastUndefined})`);
    }
    if (v.str !== undefined) this.fail(e.at, `${what} must be a number, not a string`);
    return v.n;
  }

  /** A number (or a one-character string, converted like a character literal). */
  private numberOf(e: Expr, what: string): Value {
    const v = evaluate(this, e);
    if (v.str === undefined) return v;
    if (v.str.length !== 1) {
      this.fail(
        e.at,
        `${what} must be a number or one character, not a ${v.str.length}-character string`,
      );
    }
    return { n: convert(this.convtab, v.str.charCodeAt(0)), flags: v.flags };
  }

  // ---- output -------------------------------------------------------------------------

  private emit(byte: number, at: number): void {
    const pc = this.realPc;
    if (pc === undefined) this.noPc(at);
    if (pc > 0xffff) this.fail(at, "the code runs past $ffff");
    this.memory[pc] = byte;
    if (pc < this.low) this.low = pc;
    if (pc > this.high) this.high = pc;
    this.realPc = pc + 1;
    this.emitted++;
  }

  private emitValue(n: number, bytes: number, bigEndian: boolean, at: number): void {
    const u = ((n % 2 ** 32) + 2 ** 32) % 2 ** 32;
    for (let i = 0; i < bytes; i++) {
      const shift = bigEndian ? bytes - 1 - i : i;
      this.emit(Math.floor(u / 2 ** (8 * shift)) & 0xff, at);
    }
  }

  // ---- statements ---------------------------------------------------------------------

  /** Run a file's statements; includes are entered through here too. */
  runFile(file: ParsedFile, at?: number): void {
    const cycle = this.includes.indexOf(file.path);
    if (cycle >= 0) {
      const chain = [...this.includes.slice(cycle), file.path].join(" -> ");
      this.fail(at ?? 0, `include cycle: ${chain}`);
    }
    this.enter(at ?? 0);
    this.includes.push(file.path);
    const outer = this.file;
    this.file = file;
    this.run(file.body);
    this.file = outer;
    this.includes.pop();
    this.depth--;
  }

  private enter(at: number): void {
    if (++this.depth > MAX_DEPTH) {
      this.fail(at, `macro calls and !source nest more than ${MAX_DEPTH} deep`);
    }
  }

  /** Run statements; true when `!eof` ended the current file. */
  private run(body: readonly Stmt[]): boolean {
    for (const s of body) {
      const realBefore = this.realPc;
      const pcBefore = realBefore === undefined ? undefined : realBefore + this.pcOffset;
      const emittedBefore = this.emitted;
      this.statementPc = pcBefore;
      const structural = STRUCTURAL.has(s.t);
      const row = { file: this.file, at: s.at, inMacro: this.macroDepth > 0 };
      if (structural) this.rows.push({ ...row, addr: pcBefore, length: 0, head: NO_BYTES });
      const result = this.statement(s);
      if (!structural) {
        const length = this.emitted - emittedBefore;
        const head = length === 0
          ? NO_BYTES
          : this.memory.slice(realBefore!, realBefore! + Math.min(length, LISTED_BYTES));
        const addr = s.t === "pc" ? this.realPc : pcBefore;
        const cycles = typeof result === "string" ? result : undefined;
        this.rows.push({ ...row, addr, length, head, cycles });
      }
      if (result === true) return true;
    }
    return false;
  }

  /** Execute one statement; returns true for `!eof`, or an instruction's cycles for the listing. */
  private statement(s: Stmt): boolean | string | void {
    switch (s.t) {
      case "label":
        this.defineRef(s.sym, num(this.here(s.at)), false);
        if (s.sym.scope === "global") this.cheapScope = ++this.cheapScopes;
        return;
      case "anonLabel":
        this.defineAnonymous(s.name, s.at);
        return;
      case "assign":
        this.defineRef(s.sym, evaluate(this, s.e), s.set);
        return;
      case "pc": {
        if (this.pcOffset !== 0) this.fail(s.at, "'* =' inside !pseudopc is not supported");
        const pc = this.known(s.e, "the address in '* ='");
        if (pc < 0 || pc > 0xffff) this.fail(s.e.at, `address ${pc} is outside $0000-$ffff`);
        this.realPc = pc;
        return;
      }
      case "insn":
        return this.instruction(s);
      case "data":
        for (const item of s.items) {
          const v = this.numberOf(item, "a data item");
          const bits = (s.bytes * 8) as 8 | 16 | 24 | 32;
          if (isDefined(v) && !fitsBits(v.n, bits)) {
            const limit = 2 ** bits;
            this.defer(
              item.at,
              `value ${v.n} does not fit in ${bits} bits (${-limit / 2}..${limit - 1})`,
            );
          }
          this.emitValue(v.n, s.bytes, s.bigEndian, item.at);
        }
        return;
      case "text":
        this.text(s);
        return;
      case "fill": {
        const count = this.known(s.count, "the !fill count");
        if (count < 0) this.fail(s.count.at, `!fill count ${count} is negative`);
        const value = s.value ? this.byteValue(s.value) : 0;
        for (let i = 0; i < count; i++) this.emit(value, s.at);
        return;
      }
      case "skip": {
        const count = this.known(s.count, "the !skip count");
        if (count < 0) this.fail(s.count.at, `!skip count ${count} is negative`);
        const pc = this.here(s.at) - this.pcOffset;
        if (pc + count > 0x10000) this.fail(s.at, "!skip runs past $ffff");
        if (count > 0) {
          this.low = Math.min(this.low, pc);
          this.high = Math.max(this.high, pc + count - 1);
        }
        this.realPc = pc + count;
        return;
      }
      case "align": {
        const and = this.known(s.and, "the !align mask");
        const equal = this.known(s.equal, "the !align value");
        if ((equal & ~and) !== 0) {
          this.fail(
            s.equal.at,
            `!align can never be satisfied: ${equal} has bits outside the mask ${and}`,
          );
        }
        const value = s.value ? this.byteValue(s.value) : 0xea;
        while ((this.here(s.at) & and) !== equal) this.emit(value, s.at);
        return;
      }
      case "binary":
        this.binary(s);
        return;
      case "source": {
        const found = this.files.find(s.path, this.file.path);
        if (Array.isArray(found)) {
          this.fail(
            s.at,
            `cannot find the source file "${s.path}" (looked for ${found.join(", ")})`,
          );
        }
        this.runFile(this.files.source(found.path, found.bytes), s.at);
        return;
      }
      case "zone": {
        const zone = this.newZone(s.title);
        if (s.body === undefined) {
          this.zone = zone;
          return;
        }
        const outer = this.zone;
        this.zone = zone;
        const eof = this.run(s.body);
        this.zone = outer;
        return eof;
      }
      case "if":
        for (const branch of s.branches) {
          if (branch.cond === undefined || this.holds(branch.cond)) return this.run(branch.body);
        }
        return;
      case "for":
        return this.loop(s);
      case "macroDef": {
        const key = `${this.key(s.name)}/${s.params.length}`;
        const old = this.macros.get(key);
        if (old !== undefined && old.pass === this.number) {
          const line = lineColumn(old.file, old.def.at).line;
          this.fail(
            s.at,
            `macro "${
              this.display(s.name)
            }" with ${s.params.length} parameter(s) is already defined (at ${old.file.path}:${line})`,
          );
        }
        this.macros.set(key, { file: this.file, def: s, pass: this.number });
        return;
      }
      case "macroCall":
        this.call(s);
        return;
      case "message": {
        const text = s.items.map((e) => {
          const v = evaluate(this, e);
          return v.str ?? describeNumber(v.n);
        }).join("");
        if (s.level === "serious") this.fail(s.at, `!serious: ${text}`);
        if (s.level === "error") this.defer(s.at, `!error: ${text}`);
        return; // !warn: nowhere to show warnings
      }
      case "convtab": {
        if (s.body === undefined) {
          this.convtab = s.table;
          return;
        }
        const outer = this.convtab;
        this.convtab = s.table;
        const eof = this.run(s.body);
        this.convtab = outer;
        return eof;
      }
      case "pseudopc": {
        const target = this.known(s.e, "the !pseudopc address");
        const real = this.here(s.at) - this.pcOffset;
        const outer = this.pcOffset;
        this.pcOffset = target - real;
        const eof = this.run(s.body);
        this.pcOffset = outer;
        return eof;
      }
      case "block":
        return this.run(s.body);
      case "eof":
        return true;
      case "invalid":
        this.fail(s.at, s.message);
    }
  }

  private defineAnonymous(name: string, at: number): void {
    const z = this.zone;
    const v = num(this.here(at));
    if (name[0] === "-") {
      this.define(`${z.id} ${name}`, name, v, at, true);
    } else {
      const n = z.forward.get(name) ?? 0;
      z.forward.set(name, n + 1);
      this.define(`${z.id} ${name}#${n}`, name, v, at, false);
    }
  }

  private byteValue(e: Expr): number {
    const v = this.numberOf(e, "a fill value");
    if (isDefined(v) && !fitsBits(v.n, 8)) {
      this.defer(e.at, `fill value ${v.n} does not fit in 8 bits (-128..255)`);
    }
    return v.n & 0xff;
  }

  private instruction(s: Extract<Stmt, { t: "insn" }>): string {
    const modes = modesOf(s.mnemonic)!;
    const relative = modes.get("rel");
    if (relative) {
      if (s.syntax !== "plain") this.fail(s.at, `"${s.mnemonic}" takes a branch target address`);
      const target = evaluate(this, s.e!);
      const pc = this.here(s.at);
      let offset = 0;
      if (isDefined(target)) {
        const r = branchOffset(target.n, pc);
        if (typeof r === "string") this.defer(s.e!.at, r);
        else offset = r;
      }
      this.emit(relative.opcode, s.at);
      this.emit(offset, s.at);
      return cyclesText(relative);
    }
    let choice: Choice | string;
    let v: Value | undefined;
    if (s.syntax === "none" || s.syntax === "imm") {
      choice = fixedMode(s.mnemonic, s.syntax);
      if (s.syntax === "imm" && typeof choice !== "string") {
        v = this.numberOf(s.e!, "an immediate value");
      }
    } else {
      v = this.numberOf(s.e!, "an address");
      choice = addressMode(s.mnemonic, s.syntax, v, s.force);
    }
    if (typeof choice === "string") this.fail(s.e?.at ?? s.at, choice);
    if (choice.problem) this.defer(s.e!.at, choice.problem);
    const { info, size } = choice;
    this.emit(info.opcode, s.at);
    if (size > 0 && v !== undefined) {
      if (isDefined(v)) {
        const what = s.syntax === "imm" ? "immediate value" : "address";
        const problem = operandProblem(v, size as 1 | 2, what);
        if (problem) this.defer(s.e!.at, problem);
      }
      this.emitValue(v.n, size, false, s.at);
    }
    return cyclesText(info);
  }

  private text(s: Extract<Stmt, { t: "text" }>): void {
    const outer = this.convtab;
    const table = s.table ?? this.convtab;
    const xor = s.xor ? this.byteValue(s.xor) : 0;
    this.convtab = table; // character literals in the items use the directive's table too
    for (const item of s.items) {
      const v = evaluate(this, item);
      if (v.str !== undefined) {
        for (let i = 0; i < v.str.length; i++) {
          this.emit(convert(table, v.str.charCodeAt(i) & 0xff) ^ xor, item.at);
        }
        continue;
      }
      if (isDefined(v) && !fitsBits(v.n, 8)) {
        this.defer(item.at, `value ${v.n} does not fit in 8 bits (-128..255)`);
      }
      this.emit(v.n & 0xff, item.at);
    }
    this.convtab = outer;
  }

  private binary(s: Extract<Stmt, { t: "binary" }>): void {
    const found = this.files.find(s.path, this.file.path);
    if (Array.isArray(found)) {
      this.fail(s.at, `cannot find the binary file "${s.path}" (looked for ${found.join(", ")})`);
    }
    const data = found.bytes;
    const skip = s.skip ? this.known(s.skip, "the !binary offset") : 0;
    if (skip < 0 || skip > data.length) {
      this.fail(s.skip!.at, `!binary offset ${skip} is outside the file (${data.length} bytes)`);
    }
    const size = s.size ? this.known(s.size, "the !binary size") : data.length - skip;
    if (size < 0) this.fail(s.size!.at, `!binary size ${size} is negative`);
    const pc = this.here(s.at) - this.pcOffset;
    if (pc + size > 0x10000) this.fail(s.at, `!binary of ${size} bytes runs past $ffff`);
    const part = data.subarray(skip, skip + size);
    this.memory.set(part, pc);
    this.memory.fill(0, pc + part.length, pc + size); // ACME pads a short file with zeros
    if (size > 0) {
      this.low = Math.min(this.low, pc);
      this.high = Math.max(this.high, pc + size - 1);
    }
    this.realPc = pc + size;
    this.emitted += size;
  }

  private holds(
    cond: NonNullable<Extract<Stmt, { t: "if" }>["branches"][number]["cond"]>,
  ): boolean {
    if (cond.k === "if") return this.known(cond.e, "an !if condition") !== 0;
    const v = this.symbols.get(this.key(cond.sym))?.value;
    const defined = v !== undefined && isDefined(v);
    return defined !== cond.negate;
  }

  private loop(s: Extract<Stmt, { t: "for" }>): boolean {
    const from = this.known(s.from, "the !for start");
    const to = this.known(s.to, "the !for end");
    if (Math.abs(to - from) > 0xfffff) {
      this.fail(s.at, `!for would loop ${Math.abs(to - from) + 1} times`);
    }
    const step = from <= to ? 1 : -1;
    for (let i = from;; i += step) {
      this.defineRef(s.sym, num(i), true);
      if (this.run(s.body)) return true;
      if (i === to) break;
    }
    this.defineRef(s.sym, num(to + step), true);
    return false;
  }

  private call(s: Extract<Stmt, { t: "macroCall" }>): void {
    const name = this.display(s.name);
    const macro = this.macros.get(`${this.key(s.name)}/${s.args.length}`);
    if (macro === undefined) {
      const prefix = `${this.key(s.name)}/`;
      const others = [...this.macros.keys()].filter((k) => k.startsWith(prefix));
      this.fail(
        s.at,
        others.length > 0
          ? `macro "${name}" takes ${
            others.map((k) => k.slice(prefix.length)).join(" or ")
          } argument(s), not ${s.args.length}`
          : `macro "${name}" is not defined (a macro must be defined before it is called)`,
      );
    }
    const args = s.args.map((e) => evaluate(this, e));
    this.enter(s.at);
    const outer = { zone: this.zone, cheap: this.cheapScope, file: this.file };
    this.zone = this.newZone(name);
    this.cheapScope = ++this.cheapScopes;
    this.file = macro.file;
    macro.def.params.forEach((p, i) => this.defineRef(p, args[i], true));
    this.macroDepth++;
    this.run(macro.def.body);
    this.macroDepth--;
    this.zone = outer.zone;
    this.cheapScope = outer.cheap;
    this.file = outer.file;
    this.depth--;
  }
}
