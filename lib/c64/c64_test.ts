import { assert, assertEquals, assertLeft, assertRight } from "../std/assert.ts";
import { createC64, sysAddress } from "./machine.ts";
import { boot, prgOf, STUB } from "./test_util.ts";

const run = (source: string, maxCycles = 1e6, type?: string) => {
  const c = boot(source);
  return { c, r: c.runUntilIdle({ maxCycles, type }) };
};

Deno.test("sysAddress finds the SYS in the BASIC line at $0801", () => {
  const ram = (line: number[]) => {
    const m = new Uint8Array(0x10000);
    m.set([0x0b, 0x08, 0x0a, 0x00, ...line, 0, 0, 0], 0x801);
    return m;
  };
  const digits = (s: string) => Array.from(s, (c) => c.charCodeAt(0));
  assertEquals(assertRight(sysAddress(ram([0x9e, ...digits("2061")]))), 2061);
  assertEquals(assertRight(sysAddress(ram([0x9e, ...digits(" 4096:")]))), 4096);
  assertEquals(assertRight(sysAddress(ram([0x9e, ...digits("(49152)")]))), 49152);
  assertEquals(assertRight(sysAddress(ram([0x8f, ...digits(" X:"), 0x9e, 0x33]))), 3);
  assertLeft(sysAddress(ram([0x99, 0x22, 0x41, 0x22])), "no SYS");
  assertLeft(sysAddress(ram([0x9e, ...digits("99999")])), "not followed by an address");
  assertLeft(sysAddress(new Uint8Array(0x10000)), "no BASIC program");
});

Deno.test("load checks the PRG and sets the end pointers", () => {
  const c = createC64();
  assertLeft(c.load(new Uint8Array([0x01])), "needs a load address");
  assertLeft(c.load(new Uint8Array([0xfe, 0xff, 1, 2, 3])), "past $FFFF");
  assertLeft(c.load(new Uint8Array([0x00, 0x00, 1])), "zero page");
  const at = assertRight(c.load(prgOf(`${STUB}\n rts\n`)));
  assertEquals(at, { start: 0x0801, end: 0x080e });
  assertEquals(c.ram[0x2d] | (c.ram[0x2e] << 8), 0x080e);
});

Deno.test("RUN state: SYS with S = $F6, $01 = $37; RTS returns to BASIC, which prints READY.", () => {
  const c = createC64();
  assertRight(c.load(prgOf(`${STUB}
        tsx
        stx $c000
        lda $01
        sta $c001
        lda #$42
        ldx #$43
        rts
`)));
  assertEquals(assertRight(c.sys()), 2061);
  const r = assertRight(c.runUntilIdle({ maxCycles: 1e5 }));
  assertEquals(r.stop, "basic");
  assertEquals(c.ram[0xc000], 0xf6);
  assertEquals(c.ram[0xc001], 0x37);
  assertEquals([c.ram[0x30c], c.ram[0x30d]], [0x42, 0x43], "SYS saves the registers");
  assertEquals(c.screenText(), "\nREADY.");
  assertEquals(c.cursor(), { row: 2, col: 0 });
  assert(r.cycles > 0 && r.cycles < 100, `${r.cycles} cycles`);
  // Running again stays in BASIC.
  assertEquals(assertRight(c.runUntilIdle({ maxCycles: 1e5 })).stop, "basic");
});

Deno.test("CHROUT prints, through the RAM vector a program may hook", () => {
  const { c, r } = run(`${STUB}
        lda #<hook
        sta $0326
        lda #>hook
        sta $0327
        ldx #0
-       lda text,x
        beq +
        jsr $ffd2
        inx
        bne -
+       rts
hook    inc $c000       ; count characters, then go on to the KERNAL's CHROUT
        jmp $f1ca
text    !pet "hi there", 13, 0
`);
  assertEquals(assertRight(r).stop, "basic");
  // 8 characters and RETURN (the harness's BASIC prints READY. without going through CHROUT).
  assertEquals(c.ram[0xc000], 9);
  assertEquals(c.screenText(), "HI THERE\n\nREADY.");
});

