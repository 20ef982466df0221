/// <reference lib="dom" />
/**
 * The playground page: runs the C64 chat program in the project's emulator, draws its screen,
 * plays its blips, shows the C64 time per token, builds programs from dropped souls, and shows
 * what the model attended to. Bundled by tools/web.ts into app.js.
 *
 * `window.soul64` is a small handle for tests and the curious: the screen as text, what the
 * program is doing, the speed.
 *
 * @module
 */
import { type AttentionView, attentionView } from "./attention.ts";
import { Blipper } from "./audio.ts";
import { buildSoul, DISK_FILE, type PickedFile, sortFiles } from "./byo.ts";
import {
  chatTurn,
  describeError,
  displayOnRate,
  E,
  packD64,
  parameterCount,
  parseTokenizer,
  readSoul,
  type Soul,
  type SoulError,
  type Tokenizer,
} from "./lib.ts";
import { borderBands, HEIGHT, renderFrame, WIDTH } from "./render.ts";
import { lastExchange, Session, turnSeconds, type TurnTiming } from "./session.ts";

/** A program the page can run. */
interface Program {
  readonly label: string;
  readonly prg: Uint8Array;
  /** For the reference check and the attention view (absent for a demo without a soul). */
  readonly soul?: Soul;
  readonly tokenizer?: Tokenizer;
  /** The disk, when built (made on demand otherwise). */
  d64?: Uint8Array;
  readonly note: string;
}

/** What the server says about the program it ships. */
interface DefaultInfo {
  readonly label: string;
  readonly kind: "soul" | "demo";
  readonly note: string;
}

type Speed = "real" | "fast";

const $ = <T extends HTMLElement>(id: string): T => {
  const el = document.getElementById(id);
  if (el === null) throw new Error(`the page has no #${id}`);
  return el as T;
};

const canvas = $<HTMLCanvasElement>("screen");
const ctx2d = canvas.getContext("2d")!;
const image = ctx2d.createImageData(WIDTH, HEIGHT);
const statusEl = $("status");
const timingEl = $("timing");
const tokenTimesEl = $("token-times");
const speedometerEl = $("speedometer");
const programEl = $("program");
const byoMessage = $("byo-message");
const referenceEl = $("reference");
const mapsEl = $("attention-maps");
const screenTextEl = $("screen-text");
const d64Link = $<HTMLAnchorElement>("download-d64");
const prgLink = $<HTMLAnchorElement>("download-prg");

const blipper = new Blipper();
let program: Program | undefined;
let session: Session | undefined;
let speed: Speed = "real";
let debt = 0;
let lastFrame = performance.now();
let shownTurn: TurnTiming | undefined;
let reference: { prompt: string; reply: string; same: boolean } | undefined;
let pending: { soul?: PickedFile; tokenizer?: PickedFile } = {};
let speedSample = { at: performance.now(), wall: 0, ratio: 0 };

const fmt = (s: number | undefined, digits = 2): string =>
  s === undefined ? "–" : `${s.toFixed(digits)} s`;

const setMessage = (text: string, isError = false): void => {
  byoMessage.textContent = text;
  byoMessage.classList.toggle("error", isError);
};

const blobLink = (a: HTMLAnchorElement, bytes: Uint8Array, name: string, text: string): void => {
  if (a.href.startsWith("blob:")) URL.revokeObjectURL(a.href);
  a.href = URL.createObjectURL(new Blob([bytes as BlobPart], { type: "application/octet-stream" }));
  a.download = name;
  a.textContent = text;
  a.hidden = false;
};

