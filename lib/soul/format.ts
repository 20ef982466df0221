/**
 * Soul files: the original's v3 format and this project's self-describing format.
 *
 * v3 (no header): the tensor stream only; the shape is the default one and the argmax and
 * softmax rules are "legacy". Each tensor is `kind u8, rows u16 LE, cols u16 LE, shift i8` then its data.
 *
 * soul64 format, version 1 (all integers little-endian):
 *
 * | offset | size | field                                                      |
 * | ------ | ---- | ---------------------------------------------------------- |
 * | 0      | 6    | magic, the ASCII bytes `SOUL64`                            |
 * | 6      | 1    | version = 1                                                |
 * | 7      | 1    | flags: bit 0 = argmax rule "end" (END may end a reply),    |
 * |        |      | bit 1 = softmax rule "rounded" (the unclamped EXP table)  |
 * | 8      | 2    | VS (vocabulary)                                            |
 * | 10     | 1    | ED (embedding width)                                       |
 * | 11     | 1    | NH (heads)                                                 |
 * | 12     | 1    | HD (head width)                                            |
 * | 13     | 2    | FF (feed-forward units)                                    |
 * | 15     | 1    | NL (layers)                                                |
 * | 16     | 1    | SL (context length)                                        |
 * | 17     | 1    | N, the name's length (0..32)                               |
 * | 18     | N    | name, printable ASCII                                      |
 * | 18 + N | ...  | the tensor stream, exactly as v3, for this shape           |
 *
 * Readers accept both: a file that starts with the magic is soul64, anything else is read as
 * v3. Every error names the byte offset and, inside the stream, the tensor.
 *
 * @module
 */
import { E } from "../deps.ts";
import { type Location, soulError } from "../errors.ts";
import type { Result } from "../pipeline.ts";
import { tensorLayout, type TensorSpec, validateShape } from "./shape.ts";
import {
  DEFAULT_SHAPE,
  type Layer,
  type QBias,
  type QMatrix,
  type Shape,
  type Soul,
} from "./types.ts";

/** The magic tag of the soul64 format. */
export const MAGIC = "SOUL64";
/** The soul64 format version this code reads and writes. */
export const FORMAT_VERSION = 1;
/** Header bytes before the name. */
export const HEADER_SIZE = 18;
/** Longest soul name. */
export const MAX_NAME_LENGTH = 32;
const FLAG_END_RULE = 1;
const FLAG_ROUNDED_SOFTMAX = 2;
const KNOWN_FLAGS = FLAG_END_RULE | FLAG_ROUNDED_SOFTMAX;

/** A soul file format. */
export type SoulFormat = "v3" | "soul64";

const isPrintable = (name: string): boolean => /^[\x20-\x7e]*$/.test(name);

const hasMagic = (bytes: Uint8Array): boolean =>
  bytes.length >= MAGIC.length && [...MAGIC].every((c, i) => bytes[i] === c.charCodeAt(0));

/** Which format a file is in (by its first bytes). */
export const detectFormat = (bytes: Uint8Array): SoulFormat => hasMagic(bytes) ? "soul64" : "v3";

type Tensor = QMatrix | QBias;

/** Read the tensor stream from `start`; returns the tensors in layout order. */
const readTensors = (
  bytes: Uint8Array,
  start: number,
  shape: Shape,
  file?: string,
): Result<Tensor[]> => {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const err = (message: string, where: Location) =>
    E.left(soulError("soul", message, { file, ...where }));
  const out: Tensor[] = [];
  let o = start;
  for (const spec of tensorLayout(shape)) {
    const field = `tensor ${spec.name}`;
    if (o + 6 > bytes.length) {
      return err(
        `truncated: the file ends (${bytes.length} bytes) before this tensor's 6-byte header`,
        { offset: o, field },
      );
    }
    const kind = view.getUint8(o), rows = view.getUint16(o + 1, true);
    const cols = view.getUint16(o + 3, true), shift = view.getInt8(o + 5);
    if (kind !== spec.kind) {
      const name = (k: number) =>
        k === 0 ? "0 (int8 weights)" : k === 1 ? "1 (int16 biases)" : `${k}`;
      return err(`expected kind ${name(spec.kind)}, got kind ${name(kind)}`, { offset: o, field });
    }
    if (rows !== spec.rows || cols !== spec.cols) {
      return err(`expected shape ${spec.rows}×${spec.cols}, got ${rows}×${cols}`, {
        offset: o + 1,
        field,
      });
    }
    const count = rows * cols, size = count * (kind === 0 ? 1 : 2), data = o + 6;
    if (data + size > bytes.length) {
      return err(
        `truncated: its data needs ${size} bytes but only ${bytes.length - data} remain`,
        { offset: data, field },
      );
    }
    if (kind === 0) {
      out.push({ rows, cols, shift, data: new Int8Array(bytes.slice(data, data + size).buffer) });
    } else {
      const b = new Int16Array(count);
      for (let i = 0; i < count; i++) b[i] = view.getInt16(data + 2 * i, true);
      out.push({ rows, shift, data: b });
    }
    o = data + size;
  }
  if (o !== bytes.length) {
    return err(
      `oversized: ${bytes.length - o} unexpected bytes after the last tensor (out)`,
      { offset: o },
    );
  }
  return E.right(out);
};