Deno.test("GETIN takes typed keys, stops when none is left, then returns 0", () => {
  const c = boot(`${STUB}
        lda #0
        sta $fb
-       jsr $ffe4       ; (like the ROM's, it changes X and Y when there is a key)
        ldy $fb
        sta $c000,y
        txa
        sta $c010,y
        inc $fb
        lda $fb
        cmp #3
        bne -
        rts
`);
  assertRight(c.type("ab"));
  const first = assertRight(c.runUntilIdle({ maxCycles: 1e5 }));
  assertEquals([first.stop, first.detail], ["waiting", "GETIN"]);
  assertEquals([c.ram[0xc000], c.ram[0xc001]], [0x41, 0x42]);
  assertEquals(c.ram[0xc010], 1, "X = keys that were in the buffer");
  // Resumed with nothing typed: GETIN returns 0 and the program goes on.
  const second = assertRight(c.runUntilIdle({ maxCycles: 1e5 }));
  assertEquals(second.stop, "basic");
  assertEquals(c.ram[0xc002], 0);

  const busy = createC64({ idleOnGetin: false });
  assertRight(busy.load(prgOf(`${STUB}\n jsr $ffe4\n sta $c000\n rts\n`)));
  assertRight(busy.sys());
  assertEquals(assertRight(busy.runUntilIdle({ maxCycles: 1e5 })).stop, "basic");
});

Deno.test("the jiffy interrupt fills the keyboard buffer from typed keys", () => {
  const { c, r } = run(
    `${STUB}
-       lda $c6         ; wait for two keys in the buffer
        cmp #2
        bne -
        jsr $ffe4
        sta $c000
        rts
`,
    1e6,
    "xy",
  );
  const done = assertRight(r);
  assertEquals(done.stop, "basic");
  assertEquals(c.ram[0xc000], 0x58);
  assertEquals([c.ram[0xc6], c.ram[0x277]], [1, 0x59]);
  assert(done.time.wallCycles > 2 * 16_422, "two jiffies passed");
});

Deno.test("CHRIN: line input with echo, then the line character by character", () => {
  const { c, r } = run(
    `${STUB}
        ldy #0
-       jsr $ffcf
        sta $c000,y
        iny
        cmp #13
        bne -
        sty $c0ff
        rts
`,
    1e6,
    "Hi\n",
  );
  assertEquals(assertRight(r).stop, "basic");
  assertEquals(Array.from(c.ram.slice(0xc000, 0xc000 + c.ram[0xc0ff])), [0x48, 0x49, 0x0d]);
  assertEquals(c.screenText(), "HI\nREADY.");
});

Deno.test("CHRIN waits for the rest of a line", () => {
  const c = boot(`${STUB}
-       jsr $ffcf
        cmp #13
        bne -
        rts
`);
  const a = assertRight(c.runUntilIdle({ maxCycles: 1e5, type: "AB" }));
  assertEquals([a.stop, a.detail], ["waiting", "CHRIN"]);
  assertEquals(c.screenText(), "AB");
  const b = assertRight(c.runUntilIdle({ maxCycles: 1e5, type: "C\n" }));
  assertEquals(b.stop, "basic");
  assertEquals(c.screenText(), "ABC\nREADY.");
});

Deno.test("PLOT sets and reads the cursor; SCREEN and IOBASE", () => {
  const { c, r } = run(`${STUB}
        ldx #5
        ldy #10
        clc
        jsr $fff0
        lda #$58
        jsr $ffd2
        sec
        jsr $fff0
        stx $c000
        sty $c001
        jsr $ffed
        stx $c002
        sty $c003
        jsr $fff3
        stx $c004
        sty $c005
        rts
`);
  assertRight(r);
  assertEquals(c.screenRows()[5][10], "X");
  assertEquals(Array.from(c.ram.slice(0xc000, 0xc006)), [5, 11, 40, 25, 0x00, 0xdc]);
});