/** Start (or restart) a program; the old one keeps running if this one cannot start. */
const run = (p: Program): SoulError | undefined => {
  const s = Session.start(p.prg);
  if (E.isLeft(s)) return s.left;
  program = p;
  session = s.right;
  debt = 0;
  shownTurn = undefined;
  reference = undefined;
  referenceEl.textContent = "";
  mapsEl.textContent = "";
  timingEl.textContent = "no reply yet";
  tokenTimesEl.textContent = "";
  programEl.textContent = p.note;
  if (p.d64 === undefined) {
    const d = packD64({
      diskName: DISK_FILE,
      diskId: "64",
      files: [{ name: DISK_FILE, data: p.prg }],
    });
    if (E.isRight(d)) p.d64 = d.right;
  }
  const base = p.label.replace(/[^a-z0-9]+/gi, "-").replace(/^-|-$/g, "").toLowerCase() ||
    DISK_FILE;
  if (p.d64 !== undefined) {
    blobLink(d64Link, p.d64, `${base}.d64`, `download the D64 (${base}.d64)`);
  }
  blobLink(prgLink, p.prg, `${base}.prg`, `download the PRG (${base}.prg)`);
  canvas.focus();
  return undefined;
};

const soulNote = (soul: Soul, what: string): string =>
  `${what} — ${
    parameterCount(soul.shape).toLocaleString("en")
  } parameters, ${soul.shape.layers} layers, ${soul.shape.heads} heads, ${soul.shape.context}-token context`;

/** Fetch the program the server ships. */
const loadDefault = async (): Promise<void> => {
  const get = async (path: string): Promise<Uint8Array> => {
    const r = await fetch(path);
    if (!r.ok) throw new Error(`${path}: ${r.status} ${r.statusText}`);
    return new Uint8Array(await r.arrayBuffer());
  };
  const info = await (await fetch("api/default")).json() as DefaultInfo;
  const prg = await get("default.prg");
  let soul: Soul | undefined, tokenizer: Tokenizer | undefined;
  if (info.kind === "soul") {
    const s = readSoul(await get("default.soul"), "default.soul");
    const t = parseTokenizer(new TextDecoder().decode(await get("default-tokenizer.json")));
    if (E.isRight(s) && E.isRight(t)) {
      soul = s.right;
      tokenizer = t.right;
    }
  }
  const note = soul ? soulNote(soul, info.note) : info.note;
  const err = run({ label: info.label, prg, soul, tokenizer, note });
  if (err) statusEl.textContent = describeError(err);
};

// ---------------------------------------------------------------------------------------------
// The emulation loop: one slice per animation frame.

const step = (now: number): void => {
  const dt = Math.min(now - lastFrame, 100);
  lastFrame = now;
  const s = session;
  if (s !== undefined && s.busy) {
    const rate = displayOnRate(s.c64.timing);
    if (speed === "real") {
      debt += (dt / 1000) * s.clockHz / rate;
      const wall0 = s.wall;
      const slice = s.run(Math.ceil(debt));
      debt -= slice.cycles;
      if (!s.busy) debt = 0;
      for (const b of slice.blips) blipper.blip(b.hz, (b.wall - wall0) / s.clockHz);
    } else {
      const start = performance.now();
      while (s.busy && performance.now() - start < 30) {
        const slice = s.run(250_000);
        for (const b of slice.blips) blipper.blip(b.hz);
      }
      debt = 0;
    }
  }
  if (s !== undefined && now - speedSample.at > 500) {
    const wall = s.wall;
    speedSample = {
      at: now,
      wall,
      ratio: (wall - speedSample.wall) / s.clockHz / ((now - speedSample.at) / 1000),
    };
  }
  draw(now);
  updatePanels();
  requestAnimationFrame(step);
};

const draw = (now: number): void => {
  const s = session;
  if (s === undefined) return;
  const c64 = s.c64;
  const io = c64.io;
  const at = io.screenAddress;
  const blink = s.activity === "waiting" && Math.floor(now / 333) % 2 === 0;
  const cur = c64.cursor();
  renderFrame(image.data, {
    screen: c64.ram.subarray(at, at + 1000),
    colour: io.colour,
    background: io.vic[0x21] & 15,
    charset: c64.charset(),
    // while the program waits its clock stands still, but a real C64 keeps drawing frames:
    // whole ones, in the colour the border has now
    border: s.activity === "running"
      ? borderBands(s.recentBorder, s.borderBefore, s.wall, c64.timing)
      : [{ y: 0, colour: io.vic[0x20] & 15 }],
    cursor: blink ? { row: cur.row, col: cur.col, colour: c64.ram[0x286] & 15 } : undefined,
  });
  ctx2d.putImageData(image, 0, 0);
  screenTextEl.textContent = s.screenText();
};

