/**
 * Bring your own soul: a soul file and its tokenizer.json become the C64 program and a disk
 * with it, entirely in the browser (the same stages the command-line build runs: readSoul,
 * parseTokenizer, link, packD64). The program that runs is the one read back from the disk.
 *
 * @module
 */
import {
  E,
  link,
  packD64,
  parseTokenizer,
  readD64,
  readSoul,
  type Result,
  type Soul,
  soulError,
  type Tokenizer,
} from "./lib.ts";

/** A file as the page got it. */
export interface PickedFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

/** A soul built for the C64. */
export interface BuiltSoul {
  readonly soul: Soul;
  readonly tokenizer: Tokenizer;
  /** The program, as read back from the disk. */
  readonly prg: Uint8Array;
  /** The disk image (one PRG). */
  readonly d64: Uint8Array;
  /** A name for the page and the download ("soul64" when the soul has none). */
  readonly label: string;
}

/** The name of the file on the disk. */
export const DISK_FILE = "soul64";

/** Which role a picked file plays: JSON text is the tokenizer, anything else the soul. */
export const roleOf = (f: PickedFile): "tokenizer" | "soul" => {
  if (/\.json$/i.test(f.name)) return "tokenizer";
  let i = 0;
  while (i < f.bytes.length && i < 64 && /\s/.test(String.fromCharCode(f.bytes[i]))) i++;
  return f.bytes[i] === 0x7b ? "tokenizer" : "soul"; // "{"
};

/** Sort picked files into a soul and a tokenizer (either may be missing). */
export const sortFiles = (
  files: readonly PickedFile[],
): Result<{ readonly soul?: PickedFile; readonly tokenizer?: PickedFile }> => {
  const souls = files.filter((f) => roleOf(f) === "soul");
  const toks = files.filter((f) => roleOf(f) === "tokenizer");
  if (souls.length > 1 || toks.length > 1) {
    return E.left(
      soulError(
        "usage",
        `pick one soul file and one tokenizer.json, got ${souls.length} soul files and ` +
          `${toks.length} tokenizers`,
      ),
    );
  }
  return E.right({ soul: souls[0], tokenizer: toks[0] });
};

/** A disk name from a soul's name: letters, digits and spaces, at most 16 characters. */
const diskName = (name: string): string =>
  name.replace(/[^a-z0-9 ]/gi, "").trim().slice(0, 16) || DISK_FILE;

/** Parse, link and pack; the first failure is returned as is (it names the file). */
export const buildSoul = (soulFile: PickedFile, tokFile: PickedFile): Result<BuiltSoul> => {
  const soul = readSoul(soulFile.bytes, soulFile.name);
  if (E.isLeft(soul)) return soul;
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(tokFile.bytes);
  } catch {
    return E.left(soulError("tokenizer", "not UTF-8 text", { file: tokFile.name }));
  }
  const tok = parseTokenizer(text, tokFile.name);
  if (E.isLeft(tok)) return tok;
  const linked = link(soul.right, tok.right);
  if (E.isLeft(linked)) return linked;
  const label = soul.right.name.trim() || DISK_FILE;
  const d64 = packD64({
    diskName: diskName(label),
    diskId: "64",
    files: [{ name: DISK_FILE, data: linked.right.prg }],
  });
  if (E.isLeft(d64)) return d64;
  const disk = readD64(d64.right);
  if (E.isLeft(disk)) return disk;
  const file = disk.right.files.find((f) => f.type === "prg");
  if (file === undefined) return E.left(soulError("d64", "the disk has no program on it"));
  return E.right({
    soul: soul.right,
    tokenizer: tok.right,
    prg: file.data,
    d64: d64.right,
    label,
  });
};
