/**
 * Behaviour beyond single instructions: interrupts, decimal mode, stop conditions, exec traps,
 * I/O pages, profiles, and the benchmark program's arithmetic.
 */
import { assert, assertEquals, assertLeft, assertRight } from "../std/assert.ts";
import { isSoulError, type SoulError, soulError } from "../errors.ts";
import { createCpu, createFlatBus } from "./cpu.ts";
import { adcDecimal, DEC_C, DEC_N, DEC_V, DEC_Z, sbcDecimal } from "./decimal.ts";
import { loadMatvec, MATVEC, matvecPass } from "./bench_program.ts";
import { type Bus, type CpuState, IO_READ, IO_WRITE } from "./types.ts";

/** A flat-RAM CPU with `code` at `at` and the PC there. */
const setup = (code: readonly number[], at = 0x0800) => {
  const bus = createFlatBus();
  bus.ram.set(code, at);
  const cpu = createCpu(bus);
  cpu.pc = at;
  return { bus, cpu, ram: bus.ram };
};

const setVector = (ram: Uint8Array, at: number, target: number) => {
  ram[at] = target & 0xff;
  ram[at + 1] = target >> 8;
};

// --- registers ---------------------------------------------------------------------------

Deno.test("cpu: power-up state and register masking", () => {
  const { cpu } = setup([]);
  assertEquals([cpu.a, cpu.x, cpu.y, cpu.s, cpu.p, cpu.cycles], [0, 0, 0, 0xfd, 0x24, 0]);
  cpu.a = 0x1ff;
  cpu.s = -1;
  cpu.pc = 0x12345;
  cpu.p = 0xff;
  assertEquals([cpu.a, cpu.s, cpu.pc, cpu.p], [0xff, 0xff, 0x2345, 0xef]);
  cpu.p = 0x00;
  assertEquals(cpu.p, 0x20, "bit 5 always reads back set");
});

// --- interrupts --------------------------------------------------------------------------

Deno.test("cpu: IRQ pushes PC and P with B clear, sets I, takes 7 cycles", () => {
  const { cpu, ram } = setup([0xea]);
  setVector(ram, 0xfffe, 0x9000);
  cpu.p = 0xc3; // N V Z C, I clear
  assert(cpu.irq());
  assertEquals([cpu.pc, cpu.s, cpu.p, cpu.cycles], [0x9000, 0xfa, 0xe3 | 0x04, 7]);
  assertEquals([ram[0x1fd], ram[0x1fc], ram[0x1fb]], [0x08, 0x00, 0xe3]);
});

Deno.test("cpu: IRQ is ignored while I is set", () => {
  const { cpu } = setup([0xea]);
  assert(!cpu.irq());
  assertEquals([cpu.pc, cpu.s, cpu.cycles], [0x0800, 0xfd, 0]);
});

Deno.test("cpu: NMI ignores I and uses $FFFA", () => {
  const { cpu, ram } = setup([0xea]);
  setVector(ram, 0xfffa, 0xa000);
  cpu.nmi();
  assertEquals([cpu.pc, cpu.s, cpu.cycles], [0xa000, 0xfa, 7]);
  assertEquals(ram[0x1fb], 0x24 | 0x20, "pushed P has B clear");
});

Deno.test("cpu: BRK pushes PC+2 and P|$30, RTI returns there with P restored", () => {
  // $0800: BRK, padding, then LDX #1; handler at $9000: LDA #$55, RTI
  const { cpu, ram } = setup([0x00, 0xff, 0xa2, 0x01]);
  ram.set([0xa9, 0x55, 0x40], 0x9000);
  setVector(ram, 0xfffe, 0x9000);
  cpu.p = 0x29; // D and C set, I clear
  assertEquals(cpu.step(), 7);
  assertEquals([cpu.pc, cpu.s, cpu.p], [0x9000, 0xfa, 0x2d], "I set, D kept (NMOS)");
  assertEquals([ram[0x1fd], ram[0x1fc], ram[0x1fb]], [0x08, 0x02, 0x39]);
  assertEquals(cpu.step(), 2);
  assertEquals(cpu.step(), 6);
  assertEquals([cpu.pc, cpu.s, cpu.p, cpu.a], [0x0802, 0xfd, 0x29, 0x55]);
  assertEquals(cpu.step(), 2);
  assertEquals(cpu.x, 1);
});

