/**
 * The I/O chips at $D000-$DFFF, as far as a program's behaviour and what a person sees or hears
 * depend on them: the VIC-II's registers (raster counter, display enable, character set,
 * border), the SID's registers (recorded, with voice 3's oscillator readable), colour RAM, and
 * CIA 1's timer A and interrupt control (the jiffy interrupt). Keyboard and joystick ports read
 * as "nothing pressed"; raster interrupts, sprites and the CIAs' other timers are not modelled.
 *
 * Every access carries the CPU cycle it happened at; the WallClock turns that into the wall
 * cycle, which is what the raster counter, the SID oscillator and the CIA timer follow.
 *
 * @module
 */
import type { Charset } from "./petscii.ts";
import { Voice3 } from "./sid.ts";
import type { WallClock } from "./timing.ts";

/** A change of the border colour (a write to $D020 with a new colour). */
export interface BorderEvent {
  /** CPU cycle of the write. */
  readonly cycle: number;
  /** Wall cycle of the write (CPU cycles plus cycles stolen by the VIC-II). */
  readonly wall: number;
  /** The colour (0-15). */
  readonly colour: number;
}

/** A write to a SID register ($D400-$D418, mirrored up to $D7FF). */
export interface SidWrite {
  /** CPU cycle of the write. */
  readonly cycle: number;
  /** Wall cycle of the write (CPU cycles plus cycles stolen by the VIC-II). */
  readonly wall: number;
  /** Register number 0-24 ($D400 + reg). */
  readonly reg: number;
  /** The byte written. */
  readonly value: number;
}

/** A note starting: a voice's gate bit (control register bit 0) going from 0 to 1. */
export interface Blip {
  /** CPU cycle of the gate write. */
  readonly cycle: number;
  /** Wall cycle of the gate write (CPU cycles plus cycles stolen by the VIC-II). */
  readonly wall: number;
  /** Voice 1-3. */
  readonly voice: number;
  /** The voice's 16-bit frequency register. */
  readonly frequency: number;
  /** The frequency in Hz (register × clock / 2^24). */
  readonly hz: number;
  /** The control register written (waveform bits 4-7: triangle, saw, pulse, noise). */
  readonly control: number;
}

/** An append-only log that keeps the first `limit` entries and counts the rest. */
export class EventLog<T> {
  /** The entries kept, oldest first. */
  readonly entries: T[] = [];
  /** How many entries were not kept (pushed after the log was full). */
  dropped = 0;
  /** An empty log that keeps at most `limit` entries. */
  constructor(readonly limit: number) {}
  /** Append an entry, or count it as dropped when the log is full. */
  push(e: T): void {
    if (this.entries.length < this.limit) this.entries.push(e);
    else this.dropped++;
  }
}

/** VIC-II register bits that always read as 1 (unused bits), by register. */
const VIC_UNUSED: Readonly<Record<number, number>> = {
  0x16: 0xc0,
  0x18: 0x01,
  0x19: 0x70,
  0x1a: 0xf0,
};

/** The VIC-II's registers as they stand after the KERNAL's initialisation. */
const VIC_DEFAULTS: Readonly<Record<number, number>> = {
  0x11: 0x1b,
  0x16: 0xc8,
  0x18: 0x15,
  0x20: 14,
  0x21: 6,
  0x22: 1,
  0x23: 2,
  0x24: 3,
};

/** The chips' state and the recordings. */
export class Io {
  /** The VIC-II's registers ($D000-$D03F), as last written. */
  readonly vic = new Uint8Array(0x40);
  /** The SID's registers ($D400-$D41F), as last written. */
  readonly sid = new Uint8Array(0x20);
  /** Colour RAM ($D800-$DBFF), low nybbles. */
  readonly colour = new Uint8Array(0x400);
  /** CIA 1's registers ($DC00-$DC0F), as last written. */
  readonly cia1 = new Uint8Array(0x10);
  /** CIA 2's registers ($DD00-$DD0F), as last written. */
  readonly cia2 = new Uint8Array(0x10);
  /** Voice 3's oscillator, readable at $D41B. */
  readonly voice3 = new Voice3();
  /** Border colour changes. */
  readonly border: EventLog<BorderEvent>;
  /** Writes to the SID's registers. */
  readonly sidWrites: EventLog<SidWrite>;
  /** Notes started (gate on). */
  readonly blips: EventLog<Blip>;
  /** The raster compare line a program wrote (no raster interrupts are generated). */
  rasterCompare = 0;

