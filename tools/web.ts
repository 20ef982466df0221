/**
 * tools/web.ts — the playground: serves a page on localhost that runs the shipped soul's C64
 * program in the project's emulator, in the browser.
 *
 *   deno run -A tools/web.ts [--port N] [--soul FILE --tokenizer FILE]
 *
 * At start it bundles the page's TypeScript (tools/web/main.ts and the library it imports)
 * with `deno bundle` into one browser script, links the C64 program for the soul (lib/link),
 * and then serves: the page (tools/web/index.html, style.css), app.js, the program
 * (default.prg), the soul and tokenizer it was built from (for the page's reference check and
 * attention view), and api/default (what is being served). Without a soul (the shipped one
 * not built yet and none given) it serves the echo demo (asm/echo.s) instead.
 *
 * @module
 */
import {
  describeError,
  E,
  isErr,
  link,
  parseTokenizer,
  readSoul,
  type Result,
  soulError,
} from "./web/lib.ts";
import { assemble, toPrg } from "../lib/assemble/mod.ts";
import { parseArgs, parseNumber } from "../lib/std/cli.ts";
import { exists, readBytes, readText } from "../lib/std/fs.ts";
import { DEFAULT_SOUL, DEFAULT_TOKENIZER } from "./common.ts";

const HELP = `Usage: deno task web [--port N] [--soul FILE --tokenizer FILE]

Serves the soul64 playground on http://127.0.0.1:PORT/: the C64 chat program running in the
project's 6502/C64 emulator in your browser, with its screen, border, SID blips, the C64 time
per token, bring-your-own-soul (builds the program and a D64 in the browser), and an attention
view. The page is bundled from tools/web/ at start.

Options:
  --port N            the port to listen on (default 8064; 0 picks a free one)
  --soul FILE         the soul to serve (default corpora/default.soul)
  --tokenizer FILE    its tokenizer.json (default corpora/default-tokenizer.json)
  -h, --help          this text

Without a soul (the default not built yet, none given), it serves the echo demo (asm/echo.s).
`;

const here = (path: string): string => new URL(path, import.meta.url).pathname;

/** The program the page runs first. */
export interface ShippedProgram {
  /** "soul": a soul's chat program; "demo": the echo demo (no soul yet). */
  readonly kind: "soul" | "demo";
  readonly label: string;
  /** One line for the page. */
  readonly note: string;
  readonly prg: Uint8Array;
  readonly soul?: Uint8Array;
  readonly tokenizer?: Uint8Array;
}

/** Assemble the echo demo (the stand-in while no soul is there). */
const echoDemo = async (): Promise<Result<ShippedProgram>> => {
  const path = here("../asm/echo.s");
  const src = await readBytes(path);
  if (isErr(src)) return src;
  const asm = assemble("echo.s", new Map([["echo.s", src.right]]));
  if (isErr(asm)) return asm;
  return E.right({
    kind: "demo",
    label: "echo demo",
    note: "the echo demo (asm/echo.s): no soul to serve yet — build corpora/default.soul, or " +
      "bring your own below",
    prg: toPrg(asm.right),
  });
};

/**
 * The program to serve: the C64 chat program linked from a soul and its tokenizer (the given
 * files, else the shipped corpora/default.soul), or the echo demo when no soul is given and the
 * shipped one does not exist. The one place that decides what the page runs first.
 */
export const shippedProgram = async (
  soulPath?: string,
  tokPath?: string,
): Promise<Result<ShippedProgram>> => {
  const soulFile = soulPath ?? DEFAULT_SOUL;
  const tokFile = tokPath ?? DEFAULT_TOKENIZER;
  if (soulPath === undefined && tokPath === undefined && !(await exists(soulFile))) {
    return echoDemo();
  }
  const bytes = await readBytes(soulFile);
  if (isErr(bytes)) return bytes;
  const tokText = await readText(tokFile);
  if (isErr(tokText)) return tokText;
  const soul = readSoul(bytes.right, soulFile);
  if (isErr(soul)) return soul;
  const tok = parseTokenizer(tokText.right, tokFile);
  if (isErr(tok)) return tok;
  const linked = link(soul.right, tok.right);
  if (isErr(linked)) return E.left({ ...linked.left, file: linked.left.file ?? soulFile });
  const label = soul.right.name.trim() || soulFile.split("/").pop()!;
  const shipped = soulPath === undefined;
  return E.right({
    kind: "soul",
    label,
    note: shipped ? `the shipped soul ${label}` : `the soul ${label} (${soulFile})`,
    prg: linked.right.prg,
    soul: bytes.right,
    tokenizer: new TextEncoder().encode(tokText.right),
  });
};

/**
 * Bundle the page: `deno bundle` (esbuild inside Deno, fetched from the npm registry on first
 * use) turns tools/web/main.ts and everything it imports into one browser script.
 */