Deno.test("cpu: RESET drops S by 3, sets I, jumps through $FFFC", () => {
  const { cpu, ram } = setup([]);
  setVector(ram, 0xfffc, 0xfce2);
  cpu.p = 0x20;
  cpu.reset();
  assertEquals([cpu.pc, cpu.s, cpu.p & 0x04, cpu.cycles], [0xfce2, 0xfa, 0x04, 7]);
  assertEquals(ram[0x1fd], 0, "reset writes nothing");
});

Deno.test("cpu: an NMI requested from a bus callback is taken at the next instruction", () => {
  // $0800: STA $D000 ; NOP    handler $9000: JMP $9000
  const base = createFlatBus();
  base.ioPages[0xd0] = IO_WRITE;
  base.ram.set([0x8d, 0x00, 0xd0, 0xea], 0x0800);
  base.ram.set([0x4c, 0x00, 0x90], 0x9000);
  setVector(base.ram, 0xfffa, 0x9000);
  const cpu = createCpu({ ...base, write: () => cpu.nmi() });
  cpu.pc = 0x0800;
  const r = assertRight(cpu.run({ maxCycles: 1000 }));
  assertEquals([r.reason, r.pc, r.cycles], ["self-loop", 0x9000, 4 + 7]);
  assertEquals([base.ram[0x1fd], base.ram[0x1fc]], [0x08, 0x03], "returns to the NOP");
});

Deno.test("cpu: a masked IRQ requested from a bus callback is dropped", () => {
  const bus = createFlatBus();
  bus.ram.set([0x8d, 0x00, 0xd0, 0x4c, 0x03, 0x08], 0x0800); // STA $D000 ; JMP *
  bus.ioPages[0xd0] = IO_WRITE;
  let requested = false;
  const cpu = createCpu({ ...bus, write: () => (requested = cpu.irq()) });
  cpu.pc = 0x0800;
  const r = assertRight(cpu.run({ maxCycles: 1000 }));
  assert(requested);
  assertEquals([r.reason, r.pc, cpu.s], ["self-loop", 0x0803, 0xfd]);
});

// --- decimal mode ------------------------------------------------------------------------

/** Run `code` from $0800 with the given P, up to the JMP * appended to it; return the CPU. */
const runCode = (code: readonly number[], p: number) => {
  const { cpu } = setup([...code, 0x4c, 0x00 + code.length, 0x08]);
  cpu.p = p;
  assertEquals(assertRight(cpu.run({ maxCycles: 100 })).reason, "self-loop");
  return cpu;
};

Deno.test("cpu: decimal ADC and SBC on valid BCD", () => {
  // SED ; CLC ; LDA #$58 ; ADC #$46  -> $04, C=1
  let cpu = runCode([0xf8, 0x18, 0xa9, 0x58, 0x69, 0x46], 0x20);
  assertEquals([cpu.a, cpu.p & 1], [0x04, 1]);
  // SED ; SEC ; LDA #$46 ; SBC #$12  -> $34, C=1
  cpu = runCode([0xf8, 0x38, 0xa9, 0x46, 0xe9, 0x12], 0x20);
  assertEquals([cpu.a, cpu.p & 1], [0x34, 1]);
  // SED ; SEC ; LDA #$12 ; SBC #$21  -> $91, C=0
  cpu = runCode([0xf8, 0x38, 0xa9, 0x12, 0xe9, 0x21], 0x20);
  assertEquals([cpu.a, cpu.p & 1], [0x91, 0]);
});

Deno.test("cpu: decimal ADC $99 + $01 gives $00 with C set but Z clear and N set (NMOS)", () => {
  const r = adcDecimal(0x99, 0x01, 0);
  assertEquals(r & 0xff, 0x00);
  assertEquals([!!(r & DEC_C), !!(r & DEC_Z), !!(r & DEC_N), !!(r & DEC_V)], [
    true,
    false,
    true,
    false,
  ]);
});

