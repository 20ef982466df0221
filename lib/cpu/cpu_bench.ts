/**
 * `deno bench lib/cpu/cpu_bench.ts`: the core on the matvec workload (1M emulated cycles per
 * iteration, so 1 ms per iteration is 1,000 M cycles/s), the same with zero-page writes routed
 * through the bus, a call-heavy loop, and single steps.
 */
import { createCpu, createFlatBus } from "./cpu.ts";
import { loadMatvec, MATVEC } from "./bench_program.ts";
import { IO_WRITE } from "./types.ts";

const matvec = (() => {
  const bus = createFlatBus();
  loadMatvec(bus.ram);
  const cpu = createCpu(bus);
  cpu.pc = MATVEC.entry;
  return cpu;
})();

Deno.bench("cpu: matvec, 1M cycles", { baseline: true }, () => {
  matvec.run({ maxCycles: 1_000_000 });
});

// As on a C64 harness that routes zero-page writes through the bus (for the CPU port at $00/$01):
// every STA zp is a callout.
const matvecZpIo = (() => {
  const base = createFlatBus();
  loadMatvec(base.ram);
  base.ioPages[0] = IO_WRITE;
  const ram = base.ram;
  const cpu = createCpu({
    ...base,
    write: (addr, value) => {
      if (addr > 1) ram[addr] = value;
    },
  });
  cpu.pc = MATVEC.entry;
  return cpu;
})();

Deno.bench("cpu: matvec with page 0 IO_WRITE, 1M cycles", () => {
  matvecZpIo.run({ maxCycles: 1_000_000 });
});

const calls = (() => {
  const bus = createFlatBus();
  // $1000: JSR $2000 ; JSR $3000 ; JMP $1000    $2000: INX ; RTS    $3000: INY ; RTS
  bus.ram.set([0x20, 0x00, 0x20, 0x20, 0x00, 0x30, 0x4c, 0x00, 0x10], 0x1000);
  bus.ram.set([0xe8, 0x60], 0x2000);
  bus.ram.set([0xc8, 0x60], 0x3000);
  const cpu = createCpu(bus);
  cpu.pc = 0x1000;
  return cpu;
})();

Deno.bench("cpu: JSR/RTS across pages, 1M cycles", () => {
  calls.run({ maxCycles: 1_000_000 });
});

Deno.bench("cpu: 1,000 single steps", () => {
  for (let k = 0; k < 1000; k++) matvec.step();
});