  // CIA 1 timer A (the jiffy interrupt) and interrupt control.
  /** Timer A latch. */
  timerLatch: number;
  /** Timer A running. */
  timerRunning = true;
  /** Wall cycle at which timer A next underflows. */
  nextUnderflow: number;
  /** Interrupt mask (bit 0: timer A). */
  icrMask = 0x01;
  /** Interrupt flags not yet acknowledged (bit 0: timer A underflowed). */
  icrFlags = 0;

  /** The chips as the KERNAL leaves them at power-on; each log keeps `maxEvents` entries. */
  constructor(readonly clock: WallClock, maxEvents: number) {
    this.border = new EventLog(maxEvents);
    this.sidWrites = new EventLog(maxEvents);
    this.blips = new EventLog(maxEvents);
    for (const [reg, v] of Object.entries(VIC_DEFAULTS)) this.vic[Number(reg)] = v;
    this.cia2[0] = 0x97;
    this.cia2[2] = 0x3f;
    this.timerLatch = clock.timing.jiffyLatch;
    this.nextUnderflow = this.timerLatch + 1;
    this.colour.fill(14);
  }

  /** The character set the VIC-II shows ($D018 bit 1). */
  get charset(): Charset {
    return (this.vic[0x18] & 0x02) !== 0 ? "lower" : "upper";
  }

  set charset(c: Charset) {
    this.vic[0x18] = c === "lower" ? this.vic[0x18] | 0x02 : this.vic[0x18] & 0xfd;
  }

  /** Where the VIC-II reads screen codes: its bank (CIA 2 port A) plus $D018 bits 4-7. */
  get screenAddress(): number {
    const bank = 3 - (this.cia2[0] & 3);
    return bank * 0x4000 + (this.vic[0x18] >> 4) * 0x400;
  }

  /** The display is enabled ($D011 bit 4). */
  get displayOn(): boolean {
    return (this.vic[0x11] & 0x10) !== 0;
  }

  /** True when CIA 1 is pulling the IRQ line (an unacknowledged, enabled interrupt). */
  get irqLine(): boolean {
    return (this.icrFlags & this.icrMask) !== 0;
  }

  /** Record timer A underflows up to a wall cycle. */
  catchUp(wall: number): void {
    if (!this.timerRunning) return;
    const period = this.timerLatch + 1;
    if (wall >= this.nextUnderflow) {
      this.icrFlags |= 0x01;
      this.nextUnderflow += period * (Math.floor((wall - this.nextUnderflow) / period) + 1);
    }
  }

  /** Read an I/O register ($D000-$DFFF). */
  read(addr: number, cycle: number): number {
    if (addr < 0xd400) {
      const reg = addr & 0x3f;
      if (reg === 0x11 || reg === 0x12) {
        const line = this.clock.rasterAt(cycle);
        return reg === 0x12 ? line & 0xff : (this.vic[0x11] & 0x7f) | ((line >> 1) & 0x80);
      }
      if (reg >= 0x2f) return 0xff;
      if (reg >= 0x20) return this.vic[reg] | 0xf0;
      if (reg === 0x1e || reg === 0x1f) return 0; // no sprite collisions
      if (reg === 0x19) return 0x70; // no VIC-II interrupt flags (raster IRQs are not modelled)
      return this.vic[reg] | (VIC_UNUSED[reg] ?? 0);
    }
    if (addr < 0xd800) {
      const reg = addr & 0x1f;
      if (reg === 0x1b) return this.voice3.output(this.clock.wallAt(cycle));
      if (reg === 0x19 || reg === 0x1a) return 0xff;
      return 0;
    }
    if (addr < 0xdc00) return this.colour[addr - 0xd800];
    if (addr < 0xdd00) return this.readCia1(addr & 0x0f, cycle);
    if (addr < 0xde00) return this.cia2[addr & 0x0f];
    return 0xff;
  }