Deno.test("cpu: decimal ADC V flag matches the signed-digit definition for all inputs", () => {
  const signed = (n: number) => (n >= 0x80 ? n - 0x100 : n);
  for (let a = 0; a < 256; a++) {
    for (let m = 0; m < 256; m++) {
      for (let c = 0; c < 2; c++) {
        let lo = (a & 0x0f) + (m & 0x0f) + c;
        if (lo >= 0x0a) lo = ((lo + 0x06) & 0x0f) + 0x10;
        const s = signed(a & 0xf0) + signed(m & 0xf0) + lo;
        const want = s < -128 || s > 127;
        if (((adcDecimal(a, m, c) & DEC_V) !== 0) !== want) {
          throw new Error(`V mismatch at a=${a} m=${m} c=${c}`);
        }
      }
    }
  }
});

Deno.test("cpu: decimal SBC flags come from the binary subtraction", () => {
  for (const [a, m, c] of [[0x00, 0x01, 1], [0x80, 0x01, 1], [0x10, 0x10, 1], [0x0a, 0x00, 0]]) {
    const r = sbcDecimal(a, m, c);
    const bin = a - m - 1 + c;
    assertEquals(!!(r & DEC_C), bin >= 0);
    assertEquals(!!(r & DEC_Z), (bin & 0xff) === 0);
    assertEquals(!!(r & DEC_N), (bin & 0x80) !== 0);
  }
  assertEquals(sbcDecimal(0x00, 0x01, 1) & 0xff, 0x99);
});

// --- errors and stops --------------------------------------------------------------------

Deno.test("cpu: an undocumented opcode stops the run with a cpu SoulError", () => {
  const { cpu } = setup([0xea, 0x02], 0xbfff);
  const e = assertLeft(cpu.run({ maxCycles: 100 }), "undocumented opcode $02 at $C000");
  assertEquals(e.kind, "cpu");
  assertEquals([cpu.pc, cpu.cycles], [0xc000, 2], "not executed");
  const again = cpu.step();
  assert(isSoulError(again) && again.message === "undocumented opcode $02 at $C000");
});

Deno.test("cpu: JMP * stops with self-loop before executing it", () => {
  const { cpu } = setup([0xea, 0x4c, 0x01, 0x08]);
  const r = assertRight(cpu.run({ maxCycles: 1000 }));
  assertEquals(r, { reason: "self-loop", pc: 0x0801, cycles: 2 });
  // Again: stops at once.
  assertEquals(assertRight(cpu.run({ maxCycles: 1000 })), {
    reason: "self-loop",
    pc: 0x0801,
    cycles: 0,
  });
  const free = assertRight(cpu.run({ maxCycles: 30, stopOnSelfLoop: false }));
  assertEquals([free.reason, free.pc, free.cycles], ["budget", 0x0801, 30]);
});

Deno.test("cpu: a taken branch to itself is a self-loop, a branch not taken is not", () => {
  // LDA #1 (Z clear) ; BEQ * (not taken) ; BNE * (taken)
  const { cpu } = setup([0xa9, 0x01, 0xf0, 0xfe, 0xd0, 0xfe]);
  const r = assertRight(cpu.run({ maxCycles: 1000 }));
  assertEquals(r, { reason: "self-loop", pc: 0x0804, cycles: 4 });
});

Deno.test("cpu: stopAt stops when the PC arrives there, after at least one instruction", () => {
  // $0800: LDX #3 ; loop: DEX ; BNE loop ; NOP
  const { cpu } = setup([0xa2, 0x03, 0xca, 0xd0, 0xfd, 0xea]);
  let r = assertRight(cpu.run({ maxCycles: 1000, stopAt: 0x0805 }));
  assertEquals(r, { reason: "stop-pc", pc: 0x0805, cycles: 2 + 3 * 2 + 2 * 3 + 2 });
  cpu.pc = 0x0802;
  cpu.x = 2;
  r = assertRight(cpu.run({ maxCycles: 1000, stopAt: 0x0802 }));
  assertEquals([r.reason, r.pc, cpu.x], ["stop-pc", 0x0802, 1], "starting there runs first");
});

