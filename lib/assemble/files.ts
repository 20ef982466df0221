/**
 * The virtual file system an assembly reads from: a map of paths to bytes. `!source` and
 * `!binary` paths resolve relative to the including file's directory first, then relative to
 * the root. Source files parse once per assembly, however often they are included.
 *
 * @module
 */
import type { ParsedFile } from "./ast.ts";
import { parseSource } from "./parser.ts";

/** Resolve `.` and `..` segments and repeated slashes. */
export const normalizePath = (path: string): string => {
  const absolute = path.startsWith("/");
  const parts: string[] = [];
  for (const part of path.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === ".." && parts.length > 0 && parts[parts.length - 1] !== "..") parts.pop();
    else parts.push(part);
  }
  return (absolute ? "/" : "") + parts.join("/");
};

const dirname = (path: string): string => {
  const i = path.lastIndexOf("/");
  return i < 0 ? "" : path.slice(0, i + 1);
};

/** The paths to try, in order, for `name` named in file `from`. */
export const candidatePaths = (name: string, from: string | undefined): string[] => {
  if (name.startsWith("/") || from === undefined) return [normalizePath(name)];
  const near = normalizePath(dirname(from) + name);
  const root = normalizePath(name);
  return near === root ? [near] : [near, root];
};

/** Decode bytes one character per byte (Latin-1), as ACME reads source text. */
export const decodeBytes = (bytes: Uint8Array): string => {
  let out = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    out += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return out;
};

/**
 * The files of one assembly. Only `files.get` is called, so a caller may pass a map that
 * loads on demand (tools/asm.ts does).
 */
export class FileSet {
  private readonly parsed = new Map<string, ParsedFile>();
  constructor(private readonly files: ReadonlyMap<string, Uint8Array>) {}

  /** Find a file: its resolved path and bytes, or the list of paths tried. */
  find(name: string, from: string | undefined): { path: string; bytes: Uint8Array } | string[] {
    const tried = candidatePaths(name, from);
    for (const path of tried) {
      const bytes = this.files.get(path);
      if (bytes !== undefined) return { path, bytes };
    }
    return tried;
  }

  /** A parsed source file (cached by resolved path). */
  source(path: string, bytes: Uint8Array): ParsedFile {
    let file = this.parsed.get(path);
    if (file === undefined) {
      file = parseSource(path, decodeBytes(bytes));
      this.parsed.set(path, file);
    }
    return file;
  }
}