/** What a header says besides the tensors. */
interface Header {
  readonly shape: Shape;
  readonly argmax: Soul["argmax"];
  readonly softmax: Soul["softmax"];
  readonly name: string;
}

/** What a v3 file implies: the default shape and the original's rules, no name. */
const V3_HEADER: Header = { shape: DEFAULT_SHAPE, argmax: "legacy", softmax: "legacy", name: "" };

/** Assemble the tensor list into a Soul. */
const buildSoul = ({ shape, argmax, softmax, name }: Header, t: Tensor[]): Soul => {
  let i = 2;
  const layers: Layer[] = [];
  for (let l = 0; l < shape.layers; l++) {
    const [n1, q, k, v, proj, n2, fc1, fc1Bias, fc2, fc2Bias] = t.slice(i, i + 10);
    i += 10;
    layers.push({
      n1: n1 as QMatrix,
      q: q as QMatrix,
      k: k as QMatrix,
      v: v as QMatrix,
      proj: proj as QMatrix,
      n2: n2 as QMatrix,
      fc1: fc1 as QMatrix,
      fc1Bias: fc1Bias as QBias,
      fc2: fc2 as QMatrix,
      fc2Bias: fc2Bias as QBias,
    });
  }
  return {
    shape,
    argmax,
    softmax,
    name,
    te: t[0] as QMatrix,
    pe: t[1] as QMatrix,
    layers,
    norm: t[i] as QMatrix,
    out: t[i + 1] as QMatrix,
  };
};