Deno.test("cpu: the budget stops at the first instruction boundary at or past it", () => {
  const program = [0xa2, 0x00, 0xe8, 0xd0, 0xfd, 0x4c, 0x00, 0x08]; // LDX #0 ; INX ; BNE ; JMP
  const whole = setup(program);
  const r = assertRight(whole.cpu.run({ maxCycles: 10_000 }));
  assertEquals(r.reason, "budget");
  assert(r.cycles >= 10_000 && r.cycles < 10_000 + 7, `${r.cycles}`);
  // The same work in small slices ends in the same state.
  const sliced = setup(program);
  while (sliced.cpu.cycles < whole.cpu.cycles) {
    assertRight(sliced.cpu.run({ maxCycles: Math.min(7, whole.cpu.cycles - sliced.cpu.cycles) }));
  }
  const regs = (c: CpuState) => [c.a, c.x, c.y, c.s, c.p, c.pc, c.cycles];
  assertEquals(regs(sliced.cpu), regs(whole.cpu));
});

Deno.test("cpu: run options are checked", () => {
  const { cpu } = setup([0xea]);
  assertLeft(cpu.run({ maxCycles: NaN }), "maxCycles");
  assertLeft(cpu.run({ maxCycles: 10, stopAt: 0x10000 }), "stopAt");
  assertLeft(cpu.run({ maxCycles: 10, profile: new Float64Array(10) }), "profile");
  assertEquals(assertRight(cpu.run({ maxCycles: 0 })).cycles, 0);
});

// --- exec traps --------------------------------------------------------------------------

/** A bus whose onTrap is `handler`, with traps at `addrs`. */
const trapBus = (
  addrs: readonly number[],
  handler: (cpu: CpuState, addr: number) => number | SoulError,
): Bus => {
  const bus = { ...createFlatBus(), onTrap: handler };
  for (const a of addrs) bus.execTraps[a] = 1;
  return bus;
};

Deno.test("cpu: an exec trap can emulate a routine and return like RTS", () => {
  const out: number[] = [];
  const bus = trapBus([0xffd2], (cpu) => {
    out.push(cpu.a);
    cpu.pc =
      ((bus.ram[0x100 | ((cpu.s + 1) & 0xff)] | (bus.ram[0x100 | ((cpu.s + 2) & 0xff)] << 8)) +
        1) & 0xffff;
    cpu.s = cpu.s + 2;
    return 20;
  });
  // LDA #'H' ; JSR $FFD2 ; LDA #'I' ; JSR $FFD2 ; JMP *
  bus.ram.set(
    [0xa9, 0x48, 0x20, 0xd2, 0xff, 0xa9, 0x49, 0x20, 0xd2, 0xff, 0x4c, 0x0a, 0x08],
    0x0800,
  );
  const cpu = createCpu(bus);
  cpu.pc = 0x0800;
  const r = assertRight(cpu.run({ maxCycles: 1000 }));
  assertEquals(out, [0x48, 0x49]);
  assertEquals([r.reason, r.pc, r.cycles, cpu.s], ["self-loop", 0x080a, 2 * (2 + 6 + 20), 0xfd]);
});

Deno.test("cpu: a trap that leaves the PC alone is a hook: it fires on every arrival", () => {
  const seen: number[] = [];
  const bus = trapBus([0x0802], (cpu) => {
    seen.push(cpu.x);
    return 0;
  });
  // LDX #3 ; loop: DEX ; BNE loop ; JMP *
  bus.ram.set([0xa2, 0x03, 0xca, 0xd0, 0xfd, 0x4c, 0x05, 0x08], 0x0800);
  const cpu = createCpu(bus);
  cpu.pc = 0x0800;
  const r = assertRight(cpu.run({ maxCycles: 1000 }));
  assertEquals(seen, [3, 2, 1]);
  assertEquals([r.reason, cpu.x], ["self-loop", 0]);
  // step() runs the hook, then the instruction.
  cpu.pc = 0x0802;
  cpu.x = 9;
  assertEquals(cpu.step(), 2);
  assertEquals([seen.at(-1), cpu.x], [9, 8]);
});

