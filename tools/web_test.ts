/**
 * The playground: its pure parts (font, picture, keyboard and timing bookkeeping, the screen's
 * last exchange, the attention view, bring-your-own-soul), the server, and the page itself in
 * a real browser — Debian's chromium, headless, driven by playwright-core — typing a prompt and
 * comparing the reply on the emulated screen with the TS reference.
 *
 * The browser test needs /usr/bin/chromium (`apt-get install -y chromium`; or set
 * SOUL64_CHROMIUM to another Chromium); without it the test fails and says so. It keeps a
 * screenshot of the page and prints where.
 */
import { Buffer } from "node:buffer";
import { chromium } from "./web/playwright.ts";
import { assemble, toPrg } from "../lib/assemble/mod.ts";
import { link } from "../lib/link/mod.ts";
import {
  assert,
  assertEquals,
  assertLeft,
  assertMatch,
  assertNotEquals,
  assertRight,
  assertStringIncludes,
} from "../lib/std/assert.ts";
import { bytesOf, repoPath, sharedPath, textOf } from "../lib/testing/paths.ts";
import {
  argmax,
  type BorderEvent,
  chatTurn,
  forward,
  PAL_TIMING,
  parseTokenizer,
  readD64,
  readSoul,
  type Soul,
  type Tokenizer,
} from "../mod.ts";
import { startPlayground } from "./web.ts";
import { attentionView } from "./web/attention.ts";
import { buildSoul, roleOf, sortFiles } from "./web/byo.ts";
import { charRom, FONTS } from "./web/font.ts";
import { borderBands, HEIGHT, LEFT, PALETTE, renderFrame, TOP, WIDTH } from "./web/render.ts";
import { keyFor, lastExchange, Session, turnSeconds } from "./web/session.ts";

// ---------------------------------------------------------------------------------------------
// Fixtures

/** The soul the browser test serves: the shipped one when it exists, else the compat seed. */
const servedPair = (): { soulPath: string; tokPath: string; shipped: boolean } => {
  const soul = repoPath("corpora/default.soul"), tok = repoPath("corpora/default-tokenizer.json");
  try {
    Deno.statSync(soul);
    Deno.statSync(tok);
    return { soulPath: soul, tokPath: tok, shipped: true };
  } catch {
    return {
      soulPath: sharedPath("compat/seed-soul.bin"),
      tokPath: sharedPath("compat/seed-tokenizer.json"),
      shipped: false,
    };
  }
};

const loadPair = (soulPath: string, tokPath: string): { soul: Soul; tok: Tokenizer } => ({
  soul: assertRight(readSoul(bytesOf(soulPath), soulPath)),
  tok: assertRight(parseTokenizer(textOf(tokPath), tokPath)),
});

const seed = () =>
  loadPair(sharedPath("compat/seed-soul.bin"), sharedPath("compat/seed-tokenizer.json"));

const echoPrg = (): Uint8Array => {
  const asm = assemble("echo.s", new Map([["echo.s", bytesOf(repoPath("asm/echo.s"))]]));
  return toPrg(assertRight(asm));
};

/** Run a session until the program waits for a line (or fails the test). */
const runToWait = (s: Session, maxSlices = 2_000): void => {
  for (let i = 0; i < maxSlices && s.busy; i++) s.run(1_000_000);
  assertEquals(s.activity, "waiting", `the program should wait for a line (${s.describe()})`);
};

// ---------------------------------------------------------------------------------------------
// The font and the picture

