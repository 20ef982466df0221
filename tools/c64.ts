/**
 * tools/c64.ts — run a program on the C64 harness, or a bare 6502 image on a flat bus.
 *
 *   deno run -A tools/c64.ts run FILE.prg|FILE.d64 [--type TEXT] [--cycles N] [--screen] [--ntsc] [--json]
 *   deno run -A tools/c64.ts cpu FILE.bin --load-at ADDR --pc ADDR [--stop-at ADDR] [--max-cycles N] [--json]
 */
import { describeError, isErr, readD64, type SoulError } from "../mod.ts";
import {
  type BareResult,
  type C64,
  checkTypeable,
  runBare,
  type RunReport,
  startPrg,
} from "../lib/c64/mod.ts";
import { parseArgs, parseNumber } from "../lib/std/cli.ts";
import { readBytes } from "../lib/std/fs.ts";

const HELP = `Usage:
  deno run -A tools/c64.ts run FILE.prg|FILE.d64 [options]
  deno run -A tools/c64.ts cpu FILE.bin --load-at ADDR --pc ADDR [options]

run: LOAD and RUN a program on the C64 harness (like VICE's -autostart with -keybuf), then
print what the screen shows and how long a real C64 would have taken. The program runs until
it waits for a key with nothing left to type, returns to BASIC, halts in a JMP * loop, or
spends its cycle budget. A .d64 runs its first PRG. The program is started through the SYS in
its BASIC line at $0801 (or --sys).

  --type TEXT      keys to type ("\\n" is RETURN); may be repeated
  --cycles N       CPU cycle budget (default 20000000, about 20 s)
  --screen         print all 25 rows in a frame instead of the trimmed text
  --ntsc           an NTSC C64 (default: PAL)
  --sys ADDR       start address, for a PRG without a BASIC SYS line
  --json           one JSON object: {screen, stopped, detail, cycles, wallCycles, seconds,
                   standard, palSeconds (PAL) or ntscSeconds (NTSC), border, sid}

cpu: run a bare 6502 memory image on 64 KB of RAM (no ROM, no I/O) until the PC reaches
--stop-at, it halts in a JMP * / branch-to-self loop, or --max-cycles run out; print the
registers, cycles and why it stopped.

  --load-at ADDR   where the image goes (required)
  --pc ADDR        where to start (required)
  --stop-at ADDR   stop when the PC gets here
  --max-cycles N   cycle budget (default 100000000)
  --json           {pc, a, x, y, s, p, cycles, stopped}

Numbers are decimal, $hex or 0xhex.

Examples:
  deno run -A tools/c64.ts run echo.prg --type "hello world\\n"
  deno run -A tools/c64.ts run soul64.d64 --type "hi\\n" --cycles 2000000000 --json
  deno run -A tools/c64.ts cpu matvec.bin --load-at '$c000' --pc '$c000' --stop-at '$c0ff'
`;

const TOOL = "c64";

const die = (e: SoulError | string): never => {
  console.error(`${TOOL}: ${typeof e === "string" ? e : describeError(e)}`);
  Deno.exit(1);
};

/** "\n" and "\\" escapes in --type text. */
const unescape = (text: string): string =>
  text.replace(/\\([nr\\])/g, (_, c: string) => (c === "\\" ? "\\" : "\n"));

const numberOption = (
  values: Readonly<Record<string, unknown>>,
  name: string,
  fallback?: number,
): number | undefined => {
  const raw = values[name];
  if (raw === undefined) return fallback;
  const n = parseNumber(raw as string, `--${name}`);
  return isErr(n) ? die(n.left) : n.right;
};

const address = (values: Readonly<Record<string, unknown>>, name: string): number | undefined => {
  const n = numberOption(values, name);
  if (n !== undefined && (n < 0 || n > 0xffff)) {
    die(`--${name}: ${n} is not an address ($0000-$FFFF)`);
  }
  return n;
};

const budget = (values: Readonly<Record<string, unknown>>, name: string, fallback: number) => {
  const n = numberOption(values, name, fallback) as number;
  return n > 0 ? n : die(`--${name}: the budget must be positive, got ${n}`);
};

/** The program bytes of a .prg, or of the first PRG on a .d64. */
const programOf = async (path: string): Promise<Uint8Array> => {
  const lower = path.toLowerCase();
  if (!lower.endsWith(".prg") && !lower.endsWith(".d64")) {
    return die(`${path}: expected a .prg or .d64 file`);
  }
  const bytes = await readBytes(path);
  if (isErr(bytes)) return die(bytes.left);
  if (lower.endsWith(".prg")) return bytes.right;
  const disk = readD64(bytes.right);
  if (isErr(disk)) return die({ ...disk.left, file: path });
  const prg = disk.right.files.find((f) => f.type === "prg" && f.closed);
  return prg?.data ?? die(`${path}: the disk has no PRG file`);
};

const STOPS: Readonly<Record<RunReport["stop"], string>> = {
  waiting: "waiting for a key",
  basic: "returned to BASIC",
  halted: "halted in a JMP * loop",
  budget: "cycle budget used up",
};