Deno.test("SETTIM, RDTIM and the jiffy clock at $A0-$A2", () => {
  const { c, r } = run(`${STUB}
        lda #0
        ldx #0
        ldy #0
        jsr $ffdb       ; SETTIM 0
-       lda $a2
        cmp #3
        bcc -           ; wait three jiffies
        jsr $ffde       ; RDTIM
        sta $c000
        stx $c001
        sty $c002
        lda #$56
        ldx #$34
        ldy #$12
        jsr $ffdb
        jsr $ffde
        sta $c003
        stx $c004
        sty $c005
        rts
`);
  const t = assertRight(r).time;
  assertEquals(Array.from(c.ram.slice(0xc000, 0xc006)), [3, 0, 0, 0x56, 0x34, 0x12]);
  // Three jiffies: three timer periods of 16,422 cycles (plus the program's few cycles).
  // (The last interrupt itself takes about 270 cycles, the KERNAL calls after it about 160.)
  assert(t.wallCycles >= 3 * 16_422 && t.wallCycles < 3 * 16_422 + 600, `${t.wallCycles}`);
  assert(Math.abs(t.seconds - 0.05) < 0.001);
});

Deno.test("banking: RAM under BASIC and the KERNAL shows when they are banked out", () => {
  const { c, r } = run(`${STUB}
        sei
        lda #$aa
        sta $a000       ; writes go to the RAM under the ROM
        sta $e000
        lda $a000       ; ...but with the ROM in, reads see the ROM
        sta $c000
        lda $e000
        sta $c001
        lda $fffe       ; the harness's IRQ vector
        sta $c002
        lda #$36        ; BASIC out
        sta $01
        lda $a000
        sta $c003
        lda $e000
        sta $c004
        lda #$35        ; BASIC and KERNAL out
        sta $01
        lda $e000
        sta $c005
        lda #$37
        sta $01
        cli
        rts
`);
  assertEquals(assertRight(r).stop, "basic");
  assertEquals(Array.from(c.ram.slice(0xc000, 0xc006)), [0x94, 0x00, 0x48, 0xaa, 0x00, 0xaa]);
  assertEquals(c.ram[0xa000], 0xaa);
  assertEquals(c.banking(), { basic: true, kernal: true, io: true, charRom: false });
});

Deno.test("banking: with I/O banked out, $D000-$DFFF is RAM", () => {
  const { c, r } = run(`${STUB}
        sei
        lda #$34        ; all RAM
        sta $01
        lda #2
        sta $d020       ; RAM, not the border
        lda #$37
        sta $01
        lda #5
        sta $d020       ; the border
        lda $d020
        sta $c000
        cli
        rts
`);
  assertRight(r);
  assertEquals(c.ram[0xd020], 2);
  assertEquals(c.border.map((e) => e.colour), [5]);
  assertEquals(c.ram[0xc000], 0xf5, "unused register bits read as 1");
});

Deno.test("a KERNAL call while the KERNAL is banked out is an error naming it", () => {
  const { r } = run(`${STUB}
        sei
        lda #$35
        sta $01
        lda #$41
        jsr $ffd2
        rts
`);
  assertLeft(r, "KERNAL CHROUT ($FFD2) called from $0814", "banked out ($01 = $35)");
});

Deno.test("BRK, jumps into ROM without a routine or into I/O are errors", () => {
  assertLeft(run(`${STUB}\n nop\n brk\n`).r, "BRK at $080E");
  assertLeft(run(`${STUB}\n jmp $e000\n`).r, "KERNAL ROM at $E000", "no routine");
  assertLeft(run(`${STUB}\n jsr $b000\n`).r, "BASIC ROM at $B000");
  assertLeft(run(`${STUB}\n jmp $d000\n`).r, "jumped into I/O at $D000");
  assertLeft(run(`${STUB}\n jsr $ffc0\n`).r, "OPEN is not provided", "disk");
  assertLeft(run(`${STUB}\n !byte $02\n`).r, "undocumented opcode $02 at $080D");
  // BRK with the KERNAL banked out and no RAM vector ends at $0000.
  assertLeft(run(`${STUB}\n sei\n lda #$35\n sta $01\n brk\n`).r, "jumped to $0000");
});

Deno.test("runaway guards: the cycle budget, and halting in JMP *", () => {
  const loop = run(`${STUB}\n- inc $c000\n jmp -\n`, 100_000);
  const r = assertRight(loop.r);
  assertEquals(r.stop, "budget");
  assert(r.cycles >= 100_000 && r.cycles < 100_010);
  const halt = assertRight(run(`${STUB}\n jmp *\n`).r);
  assertEquals([halt.stop, halt.pc], ["halted", 0x080d]);
});