/** Read the soul64 header; returns the shape, rules, name and where the tensors start. */
const readHeader = (
  bytes: Uint8Array,
  file?: string,
): Result<Header & { readonly start: number }> => {
  const err = (message: string, offset: number, field?: string) =>
    E.left(soulError("soul", message, { file, offset, field }));
  if (bytes.length < HEADER_SIZE) {
    return err(
      `truncated: the ${HEADER_SIZE}-byte header is cut off at ${bytes.length} bytes`,
      bytes.length,
      "header",
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = bytes[6];
  if (version !== FORMAT_VERSION) {
    return err(
      `unsupported version ${version} (this reader knows version ${FORMAT_VERSION})`,
      6,
      "version",
    );
  }
  const flags = bytes[7];
  if ((flags & ~KNOWN_FLAGS) !== 0) {
    return err(
      `unknown flag bits 0x${(flags & ~KNOWN_FLAGS).toString(16)} (only bits 0 and 1 are defined)`,
      7,
      "flags",
    );
  }
  const shape: Shape = {
    vocab: view.getUint16(8, true),
    embed: bytes[10],
    heads: bytes[11],
    headDim: bytes[12],
    ffn: view.getUint16(13, true),
    layers: bytes[15],
    context: bytes[16],
  };
  const checked = validateShape(shape, file);
  if (E.isLeft(checked)) return E.left({ ...checked.left, offset: 8 });
  const n = bytes[17];
  if (n > MAX_NAME_LENGTH) return err(`name length ${n} exceeds ${MAX_NAME_LENGTH}`, 17, "name");
  if (HEADER_SIZE + n > bytes.length) {
    return err("truncated: the name is cut off", bytes.length, "name");
  }
  const name = String.fromCharCode(...bytes.subarray(HEADER_SIZE, HEADER_SIZE + n));
  if (!isPrintable(name)) return err("the name must be printable ASCII", HEADER_SIZE, "name");
  return E.right({
    shape,
    argmax: flags & FLAG_END_RULE ? "end" : "legacy",
    softmax: flags & FLAG_ROUNDED_SOFTMAX ? "rounded" : "legacy",
    name,
    start: HEADER_SIZE + n,
  });
};

/**
 * Read a soul file of either format. `file` is used in error messages.
 * Errors name the tensor and byte offset for truncated, oversized, wrong-kind or wrong-shape data.
 */
export const readSoul = (bytes: Uint8Array, file?: string): Result<Soul> => {
  if (bytes.length === 0) return E.left(soulError("soul", "empty file", { file, offset: 0 }));
  if (hasMagic(bytes)) {
    const header = readHeader(bytes, file);
    if (E.isLeft(header)) return header;
    const tensors = readTensors(bytes, header.right.start, header.right.shape, file);
    return E.isLeft(tensors) ? tensors : E.right(buildSoul(header.right, tensors.right));
  }
  if (bytes[0] > 1) {
    return E.left(
      soulError(
        "soul",
        `not a soul file: expected the magic "${MAGIC}" or a v3 tensor header (kind 0 or 1), got byte 0x${
          bytes[0].toString(16).padStart(2, "0")
        }`,
        { file, offset: 0 },
      ),
    );
  }
  const tensors = readTensors(bytes, 0, DEFAULT_SHAPE, file);
  return E.isLeft(tensors) ? tensors : E.right(buildSoul(V3_HEADER, tensors.right));
};

/** The tensors of a soul in file order, paired with their specs. */
export const soulTensors = (soul: Soul): readonly (readonly [TensorSpec, Tensor])[] => {
  const list: Tensor[] = [soul.te, soul.pe];
  for (const l of soul.layers) {
    list.push(l.n1, l.q, l.k, l.v, l.proj, l.n2, l.fc1, l.fc1Bias, l.fc2, l.fc2Bias);
  }
  list.push(soul.norm, soul.out);
  return tensorLayout(soul.shape).map((spec, i) => [spec, list[i]] as const);
};

/** Check that every tensor matches the shape (so a hand-built Soul cannot write a bad file). */
export const validateSoul = (soul: Soul): Result<Soul> => {
  const shape = validateShape(soul.shape);
  if (E.isLeft(shape)) return shape;
  if (soul.layers.length !== soul.shape.layers) {
    return E.left(
      soulError("soul", `expected ${soul.shape.layers} layers, got ${soul.layers.length}`, {
        field: "layers",
      }),
    );
  }
  for (const [spec, t] of soulTensors(soul)) {
    const cols = "cols" in t ? t.cols : 1;
    const isBias = t.data instanceof Int16Array;
    if (
      (spec.kind === 1) !== isBias || t.rows !== spec.rows || cols !== spec.cols ||
      t.data.length !== spec.rows * spec.cols
    ) {
      return E.left(
        soulError(
          "soul",
          `expected ${spec.kind === 0 ? "int8" : "int16"} ${spec.rows}×${spec.cols}`,
          { field: `tensor ${spec.name}` },
        ),
      );
    }
    if (!Number.isInteger(t.shift) || t.shift < -128 || t.shift > 127) {
      return E.left(
        soulError("soul", `shift ${t.shift} does not fit an int8`, {
          field: `tensor ${spec.name}`,
        }),
      );
    }
  }
  if (!isPrintable(soul.name) || soul.name.length > MAX_NAME_LENGTH) {
    return E.left(
      soulError("soul", `the name must be at most ${MAX_NAME_LENGTH} printable ASCII characters`, {
        field: "name",
      }),
    );
  }
  return E.right(soul);
};

const sameShape = (a: Shape, b: Shape): boolean =>
  (Object.keys(a) as (keyof Shape)[]).every((k) => a[k] === b[k]);

/**
 * Write a soul. "soul64" keeps everything; "v3" is the original's headerless layout, which
 * only the default shape fits and which has no place for the name or the rules (a v3 reader
 * always uses the legacy argmax and softmax rules).
 */
export const writeSoul = (soul: Soul, format: SoulFormat): Result<Uint8Array> => {
  const valid = validateSoul(soul);
  if (E.isLeft(valid)) return valid;
  if (format === "v3" && !sameShape(soul.shape, DEFAULT_SHAPE)) {
    return E.left(
      soulError(
        "soul",
        "the v3 format only holds the default shape (VS 128, ED 32, NH 4, HD 8, FF 64, NL 2, SL 20)",
        { field: "shape" },
      ),
    );
  }
  const tensors = soulTensors(soul);
  const header = format === "soul64" ? HEADER_SIZE + soul.name.length : 0;
  const size = tensors.reduce(
    (n, [spec]) => n + 6 + spec.rows * spec.cols * (spec.kind === 0 ? 1 : 2),
    header,
  );
  const bytes = new Uint8Array(size);
  const view = new DataView(bytes.buffer);
  if (format === "soul64") {
    for (let i = 0; i < MAGIC.length; i++) bytes[i] = MAGIC.charCodeAt(i);
    const s = soul.shape;
    bytes[6] = FORMAT_VERSION;
    bytes[7] = (soul.argmax === "end" ? FLAG_END_RULE : 0) |
      (soul.softmax === "rounded" ? FLAG_ROUNDED_SOFTMAX : 0);
    view.setUint16(8, s.vocab, true);
    bytes[10] = s.embed;
    bytes[11] = s.heads;
    bytes[12] = s.headDim;
    view.setUint16(13, s.ffn, true);
    bytes[15] = s.layers;
    bytes[16] = s.context;
    bytes[17] = soul.name.length;
    for (let i = 0; i < soul.name.length; i++) bytes[HEADER_SIZE + i] = soul.name.charCodeAt(i);
  }
  let o = header;
  for (const [spec, t] of tensors) {
    view.setUint8(o, spec.kind);
    view.setUint16(o + 1, spec.rows, true);
    view.setUint16(o + 3, spec.cols, true);
    view.setInt8(o + 5, t.shift);
    o += 6;
    if (spec.kind === 0) {
      bytes.set(new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.length), o);
      o += t.data.length;
    } else {
      for (const v of t.data) {
        view.setInt16(o, v, true);
        o += 2;
      }
    }
  }
  return E.right(bytes);
};
