/**
 * File access for tools and tests. The project's stand-in for `@std/fs` (not installable here).
 * Every call returns an Either with an "io" SoulError naming the path; writes are atomic
 * (write to a temporary file beside the target, then rename), so nothing is left half-written.
 * Library stages never import this module: they take and return values.
 *
 * @module
 */
import { E, type Either } from "../deps.ts";
import { type SoulError, soulError } from "../errors.ts";

const ioError = (path: string, e: unknown): SoulError => {
  const reason = e instanceof Deno.errors.NotFound
    ? "no such file"
    : e instanceof Deno.errors.PermissionDenied
    ? "permission denied"
    : e instanceof Deno.errors.IsADirectory
    ? "is a directory"
    : String((e as Error)?.message ?? e);
  return soulError("io", reason, { file: path });
};

/** Read a whole file as bytes. */
export const readBytes = async (path: string): Promise<Either<SoulError, Uint8Array>> => {
  try {
    return E.right(await Deno.readFile(path));
  } catch (e) {
    return E.left(ioError(path, e));
  }
};

/** Read a whole file as UTF-8 text. */
export const readText = async (path: string): Promise<Either<SoulError, string>> => {
  try {
    return E.right(await Deno.readTextFile(path));
  } catch (e) {
    return E.left(ioError(path, e));
  }
};

/** Synchronous byte read (for tests and start-up paths). */
export const readBytesSync = (path: string): Either<SoulError, Uint8Array> => {
  try {
    return E.right(Deno.readFileSync(path));
  } catch (e) {
    return E.left(ioError(path, e));
  }
};

/** Synchronous text read. */
export const readTextSync = (path: string): Either<SoulError, string> => {
  try {
    return E.right(Deno.readTextFileSync(path));
  } catch (e) {
    return E.left(ioError(path, e));
  }
};

/** Create a directory and its parents (no error if it exists). */
export const ensureDir = async (path: string): Promise<Either<SoulError, void>> => {
  try {
    await Deno.mkdir(path, { recursive: true });
    return E.right(undefined);
  } catch (e) {
    return E.left(ioError(path, e));
  }
};

/** Write bytes or text atomically: a temporary sibling file, then a rename. */
export const writeAtomic = async (
  path: string,
  data: Uint8Array | string,
): Promise<Either<SoulError, void>> => {
  const tmp = `${path}.tmp-${Deno.pid}-${Date.now()}`;
  try {
    const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
    await Deno.writeFile(tmp, bytes);
    await Deno.rename(tmp, path);
    return E.right(undefined);
  } catch (e) {
    try {
      await Deno.remove(tmp);
    } catch { /* the temporary file may not exist */ }
    return E.left(ioError(path, e));
  }
};

/** True when a path exists. */
export const exists = async (path: string): Promise<boolean> => {
  try {
    await Deno.stat(path);
    return true;
  } catch {
    return false;
  }
};

/** List the files (recursively) under a directory, as paths relative to it, sorted. */
export const listFiles = async (dir: string): Promise<Either<SoulError, string[]>> => {
  const out: string[] = [];
  const walk = async (rel: string): Promise<void> => {
    for await (const ent of Deno.readDir(rel === "" ? dir : `${dir}/${rel}`)) {
      const p = rel === "" ? ent.name : `${rel}/${ent.name}`;
      if (ent.isDirectory) await walk(p);
      else if (ent.isFile) out.push(p);
    }
  };
  try {
    await walk("");
    return E.right(out.sort());
  } catch (e) {
    return E.left(ioError(dir, e));
  }
};