Deno.test("cpu: a trap can stop the run (reason trap) or fail it (kind cpu)", () => {
  const stop = soulError("c64", "program returned to BASIC");
  let cpu = createCpu(trapBus([0x0801], () => stop));
  cpu.bus.ram.set([0xea, 0xea], 0x0800);
  cpu.pc = 0x0800;
  const r = assertRight(cpu.run({ maxCycles: 100 }));
  assertEquals(r, { reason: "trap", pc: 0x0801, cycles: 2, trap: stop });
  assertEquals(cpu.step(), stop);

  cpu = createCpu(trapBus([0x0800], () => soulError("cpu", "boom")));
  cpu.pc = 0x0800;
  assertLeft(cpu.run({ maxCycles: 100 }), "boom");

  cpu = createCpu(trapBus([0x0800], () => -1));
  cpu.pc = 0x0800;
  assertLeft(cpu.run({ maxCycles: 100 }), "exec trap at $0800 returned -1 cycles");
});

Deno.test("cpu: a one-shot trap re-armed by a bus callout fires on the next arrival", () => {
  // LDX #3 ; loop: STA $D000 ; DEX ; BNE loop ; JMP *   The handler at `loop` disarms its trap,
  // the STA re-arms it: every arrival must call the handler.
  const base = createFlatBus();
  base.ioPages[0xd0] = IO_WRITE;
  base.execTraps[0x0802] = 1;
  base.ram.set([0xa2, 0x03, 0x8d, 0x00, 0xd0, 0xca, 0xd0, 0xfa, 0x4c, 0x08, 0x08], 0x0800);
  let calls = 0;
  const cpu = createCpu({
    ...base,
    write: () => void (base.execTraps[0x0802] = 1),
    onTrap: (_, at) => {
      calls++;
      base.execTraps[at] = 0;
      return 0;
    },
  });
  cpu.pc = 0x0800;
  assertEquals(assertRight(cpu.run({ maxCycles: 1000 })).reason, "self-loop");
  assertEquals(calls, 3);
});

Deno.test("cpu: stopAt on a trap address stops before the trap runs", () => {
  let calls = 0;
  const bus = trapBus([0x0801], () => (calls++, 0));
  bus.ram.set([0xea, 0xea, 0x4c, 0x02, 0x08], 0x0800);
  const cpu = createCpu(bus);
  cpu.pc = 0x0800;
  assertEquals(assertRight(cpu.run({ maxCycles: 100, stopAt: 0x0801 })).reason, "stop-pc");
  assertEquals(calls, 0);
  assertEquals(assertRight(cpu.run({ maxCycles: 100 })).reason, "self-loop");
  assertEquals(calls, 1);
});

// --- I/O pages ---------------------------------------------------------------------------

type Access = [kind: "r" | "w", addr: number, value: number, cycle: number];

/** A flat bus recording every I/O access; reads return $40 + low byte of the address. */
const ioBus = (flags: Record<number, number>) => {
  const log: Access[] = [];
  const base = createFlatBus();
  for (const [page, f] of Object.entries(flags)) base.ioPages[Number(page)] = f;
  const bus: Bus = {
    ...base,
    read: (addr, cycle) => {
      const v = 0x40 + (addr & 0x0f);
      log.push(["r", addr, v, cycle]);
      return v;
    },
    write: (addr, value, cycle) => void log.push(["w", addr, value, cycle]),
  };
  return { bus, log, ram: base.ram };
};