Deno.test("font: every screen code has a glyph; letters, digits and signs are drawn", () => {
  for (const set of ["upper", "lower"] as const) {
    const rom = FONTS[set];
    assertEquals(rom.length, 128 * 8);
    assertEquals(rom, charRom(set));
    const glyph = (code: number) => Array.from(rom.subarray(code * 8, code * 8 + 8)).join(",");
    assertEquals(glyph(32), "0,0,0,0,0,0,0,0", `${set}: space is blank`);
    const seen = new Set<string>();
    for (let code = 0; code < 64; code++) {
      if (code === 32) continue;
      const g = glyph(code);
      assertNotEquals(g, "0,0,0,0,0,0,0,0", `${set}: screen code ${code} is drawn`);
      assert(!seen.has(g), `${set}: screen code ${code} looks like another`);
      seen.add(g);
    }
  }
  const glyphOf = (set: "upper" | "lower", code: number) =>
    Array.from(FONTS[set].subarray(code * 8, code * 8 + 8));
  // screen code 1 is "A" in the upper case set and "a" in the lower; 65 is "A" in the lower
  assertNotEquals(glyphOf("upper", 1), glyphOf("lower", 1));
  assertEquals(glyphOf("upper", 1), glyphOf("lower", 65));
  // digits are the same in both sets
  for (let code = 48; code < 58; code++) {
    assertEquals(glyphOf("upper", code), glyphOf("lower", code));
  }
});

Deno.test("render: text in its colour on the background, the border around, in bands", () => {
  const out = new Uint8ClampedArray(WIDTH * HEIGHT * 4);
  const screen = new Uint8Array(1000).fill(32);
  screen[0] = 1; // A / a
  screen[41] = 32 | 0x80; // a reversed space at row 1, column 1
  const colour = new Uint8Array(1000).fill(1);
  renderFrame(out, {
    screen,
    colour,
    background: 6,
    charset: "upper",
    border: [{ y: 0, colour: 14 }, { y: 100, colour: 2 }],
  });
  const px = (x: number, y: number) => {
    const i = (y * WIDTH + x) * 4;
    return (out[i] << 16) | (out[i + 1] << 8) | out[i + 2];
  };
  assertEquals(px(0, 0), PALETTE[14]);
  assertEquals(px(0, 150), PALETTE[2]);
  assertEquals(px(LEFT + 100, TOP + 100), PALETTE[6]);
  // the glyph's lit pixels are white, the others background
  const rom = FONTS.upper;
  for (let y = 0; y < 8; y++) {
    for (let x = 0; x < 8; x++) {
      const on = (rom[8 + y] << x) & 0x80;
      assertEquals(px(LEFT + x, TOP + y), on ? PALETTE[1] : PALETTE[6], `A at ${x},${y}`);
    }
  }
  assertEquals(px(LEFT + 8 + 3, TOP + 8 + 3), PALETTE[1], "a reversed space is solid");

  // border bands: a change in the current frame starts a band at its raster line
  const f = PAL_TIMING.cyclesPerFrame, line = PAL_TIMING.cyclesPerLine;
  const ev = (wall: number, c: number): BorderEvent => ({ cycle: wall, wall, colour: c });
  assertEquals(borderBands([], 5, 3 * f + 10, PAL_TIMING), [{ y: 0, colour: 5 }]);
  assertEquals(borderBands([ev(f + 1, 7)], 5, 3 * f, PAL_TIMING), [{ y: 0, colour: 7 }]);
  assertEquals(
    borderBands([ev(f + 1, 7), ev(3 * f + 100 * line, 2)], 5, 3 * f + 200 * line, PAL_TIMING),
    [{ y: 0, colour: 7 }, { y: 100 - 16, colour: 2 }],
  );
});

// ---------------------------------------------------------------------------------------------
// The session: keys, timing, the screen

Deno.test("session: typed keys reach the program through the keyboard buffer, DEL edits", () => {
  const s = assertRight(Session.start(echoPrg()));
  runToWait(s);
  assertEquals(s.screenText(), ">");
  assert(s.typeText("hx"));
  assert(s.press("Backspace"));
  assert(s.typeText("i!\n"));
  assert(!s.press("F7") && !s.press("~"), "keys the C64 lacks are refused");
  runToWait(s);
  assertEquals(s.screenText(), "> hi!\nhi!\n>");
  const turn = s.lastTurn!;
  assertEquals(turn.tokens.length, 0, "the echo demo plays no notes");
  assert(turn.end! > turn.start);
  // more than ten keys at once: they wait for room in the buffer
  assert(s.typeText("a long line of keys\n"));
  runToWait(s);
  assertStringIncludes(s.screenText(), "\na long line of keys\n>");
  assertEquals(s.pendingKeys, 0);
  assertEquals(keyFor("Enter", "lower"), 13);
  assertEquals(keyFor("H", "lower"), 0xc8);
  assertEquals(keyFor("h", "lower"), 0x48);
  // q on a line of its own ends the demo
  s.typeText("q\n");
  for (let i = 0; i < 100 && s.busy; i++) s.run(1_000_000);
  assertEquals(s.activity, "ended");
});

