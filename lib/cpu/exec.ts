/**
 * The 6502 hot loop: one function, one switch over the opcode, registers in local variables.
 *
 * Flags live in a cheap form while the loop runs: `c`, `d`, `i` are 0/1; `v` is nonzero when V
 * is set; Z is set when `fz` is 0; N is bit 7 of `fn`. They are packed into P only when P is
 * pushed or the loop returns. Every case adds its own cycle count (plus page-crossing and
 * taken-branch penalties), so the timing of an opcode is read in one place.
 *
 * Memory is the bus's flat `ram`, except on pages flagged in `ioPages`: there every access goes
 * through `read`/`write` with the cycle of that access, including the dummy read an indexed
 * mode makes at the not-yet-carried address and the double write (old value, then new) of a
 * read-modify-write instruction. Dummy reads of the code stream, the stack and the zero page
 * are not reported (they have no effect on RAM or on the C64's I/O). Instruction bytes on an
 * IO_READ page are fetched through `read` too (a rare, slower path).
 *
 * The loop leaves only for rare events (budget, stop address, self-loop, an exec trap, an
 * undocumented opcode); cpu.ts handles those and re-enters.
 *
 * @module
 */
import type { Bus } from "./types.ts";
import { adcDecimal, DEC_V, DEC_Z, sbcDecimal } from "./decimal.ts";
import { INSTRUCTION_BYTES } from "./opcodes.ts";

/** `exec` stopped because `cycles >= lim` (the budget ran out, or cpu.ts asked it to stop). */
export const EXIT_BUDGET = 0;
/** The PC reached the stop address. */
export const EXIT_STOP_PC = 1;
/** The next instruction is a JMP to itself or a taken branch to itself (not executed). */
export const EXIT_SELF_LOOP = 2;
/** The PC is on an exec trap whose handler has not run yet. */
export const EXIT_TRAP = 3;
/** The opcode at the PC is undocumented (not executed). */
export const EXIT_UNDOCUMENTED = 4;

/** What `exec` reads and writes back: registers, P packed (bit 5 set), the cycle counter. */
export interface Core {
  ra: number;
  rx: number;
  ry: number;
  rs: number;
  rp: number;
  rpc: number;
  cycles: number;
  /** The loop returns EXIT_BUDGET before an instruction when `cycles >= lim`. */
  lim: number;
  /** An address whose trap handler has just run: its trap does not fire before the first
   * instruction of this call (-1: none). */
  readonly skipTrap: number;
  readonly bus: Bus;
  /** Scratch for instruction bytes fetched through `bus.read` (code on an IO_READ page). */
  readonly fetchBuf: Uint8Array;
  /** Per code page: +epoch when free of traps and I/O in that epoch, -epoch when not. */
  readonly pageState: Float64Array;
  /** The last epoch exec used (each exec call and each bus callout starts a new one). */
  epoch: number;
}

/** Pack the loop's flag variables into P (bit 5 set, B clear). */
export const packFlags = (
  fn: number,
  v: number,
  d: number,
  i: number,
  fz: number,
  c: number,
): number =>
  (fn & 0x80) | (v !== 0 ? 0x40 : 0) | 0x20 | (d << 3) | (i << 2) | (fz === 0 ? 2 : 0) | c;

/** One read, honouring `ioPages` (for the rare paths: vectors, interrupts). */
export const busRead = (bus: Bus, addr: number, cycle: number): number =>
  (bus.ioPages[addr >> 8] & 1) === 0 ? bus.ram[addr] : bus.read(addr, cycle) & 0xff;

/** One write, honouring `ioPages`. */
export const busWrite = (bus: Bus, addr: number, value: number, cycle: number): void => {
  if ((bus.ioPages[addr >> 8] & 2) === 0) bus.ram[addr] = value;
  else bus.write(addr, value, cycle);
};

/** A little-endian word at `addr` (e.g. a vector), low byte first. */
export const readWord = (bus: Bus, addr: number, cycle: number): number =>
  busRead(bus, addr, cycle) | (busRead(bus, (addr + 1) & 0xffff, cycle + 1) << 8);

/** A zero-page pointer (the high byte wraps within page 0) read through the bus. */
const readZpWord = (bus: Bus, zp: number, cycle: number): number =>
  busRead(bus, zp, cycle) | (busRead(bus, (zp + 1) & 0xff, cycle + 1) << 8);

/** Instructions checked one by one after a bus callout before a page scan is trusted again. */
const CAREFUL_AFTER_CALLOUT = 32;

/** True when no address of page `page` is flagged in `traps`. */
const pageTrapFree = (traps: Uint8Array, page: number): boolean => {
  const end = (page + 1) << 8;
  for (let at = page << 8; at < end; at++) if (traps[at] !== 0) return false;
  return true;
};

/**
 * Fetch the instruction at `pc` through the bus into `fetchBuf` (at the same addresses) and
 * return it. A one-byte instruction still reads the byte after it, as the 6502 does.
 */
const fetchViaBus = (core: Core, pc: number, cycle: number): Uint8Array => {
  const buf = core.fetchBuf;
  buf[pc] = busRead(core.bus, pc, cycle);
  const end = Math.max(INSTRUCTION_BYTES[buf[pc]], 2);
  for (let k = 1; k < end; k++) {
    const at = (pc + k) & 0xffff;
    buf[at] = busRead(core.bus, at, cycle + k);
  }
  return buf;
};

/**
 * Run instructions from `core.rpc` until one of the EXIT_* events, and return it. `stopAt` is
 * checked after each instruction (-1: none); with `prof`, each instruction's cycles are added at
 * its address.
 */