Deno.test("cpu: reads and writes on I/O pages go through the bus with their cycle", () => {
  const { bus, log, ram } = ioBus({ 0xd0: IO_READ | IO_WRITE });
  ram[0xd012] = 0x99; // RAM under I/O is not read
  // LDA $D012 ; STA $D020 ; INC $D019 ; JMP *
  ram.set([0xad, 0x12, 0xd0, 0x8d, 0x20, 0xd0, 0xee, 0x19, 0xd0, 0x4c, 0x09, 0x08], 0x0800);
  const cpu = createCpu(bus);
  cpu.pc = 0x0800;
  cpu.cycles = 100;
  assertRight(cpu.run({ maxCycles: 100 }));
  assertEquals(cpu.a, 0x42);
  assertEquals(log, [
    ["r", 0xd012, 0x42, 103],
    ["w", 0xd020, 0x42, 107],
    ["r", 0xd019, 0x49, 111],
    ["w", 0xd019, 0x49, 112], // read-modify-write: the old value first
    ["w", 0xd019, 0x4a, 113],
  ]);
  assertEquals([ram[0xd012], ram[0xd020], ram[0xd019]], [0x99, 0, 0], "RAM under I/O untouched");
});

Deno.test("cpu: indexed accesses make their dummy read at the uncarried address", () => {
  const { bus, log, ram } = ioBus({ 0xd0: IO_READ, 0xd1: IO_WRITE });
  // LDX #$20 ; STA $D0F0,X (dummy read $D010, write $D110) ; LDA $D0F0,X (dummy $D010, read
  // $D110: RAM) ; JMP *
  ram.set([0xa2, 0x20, 0x9d, 0xf0, 0xd0, 0xbd, 0xf0, 0xd0, 0x4c, 0x08, 0x08], 0x0800);
  const cpu = createCpu(bus);
  cpu.pc = 0x0800;
  const r = assertRight(cpu.run({ maxCycles: 100 }));
  assertEquals(log, [
    ["r", 0xd010, 0x40, 5],
    ["w", 0xd110, 0x00, 6],
    ["r", 0xd010, 0x40, 10],
  ]);
  assertEquals(r.cycles, 2 + 5 + 5);
});

Deno.test("cpu: zero page and stack honour ioPages", () => {
  const { bus, log, ram } = ioBus({ 0x00: IO_WRITE, 0x01: IO_READ });
  // LDA #$35 ; STA $01 ; PHA ; PLA ; JMP *
  ram.set([0xa9, 0x35, 0x85, 0x01, 0x48, 0x68, 0x4c, 0x06, 0x08], 0x0800);
  const cpu = createCpu(bus);
  cpu.pc = 0x0800;
  assertRight(cpu.run({ maxCycles: 100 }));
  assertEquals(log, [["w", 0x0001, 0x35, 4], ["r", 0x01fd, 0x4d, 11]]);
  assertEquals([ram[0x01], ram[0x1fd], cpu.a], [0, 0x35, 0x4d]);
});

Deno.test("cpu: code on an IO_READ page is fetched through read", () => {
  const rom = new Uint8Array(0x10000);
  rom.set([0xa9, 0x77, 0x4c, 0x02, 0xe0], 0xe000); // LDA #$77 ; JMP *
  const base = createFlatBus();
  base.ioPages[0xe0] = IO_READ;
  base.ram.set([0xa9, 0x11, 0x4c, 0x02, 0xe0], 0xe000); // RAM under the "ROM"
  const cpu = createCpu({ ...base, read: (addr) => rom[addr] });
  cpu.pc = 0xe000;
  const r = assertRight(cpu.run({ maxCycles: 100 }));
  assertEquals([r.reason, cpu.a], ["self-loop", 0x77]);
});

Deno.test("cpu: a callout that banks I/O over the running code takes effect at once", () => {
  // RAM at $E000: STA $01 ; LDA #$11 ; JMP *. The write to $01 flags page $E0 IO_READ, where
  // read() serves LDA #$99 ; JMP * from $E002: that is what must run next.
  const rom = new Uint8Array(0x10000);
  rom.set([0xa9, 0x99, 0x4c, 0x04, 0xe0], 0xe002);
  const base = createFlatBus();
  base.ioPages[0x00] = IO_WRITE;
  base.ram.set([0x85, 0x01, 0xa9, 0x11, 0x4c, 0x04, 0xe0], 0xe000);
  const cpu = createCpu({
    ...base,
    read: (addr) => rom[addr],
    write: () => void (base.ioPages[0xe0] = IO_READ),
  });
  cpu.pc = 0xe000;
  const r = assertRight(cpu.run({ maxCycles: 100 }));
  assertEquals([r.reason, r.pc, cpu.a], ["self-loop", 0xe004, 0x99]);
});