const updatePanels = (): void => {
  const s = session;
  if (s === undefined) return;
  statusEl.textContent = s.describe() +
    (s.activity === "waiting" && document.activeElement !== canvas
      ? " — click the screen to type"
      : "");
  speedometerEl.textContent = s.activity === "running" && speedSample.ratio > 0
    ? `emulating at ${speedSample.ratio.toFixed(speedSample.ratio < 10 ? 2 : 0)}× a real C64`
    : "";
  const live = s.turn;
  if (live !== undefined) {
    const t = turnSeconds(live, s.wall);
    timingEl.textContent = `thinking… ${live.tokens.length} tokens so far, ${
      fmt(t.total, 1)
    } of C64 time`;
  }
  if (s.lastTurn !== shownTurn && s.lastTurn !== undefined) {
    shownTurn = s.lastTurn;
    // a line that got no reply (empty, or too long) leaves the last reply's numbers up
    if (shownTurn.tokens.length > 0 || program?.soul === undefined) {
      showTurn(shownTurn);
      explain();
    } else if (s.turn === undefined) timingEl.textContent = "no reply to that line";
  }
};

const showTurn = (turn: TurnTiming): void => {
  const t = turnSeconds(turn);
  const n = turn.tokens.length;
  timingEl.textContent = n === 0
    ? `no tokens: ${fmt(t.total)} of C64 time`
    : `${n} token${n === 1 ? "" : "s"} in ${fmt(t.total, 1)} of C64 time (PAL): the first after ${
      fmt(t.first, 1)
    } (reading the prompt), then ${fmt(t.perToken)} per token`;
  const gaps = turn.tokens.map((w, i) =>
    (w - (i === 0 ? turn.start : turn.tokens[i - 1])) / turn.clockHz
  );
  tokenTimesEl.textContent = n === 0
    ? ""
    : `each token: ${gaps.map((g) => g.toFixed(2)).join(" · ")} s`;
};

// ---------------------------------------------------------------------------------------------
// The reference check and the attention view.

const HEAT = [
  [0x10, 0x0e, 0x24],
  [0x35, 0x28, 0x79],
  [0x6c, 0x5e, 0xb5],
  [0x70, 0xa4, 0xb2],
  [0x9a, 0xd2, 0x84],
  [0xff, 0xf0, 0xa0],
];

/** A colour for a value in 0..1. */
const heat = (v: number): [number, number, number] => {
  const x = Math.max(0, Math.min(1, v)) * (HEAT.length - 1);
  const i = Math.min(HEAT.length - 2, Math.floor(x));
  const f = x - i;
  const a = HEAT[i], b = HEAT[i + 1];
  return [0, 1, 2].map((k) => Math.round(a[k] + (b[k] - a[k]) * f)) as [number, number, number];
};

const tokenText = (tok: Tokenizer, id: number): string =>
  id === 0 ? "⟨pad⟩" : id === 1 ? "⟨sep⟩" : id === 2 ? "⟨unk⟩" : id === 3 ? "⟨end⟩" : tok.vocab[id];

/** A heat map canvas: rows × cols values in 0..1, with a tooltip per cell. */
const heatMap = (
  title: string,
  rows: number,
  cols: number,
  value: (r: number, c: number) => number,
  tip: (r: number, c: number) => string,
): HTMLElement => {
  const cell = Math.max(4, Math.min(12, Math.floor(200 / Math.max(rows, cols))));
  const c = document.createElement("canvas");
  c.width = cols * cell;
  c.height = rows * cell;
  const g = c.getContext("2d")!;
  for (let r = 0; r < rows; r++) {
    for (let k = 0; k < cols; k++) {
      const [R, G, B] = heat(value(r, k));
      g.fillStyle = `rgb(${R},${G},${B})`;
      g.fillRect(k * cell, r * cell, cell, cell);
    }
  }
  c.addEventListener("mousemove", (ev) => {
    const r = Math.floor(ev.offsetY / cell), k = Math.floor(ev.offsetX / cell);
    if (r >= 0 && r < rows && k >= 0 && k < cols) c.title = tip(r, k);
  });
  const box = document.createElement("div");
  box.className = "map";
  box.append(c, title);
  return box;
};