const framed = (rows: readonly string[]): string => {
  const rule = "+" + "-".repeat(40) + "+";
  return [rule, ...rows.map((r) => `|${r}|`), rule].join("\n");
};

const summary = (r: RunReport): string => {
  const t = r.time;
  const stolen = t.wallCycles - t.cycles;
  const what = r.stop === "waiting" ? `${STOPS.waiting} (${r.detail})` : STOPS[r.stop];
  return `${what} at $${r.pc.toString(16).toUpperCase().padStart(4, "0")}: ` +
    `${t.cycles.toLocaleString("en-US")} cycles + ${stolen.toLocaleString("en-US")} stolen ` +
    `by the VIC-II = ${t.seconds.toFixed(4)} s on a ${t.standard.toUpperCase()} C64`;
};

const runJson = (c64: C64, r: RunReport) => {
  const t = r.time;
  return {
    screen: c64.screenText(),
    stopped: r.stop,
    detail: r.detail ?? null,
    pc: r.pc,
    cycles: t.cycles,
    wallCycles: t.wallCycles,
    seconds: t.seconds,
    standard: t.standard,
    [t.standard === "pal" ? "palSeconds" : "ntscSeconds"]: t.seconds,
    charset: c64.charset(),
    border: c64.border,
    sid: { writes: c64.sidWrites.length + c64.io.sidWrites.dropped, blips: c64.blips },
  };
};

const runCommand = async (argv: readonly string[]) => {
  const args = parseArgs(argv, {
    type: { type: "string", multiple: true },
    cycles: { type: "string" },
    screen: { type: "boolean" },
    ntsc: { type: "boolean" },
    sys: { type: "string" },
    json: { type: "boolean" },
  });
  if (isErr(args)) return die(args.left);
  const { values, positionals } = args.right;
  if (positionals.length !== 1) return die("run: expected one FILE.prg or FILE.d64 (see --help)");
  const maxCycles = budget(values, "cycles", 20_000_000);
  const sys = address(values, "sys");
  const typed = ((values.type as string[] | undefined) ?? []).map(unescape).join("");
  const typeable = checkTypeable(typed);
  if (isErr(typeable)) return die(typeable.left);
  const prg = await programOf(positionals[0]);
  const started = startPrg(prg, { standard: values.ntsc ? "ntsc" : "pal", sys });
  if (isErr(started)) return die({ ...started.left, file: positionals[0] });
  const c64 = started.right;
  const r = c64.runUntilIdle({ type: typed, maxCycles });
  if (isErr(r)) {
    // The screen helps to see how far the program got.
    if (values.json) {
      console.log(JSON.stringify({ error: describeError(r.left), screen: c64.screenText() }));
    } else console.log(values.screen ? framed(c64.screenRows()) : c64.screenText());
    return die(r.left);
  }
  if (values.json) return console.log(JSON.stringify(runJson(c64, r.right)));
  console.log(values.screen ? framed(c64.screenRows()) : c64.screenText());
  console.log(`\n${summary(r.right)}`);
};

const bareText = (r: BareResult): string => {
  const h = (n: number, d: number) => "$" + n.toString(16).toUpperCase().padStart(d, "0");
  return `stopped: ${r.stopped} at ${h(r.pc, 4)} after ${r.cycles} cycles\n` +
    `PC=${h(r.pc, 4)} A=${h(r.a, 2)} X=${h(r.x, 2)} Y=${h(r.y, 2)} S=${h(r.s, 2)} P=${h(r.p, 2)}`;
};

const cpuCommand = async (argv: readonly string[]) => {
  const args = parseArgs(argv, {
    "load-at": { type: "string" },
    pc: { type: "string" },
    "stop-at": { type: "string" },
    "max-cycles": { type: "string" },
    json: { type: "boolean" },
  });
  if (isErr(args)) return die(args.left);
  const { values, positionals } = args.right;
  if (positionals.length !== 1) return die("cpu: expected one FILE.bin (see --help)");
  const loadAt = address(values, "load-at") ?? die("cpu: --load-at ADDR is required");
  const pc = address(values, "pc") ?? die("cpu: --pc ADDR is required");
  const stopAt = address(values, "stop-at");
  const maxCycles = budget(values, "max-cycles", 100_000_000);
  const image = await readBytes(positionals[0]);
  if (isErr(image)) return die(image.left);
  const r = runBare({ image: image.right, loadAt, pc, stopAt, maxCycles });
  if (isErr(r)) return die({ ...r.left, file: positionals[0] });
  console.log(values.json ? JSON.stringify(r.right) : bareText(r.right));
};

const main = async () => {
  const [command, ...rest] = Deno.args;
  if (
    command === undefined || command === "--help" || command === "-h" || rest.includes("--help")
  ) {
    return console.log(HELP);
  }
  if (command === "run") return await runCommand(rest);
  if (command === "cpu") return await cpuCommand(rest);
  die(`unknown command "${command}": expected run or cpu (see --help)`);
};

await main();
