/**
 * A cycle-exact NMOS 6502: the 151 documented opcodes with their exact cycle counts
 * (page-crossing and taken-branch penalties), NMOS decimal mode, the JMP ($xxFF) page wrap,
 * BRK/IRQ/NMI/RESET. Undocumented opcodes stop a run with a "cpu" SoulError. It passes every
 * case of the single-step conformance tests in ../shared.
 *
 * ```ts
 * const bus = createFlatBus();
 * bus.ram.set([0xa2, 0x05, 0xca, 0xd0, 0xfd, 0x4c, 0x05, 0x08], 0x0800); // LDX #5, loop, JMP *
 * const cpu = createCpu(bus);
 * cpu.pc = 0x0800;
 * cpu.run({ maxCycles: 1_000_000 }); // Right({ reason: "self-loop", pc: 0x0805, cycles: 26 })
 * ```
 *
 * The bus contract (RAM, I/O pages, exec traps) is in types.ts. Exec traps and I/O pages cost
 * next to nothing while the code runs from pages that have none. The Cpu object's registers
 * are current between runs and inside trap handlers, not inside read/write callbacks (those
 * get the cycle of the access as an argument).
 *
 * @module
 */

export { type Cpu, createCpu, createFlatBus } from "./cpu.ts";
export {
  type Bus,
  type CpuState,
  IO_READ,
  IO_WRITE,
  type RunOptions,
  type RunResult,
  type RunStopReason,
} from "./types.ts";
export { type AddressingMode, INSTRUCTION_BYTES, type OpcodeInfo, OPCODES } from "./opcodes.ts";
/** The benchmark workload (a 64x64 quarter-square matvec in 6502 code), for speed checks. */
export { loadMatvec, MATVEC, matvecPass } from "./bench_program.ts";