Deno.test("cpu: a trap set by a bus callout fires on the running code page", () => {
  // STA $D000 sets a trap at $0805, on the page the code is running on.
  const base = createFlatBus();
  base.ioPages[0xd0] = IO_WRITE;
  base.ram.set([0x8d, 0x00, 0xd0, 0xea, 0xea, 0xea, 0x4c, 0x06, 0x08], 0x0800);
  const hits: number[] = [];
  const cpu = createCpu({
    ...base,
    write: () => void (base.execTraps[0x0805] = 1),
    onTrap: (_, at) => (hits.push(at), 0),
  });
  cpu.pc = 0x0800;
  assertRight(cpu.run({ maxCycles: 100 }));
  assertEquals(hits, [0x0805]);
});

// --- profile -----------------------------------------------------------------------------

Deno.test("cpu: a profile adds up to the cycles run, at instruction addresses", () => {
  const bus = createFlatBus();
  loadMatvec(bus.ram);
  const cpu = createCpu(bus);
  cpu.pc = MATVEC.entry;
  const profile = new Float64Array(0x10000);
  const r = assertRight(cpu.run({ maxCycles: 500_000, profile }));
  const total = profile.reduce((s, n) => s + n, 0);
  assertEquals(total, r.cycles);
  assert(profile[0x1013] > 0 && profile[0x1014] === 0, "LDA (wp),Y counted at its opcode only");
  for (let a = 0; a < 0x10000; a++) {
    if (profile[a] !== 0) assert(a >= MATVEC.entry && a <= MATVEC.passEnd, `$${a.toString(16)}`);
  }
});

Deno.test("cpu: profile counts trap and interrupt cycles too", () => {
  const bus = trapBus([0x0802], () => 10);
  bus.ram.set([0xea, 0xea, 0xea, 0x4c, 0x03, 0x08], 0x0800); // NOP ; NOP ; NOP ; JMP *
  const cpu = createCpu(bus);
  cpu.pc = 0x0800;
  const profile = new Float64Array(0x10000);
  const r = assertRight(cpu.run({ maxCycles: 100, profile }));
  assertEquals(profile.reduce((s, n) => s + n, 0), r.cycles);
  assertEquals([profile[0x0800], profile[0x0802]], [2, 12]);
});

// --- the benchmark workload --------------------------------------------------------------

Deno.test("cpu: one pass of the matvec benchmark matches TypeScript arithmetic", () => {
  const bus = createFlatBus();
  loadMatvec(bus.ram, 7);
  const want = matvecPass(bus.ram);
  const cpu = createCpu(bus);
  cpu.pc = MATVEC.entry;
  const r = assertRight(cpu.run({ maxCycles: 10_000_000, stopAt: MATVEC.passEnd }));
  assertEquals(r.reason, "stop-pc");
  assertEquals(bus.ram.slice(MATVEC.out, MATVEC.out + MATVEC.rows), want);
  assertEquals(bus.ram.slice(MATVEC.vec, MATVEC.vec + MATVEC.cols), want, "fed back as input");
});

// --- misc --------------------------------------------------------------------------------

Deno.test("cpu: run from inside a bus callback is refused", () => {
  const base = createFlatBus();
  base.ioPages[0xd0] = IO_WRITE;
  let inner: unknown;
  const cpu = createCpu({ ...base, write: () => void (inner = cpu.run({ maxCycles: 10 })) });
  base.ram.set([0x8d, 0x00, 0xd0, 0x4c, 0x03, 0x08], 0x0800);
  cpu.pc = 0x0800;
  assertRight(cpu.run({ maxCycles: 100 }));
  assertLeft(inner as never, "inside a run");
});

Deno.test("cpu: createFlatBus shares a 64 KB array and copies a shorter one", () => {
  const full = new Uint8Array(0x10000);
  assert(createFlatBus(full).ram === full);
  const short = createFlatBus(Uint8Array.of(1, 2, 3));
  assertEquals([short.ram.length, short.ram[2]], [0x10000, 3]);
});