Deno.test("JMP * with the program's own IRQ handler keeps running: interrupts break it", () => {
  const { c, r } = run(
    `${STUB}
        sei
        lda #<irq
        sta $0314
        lda #>irq
        sta $0315
        cli
        jmp *
irq     inc $d020
        jmp $ea31
`,
    200_000,
  );
  assertEquals(assertRight(r).stop, "budget");
  // About 200,000 × 18,656 / 19,656 / 16,422 ≈ 12 interrupts.
  assert(c.border.length >= 11 && c.border.length <= 13, `${c.border.length} border changes`);
  assert(c.ram[0xa2] === c.border.length, "each interrupt also ticked the jiffy clock");
});

Deno.test("BASIC's STROUT and LINPRT", () => {
  const { c, r } = run(`${STUB}
        lda #<text
        ldy #>text
        jsr $ab1e
        lda #>12345
        ldx #<12345
        jsr $bdcd
        rts
text    !pet "n=", 0
`);
  assertRight(r);
  assertEquals(c.screenText(), "N=12345\nREADY.");
});

Deno.test("border changes are recorded with their cycles", () => {
  const { c, r } = run(`${STUB}
        sei
        lda #0
        sta $d020
        inc $d020
        inc $d020
        lda #2
        sta $d020
        sta $d020
        rts
`);
  assertRight(r);
  assertEquals(c.border.map((e) => e.colour), [0, 1, 2]);
  const cycles = c.border.map((e) => e.cycle);
  assert(cycles[0] < cycles[1] && cycles[1] < cycles[2]);
  // STA writes in its 4th cycle, INC in its 6th (after a dummy write of the old value).
  assertEquals([cycles[1] - cycles[0], cycles[2] - cycles[1]], [6, 6]);
  for (const e of c.border) assert(e.wall >= e.cycle);
});

Deno.test("CINT resets the screen and VIC-II; RESTOR the vectors; IOINIT the jiffy timer", () => {
  const { c, r } = run(`${STUB}
        lda #$0e
        jsr $ffd2       ; lower case set
        lda #$41
        jsr $ffd2
        lda #0
        sta $0314       ; a broken IRQ vector...
        sta $d020
        lda #$7f
        sta $dc0d       ; ...and no timer interrupt
        jsr $ff81       ; CINT
        jsr $ff8a       ; RESTOR
        jsr $ff84       ; IOINIT
        lda #$42
        jsr $ffd2
-       lda $a2         ; the jiffy clock runs again
        beq -
        rts
`);
  assertEquals(assertRight(r).stop, "basic");
  assertEquals(c.charset(), "upper");
  assertEquals(c.screenText(), "B\nREADY.");
  assertEquals(c.ram[0x314] | (c.ram[0x315] << 8), 0xea31);
  assertEquals(c.border.map((e) => e.colour), [0, 14]);
  assertEquals(c.ram[0xa2], 1);
});

Deno.test("onExecute: a hook sees the registers at an address without changing the run", () => {
  // LDX #3; loop: TXA; STA $0400,X (via hook we watch TXA's address); DEX; BPL loop; RTS
  const c = createC64({});
  const prog = [0xa2, 0x03, 0x8a, 0x9d, 0x00, 0x04, 0xca, 0x10, 0xf9, 0x60];
  c.ram.set(prog, 0xc000);
  const seen: number[] = [];
  c.onExecute(0xc002, (cpu) => seen.push(cpu.x));
  c.cpu.pc = 0xc000;
  c.cpu.s = 0xff;
  c.ram[0x1ff] = 0xff; // RTS to $0000+1 would jump to the port: stop by budget instead
  const r = c.cpu.run({ maxCycles: 200, stopAt: 0xc009 });
  assertEquals(r._tag, "Right");
  assertEquals(seen, [3, 2, 1, 0]);
  assertEquals([...c.ram.subarray(0x400, 0x404)], [0, 1, 2, 3]);
});
