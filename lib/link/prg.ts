/**
 * PRG files and the one-line BASIC stub that starts a machine-code program with RUN.
 *
 * A PRG is a 2-byte little-endian load address followed by the bytes to load there. A BASIC
 * program is loaded at $0801 as a chain of tokenized lines:
 *
 * ```
 * +0  link     2 bytes: address of the next line (little-endian)
 * +2  number   2 bytes: the line number
 * +4  text     tokens and PETSCII characters (SYS is the token $9E, REM $8F, ":" is $3A)
 * ..  $00      end of the line
 * ```
 *
 * and a link of $0000 where the next line would start ends the program. The stub is
 * `10 SYS2061` (12 bytes from $0801, so the machine code right after it starts at $080D =
 * 2061); `codeStart` gives that address for any options.
 *
 * @module
 */
import { E, fail, ok, type Result } from "../pipeline.ts";

/** Where the C64 loads BASIC programs. */
export const BASIC_START = 0x0801;
/** The BASIC token of SYS. */
export const SYS_TOKEN = 0x9e;
/** The BASIC token of REM. */
export const REM_TOKEN = 0x8f;

/** How the stub's line looks when listed. */
export interface StubOptions {
  /** The line number, 0-63999 (default 10). */
  readonly lineNumber?: number;
  /**
   * A space between SYS and the address, listing as `10 SYS 2061` (default false: `10
   * SYS2061`, one byte shorter). BASIC skips spaces, so both run the same.
   */
  readonly space?: boolean;
  /**
   * Text shown after the address as `:REM text`, e.g. `10 SYS2061:REM SOUL64`. At most 64
   * characters from ASCII space to "]"; letters of either case become the PETSCII capitals.
   */
  readonly comment?: string;
}

const MAX_COMMENT = 64;

const hex4 = (n: number) => `$${n.toString(16).toUpperCase().padStart(4, "0")}`;

/** The comment's bytes: ":", REM, a space, the text in PETSCII. Throws on a bad character. */
const commentBytes = (comment: string | undefined): number[] => {
  if (comment === undefined) return [];
  const chars = Array.from(comment);
  if (chars.length > MAX_COMMENT) {
    throw new RangeError(
      `a stub comment is at most ${MAX_COMMENT} characters, got ${chars.length}`,
    );
  }
  return [
    0x3a,
    REM_TOKEN,
    0x20,
    ...chars.map((ch, i) => {
      const c = ch.codePointAt(0)!;
      if (c >= 0x61 && c <= 0x7a) return c - 0x20;
      if (c >= 0x20 && c <= 0x5d && ch !== "\\") return c;
      throw new RangeError(
        `stub comment character ${i + 1} (${JSON.stringify(ch)}) has no plain PETSCII equivalent`,
      );
    }),
  ];
};

/**
 * The tokenized BASIC line `10 SYS<sysAddress>` for a program loaded at $0801, with its link
 * pointer and the $00 $00 that ends the program (no load address: see `makePrg`).
 *
 * @throws RangeError for an address outside 0-65535, a line number outside 0-63999, or a bad
 * comment (programming errors, not user input).
 */
export const basicStub = (sysAddress: number, opts: StubOptions = {}): Uint8Array => {
  const lineNumber = opts.lineNumber ?? 10;
  if (!Number.isInteger(sysAddress) || sysAddress < 0 || sysAddress > 0xffff) {
    throw new RangeError(`a SYS address is 0-65535, got ${sysAddress}`);
  }
  if (!Number.isInteger(lineNumber) || lineNumber < 0 || lineNumber > 63999) {
    throw new RangeError(`a BASIC line number is 0-63999, got ${lineNumber}`);
  }
  const text = [
    SYS_TOKEN,
    ...(opts.space ? [0x20] : []),
    ...Array.from(String(sysAddress), (d) => d.charCodeAt(0)),
    ...commentBytes(opts.comment),
  ];
  const next = BASIC_START + 4 + text.length + 1;
  return new Uint8Array([
    next & 0xff,
    next >> 8,
    lineNumber & 0xff,
    lineNumber >> 8,
    ...text,
    0x00,
    0x00,
    0x00,
  ]);
};

/** Bytes `basicStub(sysAddress, opts)` takes; the first free address after it is $0801 + this. */
export const stubLength = (sysAddress: number, opts: StubOptions = {}): number =>
  basicStub(sysAddress, opts).length;

/**
 * The address right after a stub that SYSes to that same address: where the machine code
 * goes so that `basicStub(codeStart(opts), opts)` followed by the code runs it. $080D (2061)
 * with the default options.
 */
