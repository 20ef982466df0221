// Performance: a ~3,000-line program with 30 KB of !binary assembles well under a second.
import { assert, assertRight } from "../std/assert.ts";
import { assembleText } from "./testing.ts";

/** 100 routines of 30 lines: zones, locals, forward references, a macro, data, branches. */
const bigSource = (): string => {
  const lines = [
    "* = $0801",
    "!macro add16 .a, .b {",
    "        clc : lda .a : adc .b : sta .a",
    "        lda .a + 1 : adc .b + 1 : sta .a + 1",
    "}",
    "        jmp main",
  ];
  for (let r = 0; r < 100; r++) {
    lines.push(
      `!zone routine${r}`,
      `routine${r}`,
      "        ldx #0",
      "-       lda table,x",
      "        sta buffer,x",
      "        eor #$ff",
      "        sta buffer + $100,x",
      "        inx",
      "        bne -",
      `        lda #<routine${(r + 1) % 100}`,
      `        ldy #>routine${(r + 1) % 100}`,
      "        jsr .helper",
      "        +add16 sum, sum",
      "        beq .done",
      "        ldy #7",
      ".loop   lda (ptr),y",
      "        sta (ptr2),y",
      "        dey",
      "        bpl .loop",
      ".done   rts",
      ".helper sta ptr",
      "        sty ptr + 1",
      "        lda #$20 + " + (r % 16),
      "        sta ptr2",
      "        rts",
      `        !byte ${r}, ${r} * 2 & $ff, <.helper, >.helper`,
      "        !word .done, .loop",
      `        !text "routine ${r}", 0`,
      "; a comment line",
      "",
    );
  }
  lines.push(
    "main    rts",
    'table   !binary "table.bin"',
    "sum     !word 0",
    "ptr     = $fb",
    "ptr2    = $fd",
    "buffer  = $c000",
  );
  return lines.join("\n") + "\n";
};

Deno.test("perf: 3,000 lines and 30 KB of !binary in well under a second", () => {
  const src = bigSource();
  const table = Uint8Array.from({ length: 30_000 }, (_, i) => (i * 7) & 0xff);
  assert(src.split("\n").length >= 3000, "the source should have about 3,000 lines");
  assembleText(src, { "table.bin": table }); // warm up the JIT once
  // Best of three, so that tests running in parallel do not make it flaky.
  let best = Infinity;
  for (let run = 0; run < 3; run++) {
    const start = performance.now();
    const a = assertRight(assembleText(src, { "table.bin": table }));
    best = Math.min(best, performance.now() - start);
    assert(a.bytes.length > 30_000);
  }
  assert(best < 500, `assembling took ${best.toFixed(0)} ms`);
});