Deno.test("session: a turn's C64 time, its first token and the time per token", () => {
  const t = turnSeconds({
    start: 1_000,
    tokens: [3_000, 4_000, 5_000],
    end: 6_000,
    clockHz: 1_000,
  });
  assertEquals(t, { total: 5, first: 2, perToken: 1 });
  const live = turnSeconds({ start: 0, tokens: [], clockHz: 100 }, 250);
  assertEquals(live, { total: 2.5, first: undefined, perToken: undefined });
});

Deno.test("lastExchange: the last prompt and reply on the screen, wrapped rows joined", () => {
  const wrap = (line: string): string[] => line.match(/.{1,40}/g) ?? [""];
  const prompt = "a long prompt that is typed until it wraps past the fortieth column";
  const reply = "and a reply that also runs past the end of the row";
  const rows = [
    "soul64",
    "YOU> hi",
    "C64> old reply",
    "",
    ...wrap(`YOU> ${prompt}`),
    ...wrap(`C64> ${reply}`),
    "",
    "YOU>",
  ];
  assertEquals(rows.length, 10);
  assertEquals(lastExchange([...rows, ...Array(15).fill("")]), { prompt, reply });
  assertEquals(lastExchange(["YOU> hi", "C64> hello", "", "YOU>"]), {
    prompt: "hi",
    reply: "hello",
  });
  assertEquals(lastExchange(["soul64", "YOU>"]), undefined);
});

// ---------------------------------------------------------------------------------------------
// The attention view and bring-your-own-soul

Deno.test("attentionView: the reference's own numbers, with every head's weights", () => {
  const { soul, tok } = seed();
  const turn = assertRight(chatTurn(soul, tok, "hello"));
  const ids = [...turn.promptIds, ...turn.replyIds];
  const view = assertRight(attentionView(soul, ids));
  const t = ids.length;
  assertEquals(view.layers.length, soul.shape.layers);
  assertEquals(view.logits[t - 1], assertRight(forward(soul, ids)));
  for (let p = turn.promptIds.length - 1; p < t - 1; p++) {
    assertEquals(argmax(view.logits[p], soul.argmax), ids[p + 1], `the token after ${p}`);
  }
  for (const layer of view.layers) {
    assertEquals(layer.heads.length, soul.shape.heads);
    for (const w of layer.heads) {
      for (let r = 0; r < t; r++) {
        let sum = 0;
        for (let c = 0; c < t; c++) {
          if (c > r) assertEquals(w[r * t + c], 0);
          sum += w[r * t + c];
        }
        assert(Math.abs(sum - 1) < 1e-9, `row ${r} sums to ${sum}`);
      }
    }
  }
  assertLeft(attentionView(soul, []), "1 to 20 tokens");
  assertLeft(attentionView(soul, [1, 999]), "id 999");
});

Deno.test("byo: a soul and its tokenizer become a disk whose program is the linked one", () => {
  const soulBytes = bytesOf(sharedPath("compat/seed-soul.bin"));
  const tokBytes = bytesOf(sharedPath("compat/seed-tokenizer.json"));
  const soulFile = { name: "mine.bin", bytes: soulBytes };
  const tokFile = { name: "tokenizer.json", bytes: tokBytes };
  assertEquals(roleOf(soulFile), "soul");
  assertEquals(roleOf(tokFile), "tokenizer");
  assertEquals(roleOf({ name: "tok", bytes: new TextEncoder().encode(' \n{"a":1}') }), "tokenizer");
  const sorted = assertRight(sortFiles([tokFile, soulFile]));
  assertEquals(sorted.soul?.name, "mine.bin");
  assertEquals(sorted.tokenizer?.name, "tokenizer.json");
  assertLeft(sortFiles([soulFile, soulFile]), "one soul file and one tokenizer.json");

  const built = assertRight(buildSoul(soulFile, tokFile));
  const { soul, tok } = seed();
  assertEquals(built.prg, assertRight(link(soul, tok)).prg);
  const disk = assertRight(readD64(built.d64));
  assertEquals(disk.files.map((f) => f.name), ["SOUL64"]);

  // bad files: the message names the file
  assertLeft(
    buildSoul({ name: "broken.bin", bytes: soulBytes.slice(0, 100) }, tokFile),
    "broken.bin",
  );
  assertLeft(
    buildSoul(soulFile, { name: "bad.json", bytes: new TextEncoder().encode("{nope") }),
    "bad.json",
  );
  assertLeft(
    buildSoul(soulFile, { name: "bin.json", bytes: new Uint8Array([0xff, 0xfe]) }),
    "UTF-8",
  );
});

