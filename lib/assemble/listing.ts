/**
 * The listing: one line per source line assembled in the final pass, with its address, the
 * bytes it produced, the base cycles of its instruction ("4+" when a page cross or a taken
 * branch adds cycles) and the source text. Comment lines between statements are kept; lines
 * expanded from a macro are marked with `+` after the line number.
 *
 * ```
 * ; main.s
 *      3     c000  a9 00                      2     lda #0
 *      4     c002  9d 00 04                   5     sta $0400,x
 * ```
 *
 * @module
 */
import { lineColumn, lineText, type ParsedFile } from "./ast.ts";
import type { ListingRow } from "./pass.ts";

const hex2 = (n: number) => n.toString(16).padStart(2, "0");
const hex4 = (n: number) => n.toString(16).padStart(4, "0");

interface Line {
  file: ParsedFile;
  line: number;
  inMacro: boolean;
  addr: number | undefined;
  bytes: number[];
  length: number;
  cycles: string[];
}

/** Source text is decoded byte for byte; show it as the UTF-8 it usually is. */
const display = (text: string): string =>
  /[\x80-\xff]/.test(text)
    ? new TextDecoder().decode(Uint8Array.from(text, (c) => c.charCodeAt(0)))
    : text;

const render = (l: Line): string => {
  const number = `${String(l.line).padStart(6)}${l.inMacro ? "+" : " "}`;
  const addr = l.addr === undefined ? "    " : hex4(l.addr);
  const bytes = l.bytes.map(hex2).join(" ") + (l.length > l.bytes.length ? " ..." : "");
  const text = display(lineText(l.file, l.line));
  return `${number}   ${addr}  ${bytes.padEnd(27)}${l.cycles.join(" ").padEnd(6)}${text}`.trimEnd();
};

/** A line that assembled nothing by itself (a comment, a blank line, a skipped branch). */
const plain = (file: ParsedFile, line: number): string =>
  render({ file, line, inMacro: false, addr: undefined, bytes: [], length: 0, cycles: [] });

/** Format the rows of the final pass. */
export const formatListing = (rows: readonly ListingRow[]): string => {
  const out: string[] = [];
  const lastLine = new Map<string, number>();
  let currentFile: string | undefined;
  let pending: Line | undefined;
  const flush = () => {
    if (pending) out.push(render(pending));
    pending = undefined;
  };
  for (const row of rows) {
    const { line } = lineColumn(row.file, row.at);
    if (pending && pending.file === row.file && pending.line === line) {
      // Several statements on one line (`:` or a one-line loop): one listing line.
      pending.addr ??= row.addr;
      for (const b of row.head) if (pending.bytes.length < 8) pending.bytes.push(b);
      pending.length += row.length;
      if (row.cycles) pending.cycles.push(row.cycles);
      continue;
    }
    flush();
    if (row.file.path !== currentFile) {
      currentFile = row.file.path;
      out.push(`; ${currentFile}`);
    }
    if (!row.inMacro) {
      // Keep the comments and blank lines between two statements of the same file.
      const last = lastLine.get(row.file.path);
      if (last !== undefined) {
        for (let l = last + 1; l < line; l++) out.push(plain(row.file, l));
      } else {
        for (let l = 1; l < line; l++) out.push(plain(row.file, l));
      }
      lastLine.set(row.file.path, Math.max(line, last ?? 0));
    }
    pending = {
      file: row.file,
      line,
      inMacro: row.inMacro,
      addr: row.addr,
      bytes: [...row.head],
      length: row.length,
      cycles: row.cycles ? [row.cycles] : [],
    };
  }
  flush();
  return out.join("\n") + (out.length > 0 ? "\n" : "");
};