export const bundlePage = async (): Promise<Result<string>> => {
  const dir = await Deno.makeTempDir({ prefix: "soul64-web-" });
  const out = `${dir}/app.js`;
  try {
    const r = await new Deno.Command(Deno.execPath(), {
      args: ["bundle", "--quiet", "--platform", "browser", "-o", out, here("web/main.ts")],
      stdout: "piped",
      stderr: "piped",
      env: { NO_COLOR: "1" },
    }).output();
    if (!r.success) {
      const text = new TextDecoder().decode(r.stderr).trim().split("\n").slice(-15).join("\n");
      return E.left(soulError("io", `deno bundle failed:\n${text}`, { file: "tools/web/main.ts" }));
    }
    return await readText(out);
  } finally {
    await Deno.remove(dir, { recursive: true }).catch(() => {});
  }
};

/** A running playground server. */
export interface Playground {
  /** The page's address, e.g. http://127.0.0.1:8064/. */
  readonly url: string;
  readonly program: ShippedProgram;
  /** Stop serving. */
  close(): Promise<void>;
}

/** How to start the playground. */
export interface PlaygroundOptions {
  /** Default 8064; 0 picks a free port. */
  readonly port?: number;
  readonly soul?: string;
  readonly tokenizer?: string;
}

const TYPES: Readonly<Record<string, string>> = {
  html: "text/html; charset=utf-8",
  css: "text/css; charset=utf-8",
  js: "text/javascript; charset=utf-8",
  json: "application/json",
};

/** Bundle the page, link the program and serve both on 127.0.0.1. */
export const startPlayground = async (
  opts: PlaygroundOptions = {},
): Promise<Result<Playground>> => {
  const [bundle, program] = await Promise.all([
    bundlePage(),
    shippedProgram(opts.soul, opts.tokenizer),
  ]);
  if (isErr(bundle)) return bundle;
  if (isErr(program)) return program;
  const page = await readText(here("web/index.html"));
  if (isErr(page)) return page;
  const css = await readText(here("web/style.css"));
  if (isErr(css)) return css;
  const p = program.right;
  const info = JSON.stringify({ label: p.label, kind: p.kind, note: p.note });
  const files = new Map<string, [string, string | Uint8Array]>([
    ["/", [TYPES.html, page.right]],
    ["/index.html", [TYPES.html, page.right]],
    ["/style.css", [TYPES.css, css.right]],
    ["/app.js", [TYPES.js, bundle.right]],
    ["/api/default", [TYPES.json, info]],
    ["/default.prg", ["application/octet-stream", p.prg]],
  ]);
  if (p.soul && p.tokenizer) {
    files.set("/default.soul", ["application/octet-stream", p.soul]);
    files.set("/default-tokenizer.json", [TYPES.json, p.tokenizer]);
  }
  let server: Deno.HttpServer<Deno.NetAddr>;
  try {
    server = Deno.serve({
      hostname: "127.0.0.1",
      port: opts.port ?? 8064,
      onListen: () => {},
    }, (req) => {
      const path = new URL(req.url).pathname;
      const file = files.get(path);
      if (req.method !== "GET" && req.method !== "HEAD") {
        return new Response("method not allowed", { status: 405 });
      }
      if (file === undefined) return new Response("not found", { status: 404 });
      return new Response(file[1] as BodyInit, {
        headers: { "content-type": file[0], "cache-control": "no-store" },
      });
    });
  } catch (e) {
    const why = e instanceof Deno.errors.AddrInUse
      ? `port ${opts.port ?? 8064} is in use (try --port N, or --port 0 for a free one)`
      : String((e as Error).message ?? e);
    return E.left(soulError("io", why));
  }
  return E.right({
    url: `http://127.0.0.1:${server.addr.port}/`,
    program: p,
    close: () => server.shutdown(),
  });
};

// Annotated so that TypeScript narrows after a call, as after `return`.
const die: (message: string) => never = (message) => {
  console.error(`web: ${message}`);
  Deno.exit(1);
};

if (import.meta.main) {
  const args = parseArgs(Deno.args, {
    port: { type: "string" },
    soul: { type: "string" },
    tokenizer: { type: "string" },
    help: { type: "boolean", short: "h" },
  });
  if (isErr(args)) die(`${describeError(args.left)} (see --help)`);
  const { values, positionals } = args.right;
  if (values.help) {
    console.log(HELP);
    Deno.exit(0);
  }
  if (positionals.length > 0) die(`unexpected argument ${positionals[0]} (see --help)`);
  if ((values.soul === undefined) !== (values.tokenizer === undefined)) {
    die("--soul and --tokenizer go together");
  }
  let port = 8064;
  if (values.port !== undefined) {
    const n = parseNumber(values.port as string, "--port");
    if (isErr(n) || n.right < 0 || n.right > 65535) {
      die(`--port: expected 0-65535, got ${values.port}`);
    }
    port = n.right;
  }
  console.log("web: bundling the page and linking the program…");
  const started = await startPlayground({
    port,
    soul: values.soul as string | undefined,
    tokenizer: values.tokenizer as string | undefined,
  });
  if (isErr(started)) die(describeError(started.left));
  const pg = started.right;
  console.log(`web: running ${pg.program.note}`);
  console.log(`web: open ${pg.url}  (Ctrl-C stops)`);
}