// ---------------------------------------------------------------------------------------------
// The tool and the page

const run = async (...args: string[]) => {
  const r = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", repoPath("tools/web.ts"), ...args],
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1" },
  }).output();
  const text = (b: Uint8Array) => new TextDecoder().decode(b);
  return { code: r.code, stdout: text(r.stdout), stderr: text(r.stderr) };
};

Deno.test("web.ts: --help, and clear errors for bad arguments", async () => {
  const help = await run("--help");
  assertEquals(help.code, 0);
  assertStringIncludes(help.stdout, "Usage: deno task web");
  assertStringIncludes(help.stdout, "--port N");
  const bad = await run("--bogus");
  assertEquals(bad.code, 1);
  assertMatch(bad.stderr, /^web: .*bogus/);
  const half = await run("--soul", "x.bin");
  assertEquals(half.code, 1);
  assertStringIncludes(half.stderr, "--soul and --tokenizer go together");
  const port = await run("--port", "seventy");
  assertEquals(port.code, 1);
  assertStringIncludes(port.stderr, "--port");
  const missing = await run("--soul", "/nonexistent.bin", "--tokenizer", "/nonexistent.json");
  assertEquals(missing.code, 1);
  assertStringIncludes(missing.stderr, "/nonexistent.bin: no such file");
});

const CHROMIUM = Deno.env.get("SOUL64_CHROMIUM") ?? "/usr/bin/chromium";
const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
const PROMPT = "hello";

interface PageHandle {
  soul64: {
    ready: boolean;
    activity(): string;
    screenRows(): string[];
    screenText(): string;
    lastTurn(): { tokens: number; total: number; perToken?: number } | undefined;
    reference(): { prompt: string; reply: string; same: boolean } | undefined;
    program(): string;
    blips(): number;
    message(): string;
  };
}