export const exec = (
  core: Core,
  stopAt: number,
  selfLoop: boolean,
  prof: Float64Array | null,
): number => {
  const bus = core.bus;
  const ram = bus.ram;
  const io = bus.ioPages;
  const traps = bus.execTraps;
  let a = core.ra;
  let x = core.rx;
  let y = core.ry;
  let s = core.rs;
  let pc = core.rpc;
  let m = core.rp;
  let c = m & 1;
  let fz = ~m & 2;
  let v = m & 0x40;
  let fn = m;
  let d = (m >> 3) & 1;
  let i = (m >> 2) & 1;
  let cyc = core.cycles;
  const cycStart = cyc;
  const skipTrap = core.skipTrap;
  // Instruction bytes come from `mem`: `ram`, or `fetchBuf` for code fetched through the bus.
  let mem = ram;
  // The code page the PC is on when that page is known to have no exec traps and no I/O (on it
  // or the next page, which operands may reach): while the PC stays there, the trap and fetch
  // checks are skipped. -1: not known. Other pages' verdicts are cached in core.pageState as
  // +epoch (clean) or -epoch (check each instruction). Only a bus callout can change ioPages or
  // execTraps, so each callout sets okPage to -2, which starts a new epoch and checks the next
  // `careful` instructions one by one before a page is scanned again (code that makes frequent
  // callouts, like zero-page stores on a C64 whose page 0 is I/O, would otherwise rescan its
  // page after each one).
  let okPage = -1;
  let careful = 0;
  let epoch = core.epoch + 1;
  const pageState = core.pageState;
  let t = 0;
  let ea = 0;
  let lo = 0;
  let hi = 0;
  let pc0 = 0;
  let cyc0 = 0;
  let exit = EXIT_BUDGET;
  loop: for (;;) {
    if (cyc >= core.lim) break;
    if (pc >> 8 !== okPage) {
      t = pc >> 8;
      if (okPage === -2) {
        epoch += 1;
        careful = CAREFUL_AFTER_CALLOUT;
      }
      if (careful > 0) {
        careful -= 1;
        ea = 0;
      } else {
        ea = pageState[t];
        if (ea !== epoch && ea !== -epoch) {
          ea = ((io[t] | io[(t + 1) & 0xff]) & 1) === 0 && pageTrapFree(traps, t) ? epoch : -epoch;
          pageState[t] = ea;
        }
      }
      if (ea === epoch) {
        okPage = t;
        mem = ram;
      } else {
        // A page with traps, or I/O on it or the next (operands may cross), or a stretch
        // after a callout: check each instruction.
        okPage = -1;
        // The trap fires, unless its handler has just run and this is the first instruction.
        if (traps[pc] !== 0 && (pc !== skipTrap || cyc !== cycStart)) {
          exit = EXIT_TRAP;
          break;
        }
        mem = ((io[t] | io[((pc + 2) & 0xffff) >> 8]) & 1) === 0 ? ram : fetchViaBus(core, pc, cyc);
      }
    }
    pc0 = pc;
    cyc0 = cyc;
    switch (mem[pc]) {
      case 0x00: // BRK impl
        t = (pc + 2) & 0xffff;
        if ((io[1] & 2) === 0) ram[0x100 | s] = t >> 8;
        else {
          bus.write(0x100 | s, t >> 8, cyc + 2);
          okPage = -2;
        }
        s = (s - 1) & 0xff;
        if ((io[1] & 2) === 0) ram[0x100 | s] = t & 0xff;
        else {
          bus.write(0x100 | s, t & 0xff, cyc + 3);
          okPage = -2;
        }
        s = (s - 1) & 0xff;
        t = packFlags(fn, v, d, i, fz, c) | 0x10;
        if ((io[1] & 2) === 0) ram[0x100 | s] = t;
        else {
          bus.write(0x100 | s, t, cyc + 4);
          okPage = -2;
        }
        s = (s - 1) & 0xff;
        i = 1;
        pc = readWord(bus, 0xfffe, cyc + 5);
        okPage = -2;
        cyc += 7;
        break;
      case 0x01: // ORA (zp,X)
        t = (mem[(pc + 1) & 0xffff] + x) & 0xff;
        if ((io[0] & 1) === 0) ea = ram[t] | (ram[(t + 1) & 0xff] << 8);
        else {
          ea = readZpWord(bus, t, cyc + 3);
          okPage = -2;
        }
        if ((io[ea >> 8] & 1) === 0) m = ram[ea];
        else {
          m = bus.read(ea, cyc + 5) & 0xff;
          okPage = -2;
        }
        a |= m;
        fz = fn = a;
        pc = (pc + 2) & 0xffff;
        cyc += 6;
        break;
      case 0x05: // ORA zp
        ea = mem[(pc + 1) & 0xffff];
        if ((io[0] & 1) === 0) m = ram[ea];
        else {
          m = bus.read(ea, cyc + 2) & 0xff;
          okPage = -2;
        }
        a |= m;
        fz = fn = a;
        pc = (pc + 2) & 0xffff;
        cyc += 3;
        break;
      case 0x06: // ASL zp
        ea = mem[(pc + 1) & 0xffff];
        if ((io[0] & 1) === 0) m = ram[ea];
        else {
          m = bus.read(ea, cyc + 2) & 0xff;
          okPage = -2;
        }
        c = m >> 7;
        t = (m << 1) & 0xff;
        fz = fn = t;
        if ((io[0] & 2) === 0) ram[ea] = t;
        else {
          bus.write(ea, m, cyc + 3);
          bus.write(ea, t, cyc + 4);
          okPage = -2;
        }
        pc = (pc + 2) & 0xffff;
        cyc += 5;
        break;
      case 0x08: // PHP impl
        t = packFlags(fn, v, d, i, fz, c) | 0x10;
        if ((io[1] & 2) === 0) ram[0x100 | s] = t;
        else {
          bus.write(0x100 | s, t, cyc + 2);
          okPage = -2;
        }
        s = (s - 1) & 0xff;
        pc = (pc + 1) & 0xffff;
        cyc += 3;
        break;
      case 0x09: // ORA imm
        m = mem[(pc + 1) & 0xffff];
        a |= m;
        fz = fn = a;
        pc = (pc + 2) & 0xffff;
        cyc += 2;
        break;
      case 0x0a: // ASL A
        m = a;
        c = m >> 7;
        t = (m << 1) & 0xff;
        fz = fn = t;
        a = t;
        pc = (pc + 1) & 0xffff;
        cyc += 2;
        break;
      case 0x0d: // ORA abs
        ea = mem[(pc + 1) & 0xffff] | (mem[(pc + 2) & 0xffff] << 8);
        if ((io[ea >> 8] & 1) === 0) m = ram[ea];
        else {
          m = bus.read(ea, cyc + 3) & 0xff;
          okPage = -2;
        }
        a |= m;
        fz = fn = a;
        pc = (pc + 3) & 0xffff;
        cyc += 4;
        break;
      case 0x0e: // ASL abs
        ea = mem[(pc + 1) & 0xffff] | (mem[(pc + 2) & 0xffff] << 8);
        if ((io[ea >> 8] & 1) === 0) m = ram[ea];
        else {
          m = bus.read(ea, cyc + 3) & 0xff;
          okPage = -2;
        }
        c = m >> 7;
        t = (m << 1) & 0xff;
        fz = fn = t;
        if ((io[ea >> 8] & 2) === 0) ram[ea] = t;
        else {
          bus.write(ea, m, cyc + 4);
          bus.write(ea, t, cyc + 5);
          okPage = -2;
        }
        pc = (pc + 3) & 0xffff;
        cyc += 6;
        break;
      case 0x10: // BPL rel
        if ((fn & 0x80) === 0) {
          t = mem[(pc + 1) & 0xffff];
          if (t === 0xfe && selfLoop) {
            exit = EXIT_SELF_LOOP;
            break loop;
          }
          hi = (pc + 2) & 0xffff;
          pc = (hi + ((t ^ 0x80) - 0x80)) & 0xffff;
          cyc += ((pc ^ hi) & 0xff00) === 0 ? 3 : 4;
        } else {
          pc = (pc + 2) & 0xffff;
          cyc += 2;
        }
        break;
      case 0x11: // ORA (zp),Y
        t = mem[(pc + 1) & 0xffff];
        if ((io[0] & 1) === 0) {
          lo = ram[t];
          hi = ram[(t + 1) & 0xff];
        } else {
          lo = bus.read(t, cyc + 2) & 0xff;
          hi = bus.read((t + 1) & 0xff, cyc + 3) & 0xff;
          okPage = -2;
        }
        t = lo + y;
        ea = ((hi << 8) + t) & 0xffff;
        if (t > 0xff) {
          t = (ea - 0x100) & 0xffff;
          if ((io[t >> 8] & 1) !== 0) {
            bus.read(t, cyc + 4);
            okPage = -2;
          }
          cyc += 1;
        }
        if ((io[ea >> 8] & 1) === 0) m = ram[ea];
        else {
          m = bus.read(ea, cyc + 4) & 0xff;
          okPage = -2;
        }
        a |= m;
        fz = fn = a;
        pc = (pc + 2) & 0xffff;
        cyc += 5;
        break;
      case 0x15: // ORA zp,X
        ea = (mem[(pc + 1) & 0xffff] + x) & 0xff;
        if ((io[0] & 1) === 0) m = ram[ea];
        else {
          m = bus.read(ea, cyc + 3) & 0xff;
          okPage = -2;
        }
        a |= m;
        fz = fn = a;
        pc = (pc + 2) & 0xffff;
        cyc += 4;
        break;
      case 0x16: // ASL zp,X
        ea = (mem[(pc + 1) & 0xffff] + x) & 0xff;
        if ((io[0] & 1) === 0) m = ram[ea];
        else {
          m = bus.read(ea, cyc + 3) & 0xff;
          okPage = -2;
        }
        c = m >> 7;
        t = (m << 1) & 0xff;
        fz = fn = t;
        if ((io[0] & 2) === 0) ram[ea] = t;
        else {
          bus.write(ea, m, cyc + 4);
          bus.write(ea, t, cyc + 5);
          okPage = -2;
        }
        pc = (pc + 2) & 0xffff;
        cyc += 6;
        break;
      case 0x18: // CLC impl
        c = 0;
        pc = (pc + 1) & 0xffff;
        cyc += 2;
        break;
      case 0x19: // ORA abs,Y
        t = mem[(pc + 1) & 0xffff] + y;
        ea = ((mem[(pc + 2) & 0xffff] << 8) + t) & 0xffff;
        if (t > 0xff) {
          t = (ea - 0x100) & 0xffff;
          if ((io[t >> 8] & 1) !== 0) {
            bus.read(t, cyc + 3);
            okPage = -2;
          }
          cyc += 1;
        }
        if ((io[ea >> 8] & 1) === 0) m = ram[ea];
        else {
          m = bus.read(ea, cyc + 3) & 0xff;
          okPage = -2;
        }
        a |= m;
        fz = fn = a;
        pc = (pc + 3) & 0xffff;
        cyc += 4;
        break;
      case 0x1d: // ORA abs,X
        t = mem[(pc + 1) & 0xffff] + x;
        ea = ((mem[(pc + 2) & 0xffff] << 8) + t) & 0xffff;
        if (t > 0xff) {
          t = (ea - 0x100) & 0xffff;
          if ((io[t >> 8] & 1) !== 0) {
            bus.read(t, cyc + 3);
            okPage = -2;
          }
          cyc += 1;
        }
        if ((io[ea >> 8] & 1) === 0) m = ram[ea];
        else {
          m = bus.read(ea, cyc + 3) & 0xff;
          okPage = -2;
        }
        a |= m;
        fz = fn = a;
        pc = (pc + 3) & 0xffff;
        cyc += 4;
        break;
      case 0x1e: // ASL abs,X
        t = mem[(pc + 1) & 0xffff] + x;
        hi = mem[(pc + 2) & 0xffff] << 8;
        ea = (hi + t) & 0xffff;
        t = hi | (t & 0xff);
        if ((io[t >> 8] & 1) !== 0) {
          bus.read(t, cyc + 3);
          okPage = -2;
        }
        if ((io[ea >> 8] & 1) === 0) m = ram[ea];
        else {
          m = bus.read(ea, cyc + 4) & 0xff;
          okPage = -2;
        }
        c = m >> 7;
        t = (m << 1) & 0xff;
        fz = fn = t;
        if ((io[ea >> 8] & 2) === 0) ram[ea] = t;
        else {
          bus.write(ea, m, cyc + 5);
          bus.write(ea, t, cyc + 6);
          okPage = -2;
        }
        pc = (pc + 3) & 0xffff;
        cyc += 7;
        break;
      case 0x20: // JSR abs
        lo = mem[(pc + 1) & 0xffff];
        t = (pc + 2) & 0xffff;
        if ((io[1] & 2) === 0) ram[0x100 | s] = t >> 8;
        else {
          bus.write(0x100 | s, t >> 8, cyc + 3);
          okPage = -2;
        }
        s = (s - 1) & 0xff;
        if ((io[1] & 2) === 0) ram[0x100 | s] = t & 0xff;
        else {
          bus.write(0x100 | s, t & 0xff, cyc + 4);
          okPage = -2;
        }
        s = (s - 1) & 0xff;
        // The high byte is fetched last, after the pushes (which may have overwritten it).
        pc = lo | (mem[(pc + 2) & 0xffff] << 8);
        cyc += 6;
        break;
      case 0x21: // AND (zp,X)
        t = (mem[(pc + 1) & 0xffff] + x) & 0xff;
        if ((io[0] & 1) === 0) ea = ram[t] | (ram[(t + 1) & 0xff] << 8);
        else {
          ea = readZpWord(bus, t, cyc + 3);
          okPage = -2;
        }
        if ((io[ea >> 8] & 1) === 0) m = ram[ea];
        else {
          m = bus.read(ea, cyc + 5) & 0xff;
          okPage = -2;
        }
        a &= m;
        fz = fn = a;
        pc = (pc + 2) & 0xffff;
        cyc += 6;
        break;
      case 0x24: // BIT zp
        ea = mem[(pc + 1) & 0xffff];
        if ((io[0] & 1) === 0) m = ram[ea];
        else {
          m = bus.read(ea, cyc + 2) & 0xff;
          okPage = -2;
        }
        fz = a & m;
        fn = m;
        v = m & 0x40;
        pc = (pc + 2) & 0xffff;
        cyc += 3;
        break;
      case 0x25: // AND zp
        ea = mem[(pc + 1) & 0xffff];
        if ((io[0] & 1) === 0) m = ram[ea];
        else {
          m = bus.read(ea, cyc + 2) & 0xff;
          okPage = -2;
        }
        a &= m;
        fz = fn = a;
        pc = (pc + 2) & 0xffff;
        cyc += 3;
        break;
      case 0x26: // ROL zp
        ea = mem[(pc + 1) & 0xffff];
        if ((io[0] & 1) === 0) m = ram[ea];
        else {
          m = bus.read(ea, cyc + 2) & 0xff;
          okPage = -2;
        }
        t = ((m << 1) & 0xff) | c;
        c = m >> 7;
        fz = fn = t;
        if ((io[0] & 2) === 0) ram[ea] = t;
        else {
          bus.write(ea, m, cyc + 3);
          bus.write(ea, t, cyc + 4);
          okPage = -2;
        }
        pc = (pc + 2) & 0xffff;
        cyc += 5;
        break;
      case 0x28: // PLP impl
        s = (s + 1) & 0xff;
        if ((io[1] & 1) === 0) m = ram[0x100 | s];
        else {
          m = bus.read(0x100 | s, cyc + 3) & 0xff;
          okPage = -2;
        }
        c = m & 1;
        fz = ~m & 2;
        v = m & 0x40;
        fn = m;
        d = (m >> 3) & 1;
        i = (m >> 2) & 1;
        pc = (pc + 1) & 0xffff;
        cyc += 4;
        break;
      case 0x29: // AND imm
        m = mem[(pc + 1) & 0xffff];
        a &= m;
        fz = fn = a;
        pc = (pc + 2) & 0xffff;
        cyc += 2;
        break;
      case 0x2a: // ROL A
        m = a;
        t = ((m << 1) & 0xff) | c;
        c = m >> 7;
        fz = fn = t;
        a = t;
        pc = (pc + 1) & 0xffff;
        cyc += 2;
        break;
      case 0x2c: // BIT abs
        ea = mem[(pc + 1) & 0xffff] | (mem[(pc + 2) & 0xffff] << 8);
        if ((io[ea >> 8] & 1) === 0) m = ram[ea];
        else {
          m = bus.read(ea, cyc + 3) & 0xff;
          okPage = -2;
        }
        fz = a & m;
        fn = m;
        v = m & 0x40;
        pc = (pc + 3) & 0xffff;
        cyc += 4;
        break;
      case 0x2d: // AND abs
        ea = mem[(pc + 1) & 0xffff] | (mem[(pc + 2) & 0xffff] << 8);
        if ((io[ea >> 8] & 1) === 0) m = ram[ea];
        else {
          m = bus.read(ea, cyc + 3) & 0xff;
          okPage = -2;
        }
        a &= m;
        fz = fn = a;
        pc = (pc + 3) & 0xffff;
        cyc += 4;
        break;
      case 0x2e: // ROL abs
        ea = mem[(pc + 1) & 0xffff] | (mem[(pc + 2) & 0xffff] << 8);
        if ((io[ea >> 8] & 1) === 0) m = ram[ea];
        else {
          m = bus.read(ea, cyc + 3) & 0xff;
          okPage = -2;
        }
        t = ((m << 1) & 0xff) | c;
        c = m >> 7;
        fz = fn = t;
        if ((io[ea >> 8] & 2) === 0) ram[ea] = t;
        else {
          bus.write(ea, m, cyc + 4);
          bus.write(ea, t, cyc + 5);
          okPage = -2;
        }
        pc = (pc + 3) & 0xffff;
        cyc += 6;
        break;
      case 0x30: // BMI rel
        if ((fn & 0x80) !== 0) {
          t = mem[(pc + 1) & 0xffff];
          if (t === 0xfe && selfLoop) {
            exit = EXIT_SELF_LOOP;
            break loop;
          }
          hi = (pc + 2) & 0xffff;
          pc = (hi + ((t ^ 0x80) - 0x80)) & 0xffff;
          cyc += ((pc ^ hi) & 0xff00) === 0 ? 3 : 4;
        } else {
          pc = (pc + 2) & 0xffff;
          cyc += 2;
        }
        break;
      case 0x31: // AND (zp),Y
        t = mem[(pc + 1) & 0xffff];
        if ((io[0] & 1) === 0) {
          lo = ram[t];
          hi = ram[(t + 1) & 0xff];
        } else {
          lo = bus.read(t, cyc + 2) & 0xff;
          hi = bus.read((t + 1) & 0xff, cyc + 3) & 0xff;
          okPage = -2;
        }
        t = lo + y;
        ea = ((hi << 8) + t) & 0xffff;
        if (t > 0xff) {
          t = (ea - 0x100) & 0xffff;
          if ((io[t >> 8] & 1) !== 0) {
            bus.read(t, cyc + 4);
            okPage = -2;
          }
          cyc += 1;
        }
        if ((io[ea >> 8] & 1) === 0) m = ram[ea];
        else {
          m = bus.read(ea, cyc + 4) & 0xff;
          okPage = -2;
        }
        a &= m;
        fz = fn = a;
        pc = (pc + 2) & 0xffff;
        cyc += 5;
        break;
      case 0x35: // AND zp,X
        ea = (mem[(pc + 1) & 0xffff] + x) & 0xff;
        if ((io[0] & 1) === 0) m = ram[ea];
        else {
          m = bus.read(ea, cyc + 3) & 0xff;
          okPage = -2;
        }
        a &= m;
        fz = fn = a;
        pc = (pc + 2) & 0xffff;
        cyc += 4;
        break;
      case 0x36: // ROL zp,X
        ea = (mem[(pc + 1) & 0xffff] + x) & 0xff;
        if ((io[0] & 1) === 0) m = ram[ea];
        else {
          m = bus.read(ea, cyc + 3) & 0xff;
          okPage = -2;
        }
        t = ((m << 1) & 0xff) | c;
        c = m >> 7;
        fz = fn = t;
        if ((io[0] & 2) === 0) ram[ea] = t;
        else {
          bus.write(ea, m, cyc + 4);
          bus.write(ea, t, cyc + 5);
          okPage = -2;
        }
        pc = (pc + 2) & 0xffff;
        cyc += 6;
        break;
      case 0x38: // SEC impl
        c = 1;
        pc = (pc + 1) & 0xffff;
        cyc += 2;
        break;
      case 0x39: // AND abs,Y
        t = mem[(pc + 1) & 0xffff] + y;
        ea = ((mem[(pc + 2) & 0xffff] << 8) + t) & 0xffff;
        if (t > 0xff) {
          t = (ea - 0x100) & 0xffff;
          if ((io[t >> 8] & 1) !== 0) {
            bus.read(t, cyc + 3);
            okPage = -2;
          }
          cyc += 1;
        }
        if ((io[ea >> 8] & 1) === 0) m = ram[ea];
        else {
          m = bus.read(ea, cyc + 3) & 0xff;
          okPage = -2;
        }
        a &= m;
        fz = fn = a;
        pc = (pc + 3) & 0xffff;
        cyc += 4;
        break;
      case 0x3d: // AND abs,X
        t = mem[(pc + 1) & 0xffff] + x;
        ea = ((mem[(pc + 2) & 0xffff] << 8) + t) & 0xffff;
        if (t > 0xff) {
          t = (ea - 0x100) & 0xffff;
          if ((io[t >> 8] & 1) !== 0) {
            bus.read(t, cyc + 3);
            okPage = -2;
          }
          cyc += 1;
        }
        if ((io[ea >> 8] & 1) === 0) m = ram[ea];
        else {
          m = bus.read(ea, cyc + 3) & 0xff;
          okPage = -2;
        }
        a &= m;
        fz = fn = a;
        pc = (pc + 3) & 0xffff;
        cyc += 4;
        break;
      case 0x3e: // ROL abs,X
        t = mem[(pc + 1) & 0xffff] + x;
        hi = mem[(pc + 2) & 0xffff] << 8;
        ea = (hi + t) & 0xffff;
        t = hi | (t & 0xff);
        if ((io[t >> 8] & 1) !== 0) {
          bus.read(t, cyc + 3);
          okPage = -2;
        }
        if ((io[ea >> 8] & 1) === 0) m = ram[ea];
        else {
          m = bus.read(ea, cyc + 4) & 0xff;
          okPage = -2;
        }
        t = ((m << 1) & 0xff) | c;
        c = m >> 7;
        fz = fn = t;
        if ((io[ea >> 8] & 2) === 0) ram[ea] = t;
        else {
          bus.write(ea, m, cyc + 5);
          bus.write(ea, t, cyc + 6);
          okPage = -2;
        }
        pc = (pc + 3) & 0xffff;
        cyc += 7;
        break;
      case 0x40: // RTI impl
        s = (s + 1) & 0xff;
        if ((io[1] & 1) === 0) m = ram[0x100 | s];
        else {
          m = bus.read(0x100 | s, cyc + 3) & 0xff;
          okPage = -2;
        }
        c = m & 1;
        fz = ~m & 2;
        v = m & 0x40;
        fn = m;
        d = (m >> 3) & 1;
        i = (m >> 2) & 1;
        s = (s + 1) & 0xff;
        if ((io[1] & 1) === 0) lo = ram[0x100 | s];
        else {
          lo = bus.read(0x100 | s, cyc + 4) & 0xff;
          okPage = -2;
        }
        s = (s + 1) & 0xff;
        if ((io[1] & 1) === 0) hi = ram[0x100 | s];
        else {
          hi = bus.read(0x100 | s, cyc + 5) & 0xff;
          okPage = -2;
        }
        pc = lo | (hi << 8);
        cyc += 6;
        break;
      case 0x41: // EOR (zp,X)
        t = (mem[(pc + 1) & 0xffff] + x) & 0xff;
        if ((io[0] & 1) === 0) ea = ram[t] | (ram[(t + 1) & 0xff] << 8);
        else {
          ea = readZpWord(bus, t, cyc + 3);
          okPage = -2;
        }
        if ((io[ea >> 8] & 1) === 0) m = ram[ea];
        else {
          m = bus.read(ea, cyc + 5) & 0xff;
          okPage = -2;
        }
        a ^= m;
        fz = fn = a;
        pc = (pc + 2) & 0xffff;
        cyc += 6;
        break;
      case 0x45: // EOR zp
        ea = mem[(pc + 1) & 0xffff];
        if ((io[0] & 1) === 0) m = ram[ea];
        else {
          m = bus.read(ea, cyc + 2) & 0xff;
          okPage = -2;
        }
        a ^= m;
        fz = fn = a;
        pc = (pc + 2) & 0xffff;
        cyc += 3;
        break;
      case 0x46: // LSR zp
        ea = mem[(pc + 1) & 0xffff];
        if ((io[0] & 1) === 0) m = ram[ea];
        else {
          m = bus.read(ea, cyc + 2) & 0xff;
          okPage = -2;
        }
        c = m & 1;
        t = m >> 1;
        fz = fn = t;
        if ((io[0] & 2) === 0) ram[ea] = t;
        else {
          bus.write(ea, m, cyc + 3);
          bus.write(ea, t, cyc + 4);
          okPage = -2;
        }
        pc = (pc + 2) & 0xffff;
        cyc += 5;
        break;
      case 0x48: // PHA impl
        if ((io[1] & 2) === 0) ram[0x100 | s] = a;
        else {
          bus.write(0x100 | s, a, cyc + 2);
          okPage = -2;
        }
        s = (s - 1) & 0xff;
        pc = (pc + 1) & 0xffff;
        cyc += 3;
        break;
      case 0x49: // EOR imm
        m = mem[(pc + 1) & 0xffff];
        a ^= m;
        fz = fn = a;
        pc = (pc + 2) & 0xffff;
        cyc += 2;
        break;
      case 0x4a: // LSR A
        m = a;
        c = m & 1;
        t = m >> 1;
        fz = fn = t;
        a = t;
        pc = (pc + 1) & 0xffff;
        cyc += 2;
        break;
      case 0x4c: // JMP abs
        t = mem[(pc + 1) & 0xffff] | (mem[(pc + 2) & 0xffff] << 8);
        if (t === pc && selfLoop) {
          exit = EXIT_SELF_LOOP;
          break loop;
        }
        pc = t;
        cyc += 3;
        break;
      case 0x4d: // EOR abs
        ea = mem[(pc + 1) & 0xffff] | (mem[(pc + 2) & 0xffff] << 8);
        if ((io[ea >> 8] & 1) === 0) m = ram[ea];
        else {
          m = bus.read(ea, cyc + 3) & 0xff;
          okPage = -2;
        }
        a ^= m;
        fz = fn = a;
        pc = (pc + 3) & 0xffff;
        cyc += 4;
        break;
      case 0x4e: // LSR abs
        ea = mem[(pc + 1) & 0xffff] | (mem[(pc + 2) & 0xffff] << 8);
        if ((io[ea >> 8] & 1) === 0) m = ram[ea];
        else {
          m = bus.read(ea, cyc + 3) & 0xff;
          okPage = -2;
        }
        c = m & 1;
        t = m >> 1;
        fz = fn = t;
        if ((io[ea >> 8] & 2) === 0) ram[ea] = t;
        else {
          bus.write(ea, m, cyc + 4);
          bus.write(ea, t, cyc + 5);
          okPage = -2;
        }
        pc = (pc + 3) & 0xffff;
        cyc += 6;
        break;
      case 0x50: // BVC rel
        if (v === 0) {
          t = mem[(pc + 1) & 0xffff];
          if (t === 0xfe && selfLoop) {
            exit = EXIT_SELF_LOOP;
            break loop;
          }
          hi = (pc + 2) & 0xffff;
          pc = (hi + ((t ^ 0x80) - 0x80)) & 0xffff;
          cyc += ((pc ^ hi) & 0xff00) === 0 ? 3 : 4;
        } else {
          pc = (pc + 2) & 0xffff;
          cyc += 2;
        }
        break;
      case 0x51: // EOR (zp),Y
        t = mem[(pc + 1) & 0xffff];
        if ((io[0] & 1) === 0) {
          lo = ram[t];
          hi = ram[(t + 1) & 0xff];
        } else {
          lo = bus.read(t, cyc + 2) & 0xff;
          hi = bus.read((t + 1) & 0xff, cyc + 3) & 0xff;
          okPage = -2;
        }
        t = lo + y;
        ea = ((hi << 8) + t) & 0xffff;
        if (t > 0xff) {
          t = (ea - 0x100) & 0xffff;
          if ((io[t >> 8] & 1) !== 0) {
            bus.read(t, cyc + 4);
            okPage = -2;
          }
          cyc += 1;
        }
        if ((io[ea >> 8] & 1) === 0) m = ram[ea];
        else {
          m = bus.read(ea, cyc + 4) & 0xff;
          okPage = -2;
        }
        a ^= m;
        fz = fn = a;
        pc = (pc + 2) & 0xffff;
        cyc += 5;
        break;
      case 0x55: // EOR zp,X
        ea = (mem[(pc + 1) & 0xffff] + x) & 0xff;
        if ((io[0] & 1) === 0) m = ram[ea];
        else {
          m = bus.read(ea, cyc + 3) & 0xff;
          okPage = -2;
        }
        a ^= m;
        fz = fn = a;
        pc = (pc + 2) & 0xffff;
        cyc += 4;
        break;
      case 0x56: // LSR zp,X
        ea = (mem[(pc + 1) & 0xffff] + x) & 0xff;
        if ((io[0] & 1) === 0) m = ram[ea];
        else {
          m = bus.read(ea, cyc + 3) & 0xff;
          okPage = -2;
        }
        c = m & 1;
        t = m >> 1;
        fz = fn = t;
        if ((io[0] & 2) === 0) ram[ea] = t;
        else {
          bus.write(ea, m, cyc + 4);
          bus.write(ea, t, cyc + 5);
          okPage = -2;
        }
        pc = (pc + 2) & 0xffff;
        cyc += 6;
        break;
      case 0x58: // CLI impl
        i = 0;
        pc = (pc + 1) & 0xffff;
        cyc += 2;
        break;
      case 0x59: // EOR abs,Y
        t = mem[(pc + 1) & 0xffff] + y;
        ea = ((mem[(pc + 2) & 0xffff] << 8) + t) & 0xffff;
        if (t > 0xff) {
          t = (ea - 0x100) & 0xffff;
          if ((io[t >> 8] & 1) !== 0) {
            bus.read(t, cyc + 3);
            okPage = -2;
          }
          cyc += 1;
        }
        if ((io[ea >> 8] & 1) === 0) m = ram[ea];
        else {
          m = bus.read(ea, cyc + 3) & 0xff;
          okPage = -2;
        }
        a ^= m;
        fz = fn = a;
        pc = (pc + 3) & 0xffff;
        cyc += 4;
        break;
      case 0x5d: // EOR abs,X
        t = mem[(pc + 1) & 0xffff] + x;
        ea = ((mem[(pc + 2) & 0xffff] << 8) + t) & 0xffff;
        if (t > 0xff) {
          t = (ea - 0x100) & 0xffff;
          if ((io[t >> 8] & 1) !== 0) {
            bus.read(t, cyc + 3);
            okPage = -2;
          }
          cyc += 1;
        }
        if ((io[ea >> 8] & 1) === 0) m = ram[ea];
        else {
          m = bus.read(ea, cyc + 3) & 0xff;
          okPage = -2;
        }
        a ^= m;
        fz = fn = a;
        pc = (pc + 3) & 0xffff;
        cyc += 4;
        break;
      case 0x5e: // LSR abs,X
        t = mem[(pc + 1) & 0xffff] + x;
        hi = mem[(pc + 2) & 0xffff] << 8;
        ea = (hi + t) & 0xffff;
        t = hi | (t & 0xff);
        if ((io[t >> 8] & 1) !== 0) {
          bus.read(t, cyc + 3);
          okPage = -2;
        }
        if ((io[ea >> 8] & 1) === 0) m = ram[ea];
        else {
          m = bus.read(ea, cyc + 4) & 0xff;
          okPage = -2;
        }
        c = m & 1;
        t = m >> 1;
        fz = fn = t;
        if ((io[ea >> 8] & 2) === 0) ram[ea] = t;
        else {
          bus.write(ea, m, cyc + 5);
          bus.write(ea, t, cyc + 6);
          okPage = -2;
        }
        pc = (pc + 3) & 0xffff;
        cyc += 7;
        break;
      case 0x60: // RTS impl
        s = (s + 1) & 0xff;
        if ((io[1] & 1) === 0) lo = ram[0x100 | s];
        else {
          lo = bus.read(0x100 | s, cyc + 3) & 0xff;
          okPage = -2;
        }
        s = (s + 1) & 0xff;
        if ((io[1] & 1) === 0) hi = ram[0x100 | s];
        else {
          hi = bus.read(0x100 | s, cyc + 4) & 0xff;
          okPage = -2;
        }
        pc = ((lo | (hi << 8)) + 1) & 0xffff;
        cyc += 6;
        break;
      case 0x61: // ADC (zp,X)
        t = (mem[(pc + 1) & 0xffff] + x) & 0xff;
        if ((io[0] & 1) === 0) ea = ram[t] | (ram[(t + 1) & 0xff] << 8);
        else {
          ea = readZpWord(bus, t, cyc + 3);
          okPage = -2;
        }
        if ((io[ea >> 8] & 1) === 0) m = ram[ea];
        else {
          m = bus.read(ea, cyc + 5) & 0xff;
          okPage = -2;
        }
        if (d === 0) {
          t = a + m + c;
          v = ~(a ^ m) & (a ^ t) & 0x80;
          c = t >> 8;
          a = t & 0xff;
          fz = fn = a;
        } else {
          t = adcDecimal(a, m, c);
          a = t & 0xff;
          c = (t >> 8) & 1;
          v = t & DEC_V;
          fn = (t >> 3) & 0x80;
          fz = ~t & DEC_Z;
        }
        pc = (pc + 2) & 0xffff;
        cyc += 6;
        break;
      case 0x65: // ADC zp
        ea = mem[(pc + 1) & 0xffff];
        if ((io[0] & 1) === 0) m = ram[ea];
        else {
          m = bus.read(ea, cyc + 2) & 0xff;
          okPage = -2;
        }
        if (d === 0) {
          t = a + m + c;
          v = ~(a ^ m) & (a ^ t) & 0x80;
          c = t >> 8;
          a = t & 0xff;
          fz = fn = a;
        } else {
          t = adcDecimal(a, m, c);
          a = t & 0xff;
          c = (t >> 8) & 1;
          v = t & DEC_V;
          fn = (t >> 3) & 0x80;
          fz = ~t & DEC_Z;
        }
        pc = (pc + 2) & 0xffff;
        cyc += 3;
        break;
      case 0x66: // ROR zp
        ea = mem[(pc + 1) & 0xffff];
        if ((io[0] & 1) === 0) m = ram[ea];
        else {
          m = bus.read(ea, cyc + 2) & 0xff;
          okPage = -2;
        }
        t = (m >> 1) | (c << 7);
        c = m & 1;
        fz = fn = t;
        if ((io[0] & 2) === 0) ram[ea] = t;
        else {
          bus.write(ea, m, cyc + 3);
          bus.write(ea, t, cyc + 4);
          okPage = -2;
        }
        pc = (pc + 2) & 0xffff;
        cyc += 5;
        break;
      case 0x68: // PLA impl
        s = (s + 1) & 0xff;
        if ((io[1] & 1) === 0) a = ram[0x100 | s];
        else {
          a = bus.read(0x100 | s, cyc + 3) & 0xff;
          okPage = -2;
        }
        fz = fn = a;
        pc = (pc + 1) & 0xffff;
        cyc += 4;
        break;
      case 0x69: // ADC imm
        m = mem[(pc + 1) & 0xffff];
        if (d === 0) {
          t = a + m + c;
          v = ~(a ^ m) & (a ^ t) & 0x80;
          c = t >> 8;
          a = t & 0xff;
          fz = fn = a;
        } else {
          t = adcDecimal(a, m, c);
          a = t & 0xff;
          c = (t >> 8) & 1;
          v = t & DEC_V;
          fn = (t >> 3) & 0x80;
          fz = ~t & DEC_Z;
        }
        pc = (pc + 2) & 0xffff;
        cyc += 2;
        break;
      case 0x6a: // ROR A
        m = a;
        t = (m >> 1) | (c << 7);
        c = m & 1;
        fz = fn = t;
        a = t;
        pc = (pc + 1) & 0xffff;
        cyc += 2;
        break;
      case 0x6c: // JMP (abs)
        t = mem[(pc + 1) & 0xffff] | (mem[(pc + 2) & 0xffff] << 8);
        // NMOS: the high byte comes from the same page as the low byte ($xxFF wraps to $xx00).
        hi = (t & 0xff00) | ((t + 1) & 0xff);
        if ((io[t >> 8] & 1) === 0) lo = ram[t];
        else {
          lo = bus.read(t, cyc + 3) & 0xff;
          okPage = -2;
        }
        if ((io[hi >> 8] & 1) === 0) hi = ram[hi];
        else {
          hi = bus.read(hi, cyc + 4) & 0xff;
          okPage = -2;
        }
        pc = lo | (hi << 8);
        cyc += 5;
        break;
      case 0x6d: // ADC abs
        ea = mem[(pc + 1) & 0xffff] | (mem[(pc + 2) & 0xffff] << 8);
        if ((io[ea >> 8] & 1) === 0) m = ram[ea];
        else {
          m = bus.read(ea, cyc + 3) & 0xff;
          okPage = -2;
        }
        if (d === 0) {
          t = a + m + c;
          v = ~(a ^ m) & (a ^ t) & 0x80;
          c = t >> 8;
          a = t & 0xff;
          fz = fn = a;
        } else {
          t = adcDecimal(a, m, c);
          a = t & 0xff;
          c = (t >> 8) & 1;
          v = t & DEC_V;
          fn = (t >> 3) & 0x80;
          fz = ~t & DEC_Z;
        }
        pc = (pc + 3) & 0xffff;
        cyc += 4;
        break;
      case 0x6e: // ROR abs
        ea = mem[(pc + 1) & 0xffff] | (mem[(pc + 2) & 0xffff] << 8);
        if ((io[ea >> 8] & 1) === 0) m = ram[ea];
        else {
          m = bus.read(ea, cyc + 3) & 0xff;
          okPage = -2;
        }
        t = (m >> 1) | (c << 7);
        c = m & 1;
        fz = fn = t;
        if ((io[ea >> 8] & 2) === 0) ram[ea] = t;
        else {
          bus.write(ea, m, cyc + 4);
          bus.write(ea, t, cyc + 5);
          okPage = -2;
        }
        pc = (pc + 3) & 0xffff;
        cyc += 6;
        break;
      case 0x70: // BVS rel
        if (v !== 0) {
          t = mem[(pc + 1) & 0xffff];
          if (t === 0xfe && selfLoop) {
            exit = EXIT_SELF_LOOP;
            break loop;
          }
          hi = (pc + 2) & 0xffff;
          pc = (hi + ((t ^ 0x80) - 0x80)) & 0xffff;
          cyc += ((pc ^ hi) & 0xff00) === 0 ? 3 : 4;
        } else {
          pc = (pc + 2) & 0xffff;
          cyc += 2;
        }
        break;
      case 0x71: // ADC (zp),Y
        t = mem[(pc + 1) & 0xffff];
        if ((io[0] & 1) === 0) {
          lo = ram[t];
          hi = ram[(t + 1) & 0xff];
        } else {
          lo = bus.read(t, cyc + 2) & 0xff;
          hi = bus.read((t + 1) & 0xff, cyc + 3) & 0xff;
          okPage = -2;
        }
        t = lo + y;
        ea = ((hi << 8) + t) & 0xffff;
        if (t > 0xff) {
          t = (ea - 0x100) & 0xffff;
          if ((io[t >> 8] & 1) !== 0) {
            bus.read(t, cyc + 4);
            okPage = -2;
          }
          cyc += 1;
        }
        if ((io[ea >> 8] & 1) === 0) m = ram[ea];
        else {
          m = bus.read(ea, cyc + 4) & 0xff;
          okPage = -2;
        }
        if (d === 0) {
          t = a + m + c;
          v = ~(a ^ m) & (a ^ t) & 0x80;
          c = t >> 8;
          a = t & 0xff;
          fz = fn = a;
        } else {
          t = adcDecimal(a, m, c);
          a = t & 0xff;
          c = (t >> 8) & 1;
          v = t & DEC_V;
          fn = (t >> 3) & 0x80;
          fz = ~t & DEC_Z;
        }
        pc = (pc + 2) & 0xffff;
        cyc += 5;
        break;
      case 0x75: // ADC zp,X
        ea = (mem[(pc + 1) & 0xffff] + x) & 0xff;
        if ((io[0] & 1) === 0) m = ram[ea];
        else {
          m = bus.read(ea, cyc + 3) & 0xff;
          okPage = -2;
        }
        if (d === 0) {
          t = a + m + c;
          v = ~(a ^ m) & (a ^ t) & 0x80;
          c = t >> 8;
          a = t & 0xff;
          fz = fn = a;
        } else {
          t = adcDecimal(a, m, c);
          a = t & 0xff;
          c = (t >> 8) & 1;
          v = t & DEC_V;
          fn = (t >> 3) & 0x80;
          fz = ~t & DEC_Z;
        }
        pc = (pc + 2) & 0xffff;
        cyc += 4;
        break;
      case 0x76: // ROR zp,X
        ea = (mem[(pc + 1) & 0xffff] + x) & 0xff;
        if ((io[0] & 1) === 0) m = ram[ea];
        else {
          m = bus.read(ea, cyc + 3) & 0xff;
          okPage = -2;
        }
        t = (m >> 1) | (c << 7);
        c = m & 1;
        fz = fn = t;
        if ((io[0] & 2) === 0) ram[ea] = t;
        else {
          bus.write(ea, m, cyc + 4);
          bus.write(ea, t, cyc + 5);
          okPage = -2;
        }
        pc = (pc + 2) & 0xffff;
        cyc += 6;
        break;
      case 0x78: // SEI impl
        i = 1;
        pc = (pc + 1) & 0xffff;
        cyc += 2;
        break;
      case 0x79: // ADC abs,Y
        t = mem[(pc + 1) & 0xffff] + y;
        ea = ((mem[(pc + 2) & 0xffff] << 8) + t) & 0xffff;
        if (t > 0xff) {
          t = (ea - 0x100) & 0xffff;
          if ((io[t >> 8] & 1) !== 0) {
            bus.read(t, cyc + 3);
            okPage = -2;
          }
          cyc += 1;
        }
        if ((io[ea >> 8] & 1) === 0) m = ram[ea];
        else {
          m = bus.read(ea, cyc + 3) & 0xff;
          okPage = -2;
        }
        if (d === 0) {
          t = a + m + c;
          v = ~(a ^ m) & (a ^ t) & 0x80;
          c = t >> 8;
          a = t & 0xff;
          fz = fn = a;
        } else {
          t = adcDecimal(a, m, c);
          a = t & 0xff;
          c = (t >> 8) & 1;
          v = t & DEC_V;
          fn = (t >> 3) & 0x80;
          fz = ~t & DEC_Z;
        }
        pc = (pc + 3) & 0xffff;
        cyc += 4;
        break;
      case 0x7d: // ADC abs,X
        t = mem[(pc + 1) & 0xffff] + x;
        ea = ((mem[(pc + 2) & 0xffff] << 8) + t) & 0xffff;
        if (t > 0xff) {
          t = (ea - 0x100) & 0xffff;
          if ((io[t >> 8] & 1) !== 0) {
            bus.read(t, cyc + 3);
            okPage = -2;
          }
          cyc += 1;
        }
        if ((io[ea >> 8] & 1) === 0) m = ram[ea];
        else {
          m = bus.read(ea, cyc + 3) & 0xff;
          okPage = -2;
        }
        if (d === 0) {
          t = a + m + c;
          v = ~(a ^ m) & (a ^ t) & 0x80;
          c = t >> 8;
          a = t & 0xff;
          fz = fn = a;
        } else {
          t = adcDecimal(a, m, c);
          a = t & 0xff;
          c = (t >> 8) & 1;
          v = t & DEC_V;
          fn = (t >> 3) & 0x80;
          fz = ~t & DEC_Z;
        }
        pc = (pc + 3) & 0xffff;
        cyc += 4;
        break;
      case 0x7e: // ROR abs,X
        t = mem[(pc + 1) & 0xffff] + x;
        hi = mem[(pc + 2) & 0xffff] << 8;
        ea = (hi + t) & 0xffff;
        t = hi | (t & 0xff);
        if ((io[t >> 8] & 1) !== 0) {
          bus.read(t, cyc + 3);
          okPage = -2;
        }
        if ((io[ea >> 8] & 1) === 0) m = ram[ea];
        else {
          m = bus.read(ea, cyc + 4) & 0xff;
          okPage = -2;
        }
        t = (m >> 1) | (c << 7);
        c = m & 1;
        fz = fn = t;
        if ((io[ea >> 8] & 2) === 0) ram[ea] = t;
        else {
          bus.write(ea, m, cyc + 5);
          bus.write(ea, t, cyc + 6);
          okPage = -2;
        }
        pc = (pc + 3) & 0xffff;
        cyc += 7;
        break;
      case 0x81: // STA (zp,X)
        t = (mem[(pc + 1) & 0xffff] + x) & 0xff;
        if ((io[0] & 1) === 0) ea = ram[t] | (ram[(t + 1) & 0xff] << 8);
        else {
          ea = readZpWord(bus, t, cyc + 3);
          okPage = -2;
        }
        if ((io[ea >> 8] & 2) === 0) ram[ea] = a;
        else {
          bus.write(ea, a, cyc + 5);
          okPage = -2;
        }
        pc = (pc + 2) & 0xffff;
        cyc += 6;
        break;
      case 0x84: // STY zp
        ea = mem[(pc + 1) & 0xffff];
        if ((io[0] & 2) === 0) ram[ea] = y;
        else {
          bus.write(ea, y, cyc + 2);
          okPage = -2;
        }
        pc = (pc + 2) & 0xffff;
        cyc += 3;
        break;
      case 0x85: // STA zp
        ea = mem[(pc + 1) & 0xffff];
        if ((io[0] & 2) === 0) ram[ea] = a;
        else {
          bus.write(ea, a, cyc + 2);
          okPage = -2;
        }
        pc = (pc + 2) & 0xffff;
        cyc += 3;
        break;
      case 0x86: // STX zp
        ea = mem[(pc + 1) & 0xffff];
        if ((io[0] & 2) === 0) ram[ea] = x;
        else {
          bus.write(ea, x, cyc + 2);
          okPage = -2;
        }
        pc = (pc + 2) & 0xffff;
        cyc += 3;
        break;
      case 0x88: // DEY impl
        y = (y - 1) & 0xff;
        fz = fn = y;
        pc = (pc + 1) & 0xffff;
        cyc += 2;
        break;
      case 0x8a: // TXA impl
        a = x;
        fz = fn = x;
        pc = (pc + 1) & 0xffff;
        cyc += 2;
        break;
      case 0x8c: // STY abs
        ea = mem[(pc + 1) & 0xffff] | (mem[(pc + 2) & 0xffff] << 8);
        if ((io[ea >> 8] & 2) === 0) ram[ea] = y;
        else {
          bus.write(ea, y, cyc + 3);
          okPage = -2;
        }
        pc = (pc + 3) & 0xffff;
        cyc += 4;
        break;
      case 0x8d: // STA abs
        ea = mem[(pc + 1) & 0xffff] | (mem[(pc + 2) & 0xffff] << 8);
        if ((io[ea >> 8] & 2) === 0) ram[ea] = a;
        else {
          bus.write(ea, a, cyc + 3);
          okPage = -2;
        }
        pc = (pc + 3) & 0xffff;
        cyc += 4;
        break;
      case 0x8e: // STX abs
        ea = mem[(pc + 1) & 0xffff] | (mem[(pc + 2) & 0xffff] << 8);
        if ((io[ea >> 8] & 2) === 0) ram[ea] = x;
        else {
          bus.write(ea, x, cyc + 3);
          okPage = -2;
        }
        pc = (pc + 3) & 0xffff;
        cyc += 4;
        break;
      case 0x90: // BCC rel
        if (c === 0) {
          t = mem[(pc + 1) & 0xffff];
          if (t === 0xfe && selfLoop) {
            exit = EXIT_SELF_LOOP;
            break loop;
          }
          hi = (pc + 2) & 0xffff;
          pc = (hi + ((t ^ 0x80) - 0x80)) & 0xffff;
          cyc += ((pc ^ hi) & 0xff00) === 0 ? 3 : 4;
        } else {
          pc = (pc + 2) & 0xffff;
          cyc += 2;
        }
        break;
      case 0x91: // STA (zp),Y
        t = mem[(pc + 1) & 0xffff];
        if ((io[0] & 1) === 0) {
          lo = ram[t];
          hi = ram[(t + 1) & 0xff];
        } else {
          lo = bus.read(t, cyc + 2) & 0xff;
          hi = bus.read((t + 1) & 0xff, cyc + 3) & 0xff;
          okPage = -2;
        }
        t = lo + y;
        hi <<= 8;
        ea = (hi + t) & 0xffff;
        t = hi | (t & 0xff);
        if ((io[t >> 8] & 1) !== 0) {
          bus.read(t, cyc + 4);
          okPage = -2;
        }
        if ((io[ea >> 8] & 2) === 0) ram[ea] = a;
        else {
          bus.write(ea, a, cyc + 5);
          okPage = -2;
        }
        pc = (pc + 2) & 0xffff;
        cyc += 6;
        break;
      case 0x94: // STY zp,X
        ea = (mem[(pc + 1) & 0xffff] + x) & 0xff;
        if ((io[0] & 2) === 0) ram[ea] = y;
        else {
          bus.write(ea, y, cyc + 3);
          okPage = -2;
        }
        pc = (pc + 2) & 0xffff;
        cyc += 4;
        break;
      case 0x95: // STA zp,X
        ea = (mem[(pc + 1) & 0xffff] + x) & 0xff;
        if ((io[0] & 2) === 0) ram[ea] = a;
        else {
          bus.write(ea, a, cyc + 3);
          okPage = -2;
        }
        pc = (pc + 2) & 0xffff;
        cyc += 4;
        break;
      case 0x96: // STX zp,Y
        ea = (mem[(pc + 1) & 0xffff] + y) & 0xff;
        if ((io[0] & 2) === 0) ram[ea] = x;
        else {
          bus.write(ea, x, cyc + 3);
          okPage = -2;
        }
        pc = (pc + 2) & 0xffff;
        cyc += 4;
        break;
      case 0x98: // TYA impl
        a = y;
        fz = fn = y;
        pc = (pc + 1) & 0xffff;
        cyc += 2;
        break;
      case 0x99: // STA abs,Y
        t = mem[(pc + 1) & 0xffff] + y;
        hi = mem[(pc + 2) & 0xffff] << 8;
        ea = (hi + t) & 0xffff;
        t = hi | (t & 0xff);
        if ((io[t >> 8] & 1) !== 0) {
          bus.read(t, cyc + 3);
          okPage = -2;
        }
        if ((io[ea >> 8] & 2) === 0) ram[ea] = a;
        else {
          bus.write(ea, a, cyc + 4);
          okPage = -2;
        }
        pc = (pc + 3) & 0xffff;
        cyc += 5;
        break;
      case 0x9a: // TXS impl
        s = x;
        pc = (pc + 1) & 0xffff;
        cyc += 2;
        break;
      case 0x9d: // STA abs,X
        t = mem[(pc + 1) & 0xffff] + x;
        hi = mem[(pc + 2) & 0xffff] << 8;
        ea = (hi + t) & 0xffff;
        t = hi | (t & 0xff);
        if ((io[t >> 8] & 1) !== 0) {
          bus.read(t, cyc + 3);
          okPage = -2;
        }
        if ((io[ea >> 8] & 2) === 0) ram[ea] = a;
        else {
          bus.write(ea, a, cyc + 4);
          okPage = -2;
        }
        pc = (pc + 3) & 0xffff;
        cyc += 5;
        break;
      case 0xa0: // LDY imm
        m = mem[(pc + 1) & 0xffff];
        y = m;
        fz = fn = m;
        pc = (pc + 2) & 0xffff;
        cyc += 2;
        break;
      case 0xa1: // LDA (zp,X)
        t = (mem[(pc + 1) & 0xffff] + x) & 0xff;
        if ((io[0] & 1) === 0) ea = ram[t] | (ram[(t + 1) & 0xff] << 8);
        else {
          ea = readZpWord(bus, t, cyc + 3);
          okPage = -2;
        }
        if ((io[ea >> 8] & 1) === 0) m = ram[ea];
        else {
          m = bus.read(ea, cyc + 5) & 0xff;
          okPage = -2;
        }
        a = m;
        fz = fn = m;
        pc = (pc + 2) & 0xffff;
        cyc += 6;
        break;
      case 0xa2: // LDX imm
        m = mem[(pc + 1) & 0xffff];
        x = m;
        fz = fn = m;
        pc = (pc + 2) & 0xffff;
        cyc += 2;
        break;
      case 0xa4: // LDY zp
        ea = mem[(pc + 1) & 0xffff];
        if ((io[0] & 1) === 0) m = ram[ea];
        else {
          m = bus.read(ea, cyc + 2) & 0xff;
          okPage = -2;
        }
        y = m;
        fz = fn = m;
        pc = (pc + 2) & 0xffff;
        cyc += 3;
        break;
      case 0xa5: // LDA zp
        ea = mem[(pc + 1) & 0xffff];
        if ((io[0] & 1) === 0) m = ram[ea];
        else {
          m = bus.read(ea, cyc + 2) & 0xff;
          okPage = -2;
        }
        a = m;
        fz = fn = m;
        pc = (pc + 2) & 0xffff;
        cyc += 3;
        break;
      case 0xa6: // LDX zp
        ea = mem[(pc + 1) & 0xffff];
        if ((io[0] & 1) === 0) m = ram[ea];
        else {
          m = bus.read(ea, cyc + 2) & 0xff;
          okPage = -2;
        }
        x = m;
        fz = fn = m;
        pc = (pc + 2) & 0xffff;
        cyc += 3;
        break;
      case 0xa8: // TAY impl
        y = a;
        fz = fn = a;
        pc = (pc + 1) & 0xffff;
        cyc += 2;
        break;
      case 0xa9: // LDA imm
        m = mem[(pc + 1) & 0xffff];
        a = m;
        fz = fn = m;
        pc = (pc + 2) & 0xffff;
        cyc += 2;
        break;
      case 0xaa: // TAX impl
        x = a;
        fz = fn = a;
        pc = (pc + 1) & 0xffff;
        cyc += 2;
        break;
      case 0xac: // LDY abs
        ea = mem[(pc + 1) & 0xffff] | (mem[(pc + 2) & 0xffff] << 8);
        if ((io[ea >> 8] & 1) === 0) m = ram[ea];
        else {
          m = bus.read(ea, cyc + 3) & 0xff;
          okPage = -2;
        }
        y = m;
        fz = fn = m;
        pc = (pc + 3) & 0xffff;
        cyc += 4;
        break;
      case 0xad: // LDA abs
        ea = mem[(pc + 1) & 0xffff] | (mem[(pc + 2) & 0xffff] << 8);
        if ((io[ea >> 8] & 1) === 0) m = ram[ea];
        else {
          m = bus.read(ea, cyc + 3) & 0xff;
          okPage = -2;
        }
        a = m;
        fz = fn = m;
        pc = (pc + 3) & 0xffff;
        cyc += 4;
        break;
      case 0xae: // LDX abs
        ea = mem[(pc + 1) & 0xffff] | (mem[(pc + 2) & 0xffff] << 8);
        if ((io[ea >> 8] & 1) === 0) m = ram[ea];
        else {
          m = bus.read(ea, cyc + 3) & 0xff;
          okPage = -2;
        }
        x = m;
        fz = fn = m;
        pc = (pc + 3) & 0xffff;
        cyc += 4;
        break;
      case 0xb0: // BCS rel
        if (c !== 0) {
          t = mem[(pc + 1) & 0xffff];
          if (t === 0xfe && selfLoop) {
            exit = EXIT_SELF_LOOP;
            break loop;
          }
          hi = (pc + 2) & 0xffff;
          pc = (hi + ((t ^ 0x80) - 0x80)) & 0xffff;
          cyc += ((pc ^ hi) & 0xff00) === 0 ? 3 : 4;
        } else {
          pc = (pc + 2) & 0xffff;
          cyc += 2;
        }
        break;
      case 0xb1: // LDA (zp),Y
        t = mem[(pc + 1) & 0xffff];
        if ((io[0] & 1) === 0) {
          lo = ram[t];
          hi = ram[(t + 1) & 0xff];
        } else {
          lo = bus.read(t, cyc + 2) & 0xff;
          hi = bus.read((t + 1) & 0xff, cyc + 3) & 0xff;
          okPage = -2;
        }
        t = lo + y;
        ea = ((hi << 8) + t) & 0xffff;
        if (t > 0xff) {
          t = (ea - 0x100) & 0xffff;
          if ((io[t >> 8] & 1) !== 0) {
            bus.read(t, cyc + 4);
            okPage = -2;
          }
          cyc += 1;
        }
        if ((io[ea >> 8] & 1) === 0) m = ram[ea];
        else {
          m = bus.read(ea, cyc + 4) & 0xff;
          okPage = -2;
        }
        a = m;
        fz = fn = m;
        pc = (pc + 2) & 0xffff;
        cyc += 5;
        break;
      case 0xb4: // LDY zp,X
        ea = (mem[(pc + 1) & 0xffff] + x) & 0xff;
        if ((io[0] & 1) === 0) m = ram[ea];
        else {
          m = bus.read(ea, cyc + 3) & 0xff;
          okPage = -2;
        }
        y = m;
        fz = fn = m;
        pc = (pc + 2) & 0xffff;
        cyc += 4;
        break;
      case 0xb5: // LDA zp,X
        ea = (mem[(pc + 1) & 0xffff] + x) & 0xff;
        if ((io[0] & 1) === 0) m = ram[ea];
        else {
          m = bus.read(ea, cyc + 3) & 0xff;
          okPage = -2;
        }
        a = m;
        fz = fn = m;
        pc = (pc + 2) & 0xffff;
        cyc += 4;
        break;
      case 0xb6: // LDX zp,Y
        ea = (mem[(pc + 1) & 0xffff] + y) & 0xff;
        if ((io[0] & 1) === 0) m = ram[ea];
        else {
          m = bus.read(ea, cyc + 3) & 0xff;
          okPage = -2;
        }
        x = m;
        fz = fn = m;
        pc = (pc + 2) & 0xffff;
        cyc += 4;
        break;
      case 0xb8: // CLV impl
        v = 0;
        pc = (pc + 1) & 0xffff;
        cyc += 2;
        break;
      case 0xb9: // LDA abs,Y
        t = mem[(pc + 1) & 0xffff] + y;
        ea = ((mem[(pc + 2) & 0xffff] << 8) + t) & 0xffff;
        if (t > 0xff) {
          t = (ea - 0x100) & 0xffff;
          if ((io[t >> 8] & 1) !== 0) {
            bus.read(t, cyc + 3);
            okPage = -2;
          }
          cyc += 1;
        }
        if ((io[ea >> 8] & 1) === 0) m = ram[ea];
        else {
          m = bus.read(ea, cyc + 3) & 0xff;
          okPage = -2;
        }
        a = m;
        fz = fn = m;
        pc = (pc + 3) & 0xffff;
        cyc += 4;
        break;
      case 0xba: // TSX impl
        x = s;
        fz = fn = s;
        pc = (pc + 1) & 0xffff;
        cyc += 2;
        break;
      case 0xbc: // LDY abs,X
        t = mem[(pc + 1) & 0xffff] + x;
        ea = ((mem[(pc + 2) & 0xffff] << 8) + t) & 0xffff;
        if (t > 0xff) {
          t = (ea - 0x100) & 0xffff;
          if ((io[t >> 8] & 1) !== 0) {
            bus.read(t, cyc + 3);
            okPage = -2;
          }
          cyc += 1;
        }
        if ((io[ea >> 8] & 1) === 0) m = ram[ea];
        else {
          m = bus.read(ea, cyc + 3) & 0xff;
          okPage = -2;
        }
        y = m;
        fz = fn = m;
        pc = (pc + 3) & 0xffff;
        cyc += 4;
        break;
      case 0xbd: // LDA abs,X
        t = mem[(pc + 1) & 0xffff] + x;
        ea = ((mem[(pc + 2) & 0xffff] << 8) + t) & 0xffff;
        if (t > 0xff) {
          t = (ea - 0x100) & 0xffff;
          if ((io[t >> 8] & 1) !== 0) {
            bus.read(t, cyc + 3);
            okPage = -2;
          }
          cyc += 1;
        }
        if ((io[ea >> 8] & 1) === 0) m = ram[ea];
        else {
          m = bus.read(ea, cyc + 3) & 0xff;
          okPage = -2;
        }
        a = m;
        fz = fn = m;
        pc = (pc + 3) & 0xffff;
        cyc += 4;
        break;
      case 0xbe: // LDX abs,Y
        t = mem[(pc + 1) & 0xffff] + y;
        ea = ((mem[(pc + 2) & 0xffff] << 8) + t) & 0xffff;
        if (t > 0xff) {
          t = (ea - 0x100) & 0xffff;
          if ((io[t >> 8] & 1) !== 0) {
            bus.read(t, cyc + 3);
            okPage = -2;
          }
          cyc += 1;
        }
        if ((io[ea >> 8] & 1) === 0) m = ram[ea];
        else {
          m = bus.read(ea, cyc + 3) & 0xff;
          okPage = -2;
        }
        x = m;
        fz = fn = m;
        pc = (pc + 3) & 0xffff;
        cyc += 4;
        break;
      case 0xc0: // CPY imm
        m = mem[(pc + 1) & 0xffff];
        t = y - m;
        c = ~t >>> 31;
        fz = fn = t & 0xff;
        pc = (pc + 2) & 0xffff;
        cyc += 2;
        break;
      case 0xc1: // CMP (zp,X)
        t = (mem[(pc + 1) & 0xffff] + x) & 0xff;
        if ((io[0] & 1) === 0) ea = ram[t] | (ram[(t + 1) & 0xff] << 8);
        else {
          ea = readZpWord(bus, t, cyc + 3);
          okPage = -2;
        }
        if ((io[ea >> 8] & 1) === 0) m = ram[ea];
        else {
          m = bus.read(ea, cyc + 5) & 0xff;
          okPage = -2;
        }
        t = a - m;
        c = ~t >>> 31;
        fz = fn = t & 0xff;
        pc = (pc + 2) & 0xffff;
        cyc += 6;
        break;
      case 0xc4: // CPY zp
        ea = mem[(pc + 1) & 0xffff];
        if ((io[0] & 1) === 0) m = ram[ea];
        else {
          m = bus.read(ea, cyc + 2) & 0xff;
          okPage = -2;
        }
        t = y - m;
        c = ~t >>> 31;
        fz = fn = t & 0xff;
        pc = (pc + 2) & 0xffff;
        cyc += 3;
        break;
      case 0xc5: // CMP zp
        ea = mem[(pc + 1) & 0xffff];
        if ((io[0] & 1) === 0) m = ram[ea];
        else {
          m = bus.read(ea, cyc + 2) & 0xff;
          okPage = -2;
        }
        t = a - m;
        c = ~t >>> 31;
        fz = fn = t & 0xff;
        pc = (pc + 2) & 0xffff;
        cyc += 3;
        break;
      case 0xc6: // DEC zp
        ea = mem[(pc + 1) & 0xffff];
        if ((io[0] & 1) === 0) m = ram[ea];
        else {
          m = bus.read(ea, cyc + 2) & 0xff;
          okPage = -2;
        }
        t = (m - 1) & 0xff;
        fz = fn = t;
        if ((io[0] & 2) === 0) ram[ea] = t;
        else {
          bus.write(ea, m, cyc + 3);
          bus.write(ea, t, cyc + 4);
          okPage = -2;
        }
        pc = (pc + 2) & 0xffff;
        cyc += 5;
        break;
      case 0xc8: // INY impl
        y = (y + 1) & 0xff;
        fz = fn = y;
        pc = (pc + 1) & 0xffff;
        cyc += 2;
        break;
      case 0xc9: // CMP imm
        m = mem[(pc + 1) & 0xffff];
        t = a - m;
        c = ~t >>> 31;
        fz = fn = t & 0xff;
        pc = (pc + 2) & 0xffff;
        cyc += 2;
        break;
      case 0xca: // DEX impl
        x = (x - 1) & 0xff;
        fz = fn = x;
        pc = (pc + 1) & 0xffff;
        cyc += 2;
        break;
      case 0xcc: // CPY abs
        ea = mem[(pc + 1) & 0xffff] | (mem[(pc + 2) & 0xffff] << 8);
        if ((io[ea >> 8] & 1) === 0) m = ram[ea];
        else {
          m = bus.read(ea, cyc + 3) & 0xff;
          okPage = -2;
        }
        t = y - m;
        c = ~t >>> 31;
        fz = fn = t & 0xff;
        pc = (pc + 3) & 0xffff;
        cyc += 4;
        break;
      case 0xcd: // CMP abs
        ea = mem[(pc + 1) & 0xffff] | (mem[(pc + 2) & 0xffff] << 8);
        if ((io[ea >> 8] & 1) === 0) m = ram[ea];
        else {
          m = bus.read(ea, cyc + 3) & 0xff;
          okPage = -2;
        }
        t = a - m;
        c = ~t >>> 31;
        fz = fn = t & 0xff;
        pc = (pc + 3) & 0xffff;
        cyc += 4;
        break;
      case 0xce: // DEC abs
        ea = mem[(pc + 1) & 0xffff] | (mem[(pc + 2) & 0xffff] << 8);
        if ((io[ea >> 8] & 1) === 0) m = ram[ea];
        else {
          m = bus.read(ea, cyc + 3) & 0xff;
          okPage = -2;
        }
        t = (m - 1) & 0xff;
        fz = fn = t;
        if ((io[ea >> 8] & 2) === 0) ram[ea] = t;
        else {
          bus.write(ea, m, cyc + 4);
          bus.write(ea, t, cyc + 5);
          okPage = -2;
        }
        pc = (pc + 3) & 0xffff;
        cyc += 6;
        break;
      case 0xd0: // BNE rel
        if (fz !== 0) {
          t = mem[(pc + 1) & 0xffff];
          if (t === 0xfe && selfLoop) {
            exit = EXIT_SELF_LOOP;
            break loop;
          }
          hi = (pc + 2) & 0xffff;
          pc = (hi + ((t ^ 0x80) - 0x80)) & 0xffff;
          cyc += ((pc ^ hi) & 0xff00) === 0 ? 3 : 4;
        } else {
          pc = (pc + 2) & 0xffff;
          cyc += 2;
        }
        break;
      case 0xd1: // CMP (zp),Y
        t = mem[(pc + 1) & 0xffff];
        if ((io[0] & 1) === 0) {
          lo = ram[t];
          hi = ram[(t + 1) & 0xff];
        } else {
          lo = bus.read(t, cyc + 2) & 0xff;
          hi = bus.read((t + 1) & 0xff, cyc + 3) & 0xff;
          okPage = -2;
        }
        t = lo + y;
        ea = ((hi << 8) + t) & 0xffff;
        if (t > 0xff) {
          t = (ea - 0x100) & 0xffff;
          if ((io[t >> 8] & 1) !== 0) {
            bus.read(t, cyc + 4);
            okPage = -2;
          }
          cyc += 1;
        }
        if ((io[ea >> 8] & 1) === 0) m = ram[ea];
        else {
          m = bus.read(ea, cyc + 4) & 0xff;
          okPage = -2;
        }
        t = a - m;
        c = ~t >>> 31;
        fz = fn = t & 0xff;
        pc = (pc + 2) & 0xffff;
        cyc += 5;
        break;
      case 0xd5: // CMP zp,X
        ea = (mem[(pc + 1) & 0xffff] + x) & 0xff;
        if ((io[0] & 1) === 0) m = ram[ea];
        else {
          m = bus.read(ea, cyc + 3) & 0xff;
          okPage = -2;
        }
        t = a - m;
        c = ~t >>> 31;
        fz = fn = t & 0xff;
        pc = (pc + 2) & 0xffff;
        cyc += 4;
        break;
      case 0xd6: // DEC zp,X
        ea = (mem[(pc + 1) & 0xffff] + x) & 0xff;
        if ((io[0] & 1) === 0) m = ram[ea];
        else {
          m = bus.read(ea, cyc + 3) & 0xff;
          okPage = -2;
        }
        t = (m - 1) & 0xff;
        fz = fn = t;
        if ((io[0] & 2) === 0) ram[ea] = t;
        else {
          bus.write(ea, m, cyc + 4);
          bus.write(ea, t, cyc + 5);
          okPage = -2;
        }
        pc = (pc + 2) & 0xffff;
        cyc += 6;
        break;
      case 0xd8: // CLD impl
        d = 0;
        pc = (pc + 1) & 0xffff;
        cyc += 2;
        break;
      case 0xd9: // CMP abs,Y
        t = mem[(pc + 1) & 0xffff] + y;
        ea = ((mem[(pc + 2) & 0xffff] << 8) + t) & 0xffff;
        if (t > 0xff) {
          t = (ea - 0x100) & 0xffff;
          if ((io[t >> 8] & 1) !== 0) {
            bus.read(t, cyc + 3);
            okPage = -2;
          }
          cyc += 1;
        }
        if ((io[ea >> 8] & 1) === 0) m = ram[ea];
        else {
          m = bus.read(ea, cyc + 3) & 0xff;
          okPage = -2;
        }
        t = a - m;
        c = ~t >>> 31;
        fz = fn = t & 0xff;
        pc = (pc + 3) & 0xffff;
        cyc += 4;
        break;
      case 0xdd: // CMP abs,X
        t = mem[(pc + 1) & 0xffff] + x;
        ea = ((mem[(pc + 2) & 0xffff] << 8) + t) & 0xffff;
        if (t > 0xff) {
          t = (ea - 0x100) & 0xffff;
          if ((io[t >> 8] & 1) !== 0) {
            bus.read(t, cyc + 3);
            okPage = -2;
          }
          cyc += 1;
        }
        if ((io[ea >> 8] & 1) === 0) m = ram[ea];
        else {
          m = bus.read(ea, cyc + 3) & 0xff;
          okPage = -2;
        }
        t = a - m;
        c = ~t >>> 31;
        fz = fn = t & 0xff;
        pc = (pc + 3) & 0xffff;
        cyc += 4;
        break;
      case 0xde: // DEC abs,X
        t = mem[(pc + 1) & 0xffff] + x;
        hi = mem[(pc + 2) & 0xffff] << 8;
        ea = (hi + t) & 0xffff;
        t = hi | (t & 0xff);
        if ((io[t >> 8] & 1) !== 0) {
          bus.read(t, cyc + 3);
          okPage = -2;
        }
        if ((io[ea >> 8] & 1) === 0) m = ram[ea];
        else {
          m = bus.read(ea, cyc + 4) & 0xff;
          okPage = -2;
        }
        t = (m - 1) & 0xff;
        fz = fn = t;
        if ((io[ea >> 8] & 2) === 0) ram[ea] = t;
        else {
          bus.write(ea, m, cyc + 5);
          bus.write(ea, t, cyc + 6);
          okPage = -2;
        }
        pc = (pc + 3) & 0xffff;
        cyc += 7;
        break;
      case 0xe0: // CPX imm
        m = mem[(pc + 1) & 0xffff];
        t = x - m;
        c = ~t >>> 31;
        fz = fn = t & 0xff;
        pc = (pc + 2) & 0xffff;
        cyc += 2;
        break;
      case 0xe1: // SBC (zp,X)
        t = (mem[(pc + 1) & 0xffff] + x) & 0xff;
        if ((io[0] & 1) === 0) ea = ram[t] | (ram[(t + 1) & 0xff] << 8);
        else {
          ea = readZpWord(bus, t, cyc + 3);
          okPage = -2;
        }
        if ((io[ea >> 8] & 1) === 0) m = ram[ea];
        else {
          m = bus.read(ea, cyc + 5) & 0xff;
          okPage = -2;
        }
        if (d === 0) {
          m ^= 0xff;
          t = a + m + c;
          v = ~(a ^ m) & (a ^ t) & 0x80;
          c = t >> 8;
          a = t & 0xff;
          fz = fn = a;
        } else {
          t = sbcDecimal(a, m, c);
          a = t & 0xff;
          c = (t >> 8) & 1;
          v = t & DEC_V;
          fn = (t >> 3) & 0x80;
          fz = ~t & DEC_Z;
        }
        pc = (pc + 2) & 0xffff;
        cyc += 6;
        break;
      case 0xe4: // CPX zp
        ea = mem[(pc + 1) & 0xffff];
        if ((io[0] & 1) === 0) m = ram[ea];
        else {
          m = bus.read(ea, cyc + 2) & 0xff;
          okPage = -2;
        }
        t = x - m;
        c = ~t >>> 31;
        fz = fn = t & 0xff;
        pc = (pc + 2) & 0xffff;
        cyc += 3;
        break;
      case 0xe5: // SBC zp
        ea = mem[(pc + 1) & 0xffff];
        if ((io[0] & 1) === 0) m = ram[ea];
        else {
          m = bus.read(ea, cyc + 2) & 0xff;
          okPage = -2;
        }
        if (d === 0) {
          m ^= 0xff;
          t = a + m + c;
          v = ~(a ^ m) & (a ^ t) & 0x80;
          c = t >> 8;
          a = t & 0xff;
          fz = fn = a;
        } else {
          t = sbcDecimal(a, m, c);
          a = t & 0xff;
          c = (t >> 8) & 1;
          v = t & DEC_V;
          fn = (t >> 3) & 0x80;
          fz = ~t & DEC_Z;
        }
        pc = (pc + 2) & 0xffff;
        cyc += 3;
        break;
      case 0xe6: // INC zp
        ea = mem[(pc + 1) & 0xffff];
        if ((io[0] & 1) === 0) m = ram[ea];
        else {
          m = bus.read(ea, cyc + 2) & 0xff;
          okPage = -2;
        }
        t = (m + 1) & 0xff;
        fz = fn = t;
        if ((io[0] & 2) === 0) ram[ea] = t;
        else {
          bus.write(ea, m, cyc + 3);
          bus.write(ea, t, cyc + 4);
          okPage = -2;
        }
        pc = (pc + 2) & 0xffff;
        cyc += 5;
        break;
      case 0xe8: // INX impl
        x = (x + 1) & 0xff;
        fz = fn = x;
        pc = (pc + 1) & 0xffff;
        cyc += 2;
        break;
      case 0xe9: // SBC imm
        m = mem[(pc + 1) & 0xffff];
        if (d === 0) {
          m ^= 0xff;
          t = a + m + c;
          v = ~(a ^ m) & (a ^ t) & 0x80;
          c = t >> 8;
          a = t & 0xff;
          fz = fn = a;
        } else {
          t = sbcDecimal(a, m, c);
          a = t & 0xff;
          c = (t >> 8) & 1;
          v = t & DEC_V;
          fn = (t >> 3) & 0x80;
          fz = ~t & DEC_Z;
        }
        pc = (pc + 2) & 0xffff;
        cyc += 2;
        break;
      case 0xea: // NOP impl
        pc = (pc + 1) & 0xffff;
        cyc += 2;
        break;
      case 0xec: // CPX abs
        ea = mem[(pc + 1) & 0xffff] | (mem[(pc + 2) & 0xffff] << 8);
        if ((io[ea >> 8] & 1) === 0) m = ram[ea];
        else {
          m = bus.read(ea, cyc + 3) & 0xff;
          okPage = -2;
        }
        t = x - m;
        c = ~t >>> 31;
        fz = fn = t & 0xff;
        pc = (pc + 3) & 0xffff;
        cyc += 4;
        break;
      case 0xed: // SBC abs
        ea = mem[(pc + 1) & 0xffff] | (mem[(pc + 2) & 0xffff] << 8);
        if ((io[ea >> 8] & 1) === 0) m = ram[ea];
        else {
          m = bus.read(ea, cyc + 3) & 0xff;
          okPage = -2;
        }
        if (d === 0) {
          m ^= 0xff;
          t = a + m + c;
          v = ~(a ^ m) & (a ^ t) & 0x80;
          c = t >> 8;
          a = t & 0xff;
          fz = fn = a;
        } else {
          t = sbcDecimal(a, m, c);
          a = t & 0xff;
          c = (t >> 8) & 1;
          v = t & DEC_V;
          fn = (t >> 3) & 0x80;
          fz = ~t & DEC_Z;
        }
        pc = (pc + 3) & 0xffff;
        cyc += 4;
        break;
      case 0xee: // INC abs
        ea = mem[(pc + 1) & 0xffff] | (mem[(pc + 2) & 0xffff] << 8);
        if ((io[ea >> 8] & 1) === 0) m = ram[ea];
        else {
          m = bus.read(ea, cyc + 3) & 0xff;
          okPage = -2;
        }
        t = (m + 1) & 0xff;
        fz = fn = t;
        if ((io[ea >> 8] & 2) === 0) ram[ea] = t;
        else {
          bus.write(ea, m, cyc + 4);
          bus.write(ea, t, cyc + 5);
          okPage = -2;
        }
        pc = (pc + 3) & 0xffff;
        cyc += 6;
        break;
      case 0xf0: // BEQ rel
        if (fz === 0) {
          t = mem[(pc + 1) & 0xffff];
          if (t === 0xfe && selfLoop) {
            exit = EXIT_SELF_LOOP;
            break loop;
          }
          hi = (pc + 2) & 0xffff;
          pc = (hi + ((t ^ 0x80) - 0x80)) & 0xffff;
          cyc += ((pc ^ hi) & 0xff00) === 0 ? 3 : 4;
        } else {
          pc = (pc + 2) & 0xffff;
          cyc += 2;
        }
        break;
      case 0xf1: // SBC (zp),Y
        t = mem[(pc + 1) & 0xffff];
        if ((io[0] & 1) === 0) {
          lo = ram[t];
          hi = ram[(t + 1) & 0xff];
        } else {
          lo = bus.read(t, cyc + 2) & 0xff;
          hi = bus.read((t + 1) & 0xff, cyc + 3) & 0xff;
          okPage = -2;
        }
        t = lo + y;
        ea = ((hi << 8) + t) & 0xffff;
        if (t > 0xff) {
          t = (ea - 0x100) & 0xffff;
          if ((io[t >> 8] & 1) !== 0) {
            bus.read(t, cyc + 4);
            okPage = -2;
          }
          cyc += 1;
        }
        if ((io[ea >> 8] & 1) === 0) m = ram[ea];
        else {
          m = bus.read(ea, cyc + 4) & 0xff;
          okPage = -2;
        }
        if (d === 0) {
          m ^= 0xff;
          t = a + m + c;
          v = ~(a ^ m) & (a ^ t) & 0x80;
          c = t >> 8;
          a = t & 0xff;
          fz = fn = a;
        } else {
          t = sbcDecimal(a, m, c);
          a = t & 0xff;
          c = (t >> 8) & 1;
          v = t & DEC_V;
          fn = (t >> 3) & 0x80;
          fz = ~t & DEC_Z;
        }
        pc = (pc + 2) & 0xffff;
        cyc += 5;
        break;
      case 0xf5: // SBC zp,X
        ea = (mem[(pc + 1) & 0xffff] + x) & 0xff;
        if ((io[0] & 1) === 0) m = ram[ea];
        else {
          m = bus.read(ea, cyc + 3) & 0xff;
          okPage = -2;
        }
        if (d === 0) {
          m ^= 0xff;
          t = a + m + c;
          v = ~(a ^ m) & (a ^ t) & 0x80;
          c = t >> 8;
          a = t & 0xff;
          fz = fn = a;
        } else {
          t = sbcDecimal(a, m, c);
          a = t & 0xff;
          c = (t >> 8) & 1;
          v = t & DEC_V;
          fn = (t >> 3) & 0x80;
          fz = ~t & DEC_Z;
        }
        pc = (pc + 2) & 0xffff;
        cyc += 4;
        break;
      case 0xf6: // INC zp,X
        ea = (mem[(pc + 1) & 0xffff] + x) & 0xff;
        if ((io[0] & 1) === 0) m = ram[ea];
        else {
          m = bus.read(ea, cyc + 3) & 0xff;
          okPage = -2;
        }
        t = (m + 1) & 0xff;
        fz = fn = t;
        if ((io[0] & 2) === 0) ram[ea] = t;
        else {
          bus.write(ea, m, cyc + 4);
          bus.write(ea, t, cyc + 5);
          okPage = -2;
        }
        pc = (pc + 2) & 0xffff;
        cyc += 6;
        break;
      case 0xf8: // SED impl
        d = 1;
        pc = (pc + 1) & 0xffff;
        cyc += 2;
        break;
      case 0xf9: // SBC abs,Y
        t = mem[(pc + 1) & 0xffff] + y;
        ea = ((mem[(pc + 2) & 0xffff] << 8) + t) & 0xffff;
        if (t > 0xff) {
          t = (ea - 0x100) & 0xffff;
          if ((io[t >> 8] & 1) !== 0) {
            bus.read(t, cyc + 3);
            okPage = -2;
          }
          cyc += 1;
        }
        if ((io[ea >> 8] & 1) === 0) m = ram[ea];
        else {
          m = bus.read(ea, cyc + 3) & 0xff;
          okPage = -2;
        }
        if (d === 0) {
          m ^= 0xff;
          t = a + m + c;
          v = ~(a ^ m) & (a ^ t) & 0x80;
          c = t >> 8;
          a = t & 0xff;
          fz = fn = a;
        } else {
          t = sbcDecimal(a, m, c);
          a = t & 0xff;
          c = (t >> 8) & 1;
          v = t & DEC_V;
          fn = (t >> 3) & 0x80;
          fz = ~t & DEC_Z;
        }
        pc = (pc + 3) & 0xffff;
        cyc += 4;
        break;
      case 0xfd: // SBC abs,X
        t = mem[(pc + 1) & 0xffff] + x;
        ea = ((mem[(pc + 2) & 0xffff] << 8) + t) & 0xffff;
        if (t > 0xff) {
          t = (ea - 0x100) & 0xffff;
          if ((io[t >> 8] & 1) !== 0) {
            bus.read(t, cyc + 3);
            okPage = -2;
          }
          cyc += 1;
        }
        if ((io[ea >> 8] & 1) === 0) m = ram[ea];
        else {
          m = bus.read(ea, cyc + 3) & 0xff;
          okPage = -2;
        }
        if (d === 0) {
          m ^= 0xff;
          t = a + m + c;
          v = ~(a ^ m) & (a ^ t) & 0x80;
          c = t >> 8;
          a = t & 0xff;
          fz = fn = a;
        } else {
          t = sbcDecimal(a, m, c);
          a = t & 0xff;
          c = (t >> 8) & 1;
          v = t & DEC_V;
          fn = (t >> 3) & 0x80;
          fz = ~t & DEC_Z;
        }
        pc = (pc + 3) & 0xffff;
        cyc += 4;
        break;
      case 0xfe: // INC abs,X
        t = mem[(pc + 1) & 0xffff] + x;
        hi = mem[(pc + 2) & 0xffff] << 8;
        ea = (hi + t) & 0xffff;
        t = hi | (t & 0xff);
        if ((io[t >> 8] & 1) !== 0) {
          bus.read(t, cyc + 3);
          okPage = -2;
        }
        if ((io[ea >> 8] & 1) === 0) m = ram[ea];
        else {
          m = bus.read(ea, cyc + 4) & 0xff;
          okPage = -2;
        }
        t = (m + 1) & 0xff;
        fz = fn = t;
        if ((io[ea >> 8] & 2) === 0) ram[ea] = t;
        else {
          bus.write(ea, m, cyc + 5);
          bus.write(ea, t, cyc + 6);
          okPage = -2;
        }
        pc = (pc + 3) & 0xffff;
        cyc += 7;
        break;
      default:
        exit = EXIT_UNDOCUMENTED;
        break loop;
    }
    if (prof !== null) prof[pc0] += cyc - cyc0;
    if (pc === stopAt) {
      exit = EXIT_STOP_PC;
      break;
    }
  }
  core.ra = a;
  core.rx = x;
  core.ry = y;
  core.rs = s;
  core.rpc = pc;
  core.rp = packFlags(fn, v, d, i, fz, c);
  core.cycles = cyc;
  core.epoch = epoch;
  return exit;
};