const showAttention = (view: AttentionView, tok: Tokenizer): void => {
  mapsEl.textContent = "";
  const names = view.ids.map((id) => tokenText(tok, id));
  const legend = document.createElement("div");
  legend.className = "tokens";
  legend.textContent = "positions: " + names.map((n, i) => `${i}:${JSON.stringify(n)}`).join(" ");
  mapsEl.append(legend);
  const t = view.ids.length;
  view.layers.forEach((layer, l) => {
    const row = document.createElement("div");
    row.className = "layer";
    layer.heads.forEach((w, h) => {
      row.append(heatMap(
        `layer ${l + 1} · head ${h + 1}`,
        t,
        t,
        (r, c) => (c <= r ? Math.sqrt(w[r * t + c]) : 0),
        (r, c) =>
          c <= r
            ? `${names[r]} → ${names[c]}: ${(w[r * t + c] * 100).toFixed(1)}%`
            : "(the future: not visible)",
      ));
    });
    const hidden = layer.hidden;
    const ed = hidden[0].length;
    let peak = 1;
    for (const v of hidden) for (const x of v) peak = Math.max(peak, Math.abs(x));
    row.append(heatMap(
      `layer ${l + 1} · activations`,
      t,
      ed,
      (r, c) => 0.5 + hidden[r][c] / peak / 2,
      (r, c) => `${names[r]}, dimension ${c}: ${(hidden[r][c] / 256).toFixed(3)}`,
    ));
    mapsEl.append(row);
  });
};

/** Compare the reply on the screen with the TS reference and draw the attention maps. */
const explain = (): void => {
  const p = program, s = session;
  if (p === undefined || s === undefined) return;
  const ex = lastExchange(s.screenRows());
  if (p.soul === undefined || p.tokenizer === undefined) {
    referenceEl.textContent = "(no soul behind this program: nothing to compare or show)";
    return;
  }
  if (ex === undefined || ex.prompt === "") return;
  const turn = chatTurn(p.soul, p.tokenizer, ex.prompt);
  if (E.isLeft(turn)) {
    referenceEl.textContent = `the TS reference: ${describeError(turn.left)}`;
    return;
  }
  const same = turn.right.reply === ex.reply;
  reference = { prompt: ex.prompt, reply: turn.right.reply, same };
  referenceEl.innerHTML = "";
  const line = document.createElement("span");
  line.className = same ? "same" : "differs";
  line.textContent = same
    ? `✓ the TS reference gives the same reply: “${turn.right.reply}”`
    : `✗ the TS reference replies “${turn.right.reply}”, the C64 “${ex.reply}”`;
  referenceEl.append(line);
  const ids = [...turn.right.promptIds, ...turn.right.replyIds].slice(0, p.soul.shape.context);
  const view = attentionView(p.soul, ids);
  if (E.isRight(view)) showAttention(view.right, p.tokenizer);
};

// ---------------------------------------------------------------------------------------------
// Input: the keyboard, the controls, dropped files.

canvas.addEventListener("keydown", (ev) => {
  blipper.unlock();
  if (ev.ctrlKey || ev.metaKey || ev.altKey || session === undefined) return;
  if (session.press(ev.key)) ev.preventDefault();
});
canvas.addEventListener("paste", (ev) => {
  const text = ev.clipboardData?.getData("text") ?? "";
  if (session !== undefined && text !== "") session.typeText(text.replace(/\r\n?/g, "\n"));
  ev.preventDefault();
});
canvas.addEventListener("pointerdown", () => {
  blipper.unlock();
  canvas.focus();
});