Deno.test({
  name: "the page in a real browser: type a prompt, the C64 replies as the TS reference does",
  sanitizeOps: false,
  sanitizeResources: false,
  fn: async () => {
    try {
      Deno.statSync(CHROMIUM);
    } catch {
      throw new Error(
        `no Chromium at ${CHROMIUM}: install Debian's (apt-get install -y chromium; CI's ` +
          ".ci/run does) or point SOUL64_CHROMIUM at one",
      );
    }
    const { soulPath, tokPath, shipped } = servedPair();
    const { soul, tok } = loadPair(soulPath, tokPath);
    const expected = assertRight(chatTurn(soul, tok, PROMPT));

    const pg = assertRight(
      await startPlayground(
        shipped ? { port: 0 } : { port: 0, soul: soulPath, tokenizer: tokPath },
      ),
    );
    const profile = await Deno.makeTempDir({ prefix: "soul64-chromium-" });
    const browser = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1280, height: 1000 },
    });
    try {
      // the server: what it serves
      assertEquals(pg.program.kind, "soul");
      const info = await (await fetch(pg.url + "api/default")).json();
      assertEquals(info.kind, "soul");
      const prg = new Uint8Array(await (await fetch(pg.url + "default.prg")).arrayBuffer());
      assertEquals(prg, assertRight(link(soul, tok)).prg);
      const missing = await fetch(pg.url + "nothing-here");
      await missing.body?.cancel();
      assertEquals(missing.status, 404);

      const page = await browser.newPage();
      const problems: string[] = [];
      page.on("pageerror", (e) => problems.push(e.message));
      page.on("console", (m) => {
        if (m.type() === "error") problems.push(m.text());
      });
      await page.goto(pg.url);
      await page.waitForFunction(
        () => {
          const s = (globalThis as unknown as PageHandle).soul64;
          return s?.ready && s.activity() === "waiting";
        },
        null,
        { timeout: 20_000 },
      );
      await page.click("input[name=speed][value=fast]");
      await page.click("#screen");
      await page.keyboard.type(PROMPT);
      await page.keyboard.press("Enter");
      await page.waitForFunction(
        () => {
          const s = (globalThis as unknown as PageHandle).soul64;
          return s.lastTurn() !== undefined && s.activity() === "waiting";
        },
        null,
        { timeout: 30_000 },
      );
      const rows = await page.evaluate(() =>
        (globalThis as unknown as PageHandle).soul64.screenRows()
      );
      const exchange = lastExchange(rows);
      assertEquals(exchange, { prompt: PROMPT, reply: expected.reply }, rows.join("\n"));
      const turn = await page.evaluate(() =>
        (globalThis as unknown as PageHandle).soul64.lastTurn()
      );
      assertEquals(turn?.tokens, expected.replyIds.length, "one blip per token");
      assert(turn!.total > 1, `a reply takes seconds of C64 time, got ${turn!.total}`);
      assert(
        await page.evaluate(() => (globalThis as unknown as PageHandle).soul64.blips()) >=
          expected.replyIds.length,
      );
      assertStringIncludes(await page.textContent("#timing") ?? "", "per token");
      assertEquals(
        await page.evaluate(() => (globalThis as unknown as PageHandle).soul64.reference()),
        { prompt: PROMPT, reply: expected.reply, same: true },
      );
      assertEquals(
        await page.locator("#attention-maps canvas").count(),
        soul.shape.layers * (soul.shape.heads + 1),
      );
      const shot = `${Deno.env.get("TMPDIR") ?? "/tmp"}/soul64-web.png`;
      await page.screenshot({ path: shot, fullPage: true });
      console.log(`screenshot: ${shot}`);

      // bring your own soul: a broken file is reported and changes nothing
      const label = await page.evaluate(() =>
        (globalThis as unknown as PageHandle).soul64.program()
      );
      const seedSoul = bytesOf(sharedPath("compat/seed-soul.bin"));
      const seedTok = bytesOf(sharedPath("compat/seed-tokenizer.json"));
      await page.setInputFiles("#files", [
        {
          name: "broken.bin",
          mimeType: "application/octet-stream",
          buffer: Buffer.from(seedSoul.slice(0, 64)),
        },
        { name: "tokenizer.json", mimeType: "application/json", buffer: Buffer.from(seedTok) },
      ]);
      await page.waitForSelector("#byo-message.error", { timeout: 10_000 });
      assertStringIncludes(await page.textContent("#byo-message") ?? "", "broken.bin");
      assertEquals(
        await page.evaluate(() => (globalThis as unknown as PageHandle).soul64.program()),
        label,
      );
      assertStringIncludes(
        await page.evaluate(() => (globalThis as unknown as PageHandle).soul64.screenText()),
        `C64> ${expected.reply}`,
      );
      // a good pair is linked, packed and run in the browser, and its disk offered
      await page.setInputFiles("#files", [
        { name: "mine.bin", mimeType: "application/octet-stream", buffer: Buffer.from(seedSoul) },
        { name: "mine.json", mimeType: "application/json", buffer: Buffer.from(seedTok) },
      ]);
      await page.waitForFunction(
        () => {
          const s = (globalThis as unknown as PageHandle).soul64;
          return s.message().startsWith("built") && s.activity() === "waiting";
        },
        null,
        { timeout: 20_000 },
      );
      assertStringIncludes(await page.textContent("#program") ?? "", "your soul");
      assertMatch(await page.getAttribute("#download-d64", "href") ?? "", /^blob:/);
      assertEquals(problems, [], "no errors on the page");
    } finally {
      await browser.close();
      await pg.close();
      await Deno.remove(profile, { recursive: true }).catch(() => {});
    }
  },
});