  /** Read a CIA 1 register (0-15). */
  private readCia1(reg: number, cycle: number): number {
    switch (reg) {
      case 0x00:
      case 0x01:
        return 0xff;
      case 0x04:
      case 0x05: {
        const wall = this.clock.wallAt(cycle);
        const left = this.timerRunning
          ? Math.max(0, Math.floor(this.nextUnderflow - wall)) % (this.timerLatch + 1)
          : this.timerLatch;
        return reg === 0x04 ? left & 0xff : left >> 8;
      }
      case 0x0d: {
        this.catchUp(this.clock.wallAt(cycle));
        const flags = this.icrFlags;
        this.icrFlags = 0;
        return flags | ((flags & this.icrMask) !== 0 ? 0x80 : 0);
      }
      case 0x0e:
        return this.timerRunning ? 0x01 : 0x00;
      default:
        return this.cia1[reg];
    }
  }

  /** Write an I/O register ($D000-$DFFF). */
  write(addr: number, value: number, cycle: number): void {
    if (addr < 0xd400) {
      const reg = addr & 0x3f;
      if (reg === 0x12) {
        this.rasterCompare = (this.rasterCompare & 0x100) | value;
        return;
      }
      if (reg === 0x11) {
        this.rasterCompare = (this.rasterCompare & 0xff) | ((value & 0x80) << 1);
        this.clock.setDisplay((value & 0x10) !== 0, cycle);
      }
      if (reg === 0x20 && ((value ^ this.vic[0x20]) & 15) !== 0) {
        this.border.push({ cycle, wall: Math.round(this.clock.wallAt(cycle)), colour: value & 15 });
      }
      if (reg < 0x2f) this.vic[reg] = value;
      return;
    }
    if (addr < 0xd800) {
      this.writeSid(addr & 0x1f, value, cycle);
      return;
    }
    if (addr < 0xdc00) {
      this.colour[addr - 0xd800] = value & 0x0f;
      return;
    }
    if (addr < 0xdd00) {
      this.writeCia1(addr & 0x0f, value, cycle);
      return;
    }
    if (addr < 0xde00) this.cia2[addr & 0x0f] = value;
  }

  /** Write a SID register (0-31; above 24 ignored): recorded, with blips and voice 3 updated. */
  private writeSid(reg: number, value: number, cycle: number): void {
    if (reg > 0x18) return;
    const wall = this.clock.wallAt(cycle);
    this.sidWrites.push({ cycle, wall: Math.round(wall), reg, value });
    if (reg === 0x04 || reg === 0x0b || reg === 0x12) {
      const gateOn = (value & 1) !== 0 && (this.sid[reg] & 1) === 0;
      if (gateOn) {
        const frequency = this.sid[reg - 4] | (this.sid[reg - 3] << 8);
        this.blips.push({
          cycle,
          wall: Math.round(wall),
          voice: (reg - 4) / 7 + 1,
          frequency,
          hz: (frequency * this.clock.timing.clockHz) / 2 ** 24,
          control: value,
        });
      }
    }
    if (reg >= 0x0e && reg <= 0x12) this.voice3.write(reg, value, wall);
    this.sid[reg] = value;
  }

  /** Write a CIA 1 register (0-15): timer A and interrupt control. */
  private writeCia1(reg: number, value: number, cycle: number): void {
    const wall = this.clock.wallAt(cycle);
    switch (reg) {
      case 0x04:
        this.timerLatch = (this.timerLatch & 0xff00) | value;
        break;
      case 0x05:
        this.timerLatch = (this.timerLatch & 0x00ff) | (value << 8);
        if (!this.timerRunning) this.nextUnderflow = wall + this.timerLatch + 1;
        break;
      case 0x0d:
        this.catchUp(wall);
        if ((value & 0x80) !== 0) this.icrMask |= value & 0x1f;
        else this.icrMask &= ~value & 0x1f;
        break;
      case 0x0e: {
        this.catchUp(wall);
        const run = (value & 0x01) !== 0;
        if ((value & 0x10) !== 0 || (run && !this.timerRunning)) {
          this.nextUnderflow = wall + this.timerLatch + 1;
        }
        this.timerRunning = run;
        break;
      }
    }
    this.cia1[reg] = value;
  }
}