const setSpeed = (s: Speed): void => {
  speed = s;
  debt = 0;
  for (const el of document.querySelectorAll<HTMLInputElement>("input[name=speed]")) {
    el.checked = el.value === s;
  }
};
for (const el of document.querySelectorAll<HTMLInputElement>("input[name=speed]")) {
  el.addEventListener("change", () => {
    setSpeed(el.value === "fast" ? "fast" : "real");
    canvas.focus();
  });
}
$<HTMLInputElement>("sound").addEventListener("change", (ev) => {
  blipper.enabled = (ev.target as HTMLInputElement).checked;
  blipper.unlock();
  canvas.focus();
});
$("reset").addEventListener("click", () => {
  if (program !== undefined) run(program);
});

const pickFiles = async (list: FileList | null): Promise<void> => {
  if (list === null || list.length === 0) return;
  const files: PickedFile[] = [];
  for (const f of Array.from(list)) {
    files.push({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) });
  }
  const sorted = sortFiles(files);
  if (E.isLeft(sorted)) return setMessage(describeError(sorted.left), true);
  pending = {
    soul: sorted.right.soul ?? pending.soul,
    tokenizer: sorted.right.tokenizer ?? pending.tokenizer,
  };
  const { soul, tokenizer } = pending;
  if (soul === undefined) return setMessage(`got ${tokenizer!.name}; now add its soul file`);
  if (tokenizer === undefined) return setMessage(`got ${soul.name}; now add its tokenizer.json`);
  setMessage(`building ${soul.name} with ${tokenizer.name}…`);
  await new Promise((r) => setTimeout(r, 30)); // let the message show before the work
  const built = buildSoul(soul, tokenizer);
  pending = {};
  if (E.isLeft(built)) return setMessage(describeError(built.left), true);
  const b = built.right;
  const err = run({
    label: b.label,
    prg: b.prg,
    soul: b.soul,
    tokenizer: b.tokenizer,
    d64: b.d64,
    note: soulNote(b.soul, `your soul ${b.label}`),
  });
  if (err) return setMessage(describeError(err), true);
  setMessage(
    `built ${soul.name}: a ${b.prg.length.toLocaleString("en")}-byte program on a disk; running it`,
  );
};

const fileInput = $<HTMLInputElement>("files");
fileInput.addEventListener("change", () => {
  void pickFiles(fileInput.files).finally(() => (fileInput.value = ""));
});
document.addEventListener("dragover", (ev) => {
  ev.preventDefault();
  document.body.classList.add("dragging");
});
document.addEventListener("dragleave", (ev) => {
  if (ev.relatedTarget === null) document.body.classList.remove("dragging");
});
document.addEventListener("drop", (ev) => {
  ev.preventDefault();
  document.body.classList.remove("dragging");
  void pickFiles(ev.dataTransfer?.files ?? null);
});

// ---------------------------------------------------------------------------------------------
// The handle for tests and the curious.

const handle = {
  ready: false,
  screenText: (): string => session?.screenText() ?? "",
  screenRows: (): string[] => session?.screenRows() ?? [],
  activity: (): string => session?.activity ?? "loading",
  pendingKeys: (): number => session?.pendingKeys ?? 0,
  lastTurn: () => {
    const t = session?.lastTurn;
    return t === undefined ? undefined : { ...turnSeconds(t), tokens: t.tokens.length };
  },
  reference: () => reference,
  setSpeed,
  program: (): string => program?.label ?? "",
  blips: (): number => blipper.count,
  message: (): string => byoMessage.textContent ?? "",
  error: (): string | undefined => session?.error ? describeError(session.error) : undefined,
};
(globalThis as unknown as { soul64: typeof handle }).soul64 = handle;

loadDefault()
  .then(() => (handle.ready = true))
  .catch((e) => (statusEl.textContent = `could not load the program: ${(e as Error).message}`));
requestAnimationFrame(step);