export const codeStart = (opts: StubOptions = {}): number => {
  const base = BASIC_START + stubLength(0, opts) - 1; // the stub without its digits
  let address = base + 1;
  while (String(address).length !== address - base) address++;
  return address;
};

/**
 * A PRG file: the load address (little-endian) and the bytes.
 *
 * @throws RangeError when the load address is outside $0000-$FFFF or the bytes would run past
 * $FFFF.
 */
export const makePrg = (loadAddress: number, bytes: Uint8Array): Uint8Array => {
  if (!Number.isInteger(loadAddress) || loadAddress < 0 || loadAddress > 0xffff) {
    throw new RangeError(`a load address is $0000-$FFFF, got ${loadAddress}`);
  }
  if (loadAddress + bytes.length > 0x10000) {
    throw new RangeError(
      `${bytes.length} bytes loaded at ${hex4(loadAddress)} run past $FFFF: at most ` +
        `${0x10000 - loadAddress} fit`,
    );
  }
  const out = new Uint8Array(bytes.length + 2);
  out[0] = loadAddress & 0xff;
  out[1] = loadAddress >> 8;
  out.set(bytes, 2);
  return out;
};

/** A PRG's load address and data (a copy). Fails (kind "link") on < 2 bytes or a wrap past $FFFF. */
export const parsePrg = (
  bytes: Uint8Array,
): Result<{ readonly loadAddress: number; readonly data: Uint8Array }> => {
  if (bytes.length < 2) {
    return fail(
      "link",
      `a PRG starts with a 2-byte load address, but it has only ${bytes.length} ` +
        `byte${bytes.length === 1 ? "" : "s"}`,
    );
  }
  const loadAddress = bytes[0] | (bytes[1] << 8);
  const length = bytes.length - 2;
  if (loadAddress + length > 0x10000) {
    return fail(
      "link",
      `${length} bytes loaded at ${hex4(loadAddress)} run past $FFFF: at most ` +
        `${0x10000 - loadAddress} fit, ${loadAddress + length - 0x10000} too many`,
    );
  }
  return ok({ loadAddress, data: bytes.slice(2) });
};

/**
 * The address of the first SYS in a BASIC program loaded at $0801 (a stub or any program
 * whose SYS takes a plain decimal number). Lines are walked as BASIC relinks them after LOAD:
 * a line whose link has a zero high byte ends the program, and each line ends at its $00.
 * SYS inside quotes or after REM is text, not a statement. Fails (kind "link") naming the
 * byte offset in the PRG file.
 */
export const findSysAddress = (prgBytes: Uint8Array): Result<number> => {
  const prg = parsePrg(prgBytes);
  if (E.isLeft(prg)) return prg;
  const { loadAddress, data } = prg.right;
  if (loadAddress !== BASIC_START) {
    return fail(
      "link",
      `a BASIC program loads at ${hex4(BASIC_START)}, this one at ${hex4(loadAddress)}`,
      { offset: 0 },
    );
  }
  const at = (pos: number) => ({ offset: pos + 2 });
  let pos = 0;
  for (;;) {
    if (pos + 2 > data.length) {
      return fail("link", "the program ends without the $00 $00 that closes it", at(pos));
    }
    if (data[pos + 1] === 0) return fail("link", "no SYS statement in the BASIC program", at(pos));
    if (pos + 4 > data.length) {
      return fail("link", "the program ends inside a line header", at(pos));
    }
    const line = data[pos + 2] | (data[pos + 3] << 8);
    const end = data.indexOf(0, pos + 4);
    if (end < 0) return fail("link", `line ${line} has no $00 at its end`, at(pos));
    let quoted = false;
    for (let p = pos + 4; p < end; p++) {
      if (data[p] === 0x22) quoted = !quoted;
      if (quoted) continue;
      if (data[p] === REM_TOKEN) break;
      if (data[p] !== SYS_TOKEN) continue;
      const sysAt = p;
      let value = -1;
      for (p++; p < end && (data[p] === 0x20 || (data[p] >= 0x30 && data[p] <= 0x39)); p++) {
        if (data[p] !== 0x20) value = Math.max(value, 0) * 10 + data[p] - 0x30;
        if (value > 0xffff) {
          return fail("link", `line ${line}: the SYS address is above 65535`, at(sysAt));
        }
      }
      if (value < 0) {
        return fail("link", `line ${line}: SYS is not followed by a decimal address`, at(sysAt));
      }
      return ok(value);
    }
    pos = end + 1;
  }
};
