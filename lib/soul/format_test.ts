import { E } from "../deps.ts";
import { assert, assertEquals, assertLeft, assertRight } from "../std/assert.ts";
import { bytesOf, sharedPath } from "../testing/paths.ts";
import { randomSoul } from "../vectors/souls.ts";
import {
  DEFAULT_SHAPE,
  detectFormat,
  HEADER_SIZE,
  parameterCount,
  readSoul,
  tensorLayout,
  writeSoul,
} from "./mod.ts";

const seed = () => bytesOf(sharedPath("compat/seed-soul.bin"));
const own = () => assertRight(writeSoul(randomSoul(DEFAULT_SHAPE, 7, "end", "tester"), "soul64"));

Deno.test("v3: the original's soul reads and writes back byte for byte", () => {
  const bytes = seed();
  assertEquals(bytes.length, 25904); // the size the spec gives for the default model
  const soul = assertRight(readSoul(bytes, "seed-soul.bin"));
  assertEquals(soul.shape, DEFAULT_SHAPE);
  assertEquals(soul.argmax, "legacy");
  assertEquals(soul.softmax, "legacy");
  assertEquals(soul.te.shift, bytes[5]); // te's header: kind, rows, cols, then shift at byte 5
  assertEquals(soul.te.data[0], (bytes[6] << 24) >> 24);
  assertEquals(assertRight(writeSoul(soul, "v3")), bytes);
});

Deno.test("the default shape has 25,568 parameters in 24 tensors", () => {
  assertEquals(parameterCount(DEFAULT_SHAPE), 25568);
  assertEquals(tensorLayout(DEFAULT_SHAPE).length, 24);
});

Deno.test("soul64: header, shape, name and rule survive a round trip", () => {
  const bytes = own();
  assertEquals(detectFormat(bytes), "soul64");
  assertEquals(new TextDecoder().decode(bytes.subarray(0, 6)), "SOUL64");
  assertEquals(bytes.length, 25904 + HEADER_SIZE + "tester".length);
  const soul = assertRight(readSoul(bytes));
  assertEquals(soul.argmax, "end");
  assertEquals(soul.name, "tester");
  assertEquals(assertRight(writeSoul(soul, "soul64")), bytes);
});

Deno.test("soul64: the softmax rule is flag bit 1; v3 has no place for it", () => {
  const legacy = own();
  assertEquals(legacy[7], 0b01); // argmax "end", softmax "legacy"
  assertEquals(assertRight(readSoul(legacy)).softmax, "legacy");
  const soul = randomSoul(DEFAULT_SHAPE, 7, "end", "tester", "rounded");
  const bytes = assertRight(writeSoul(soul, "soul64"));
  assertEquals(bytes[7], 0b11);
  const back = assertRight(readSoul(bytes));
  assertEquals(back.softmax, "rounded");
  assertEquals(back.argmax, "end");
  assertEquals(assertRight(writeSoul(back, "soul64")), bytes);
  // The same weights in v3 read back with the original's rules.
  const v3 = assertRight(readSoul(assertRight(writeSoul(soul, "v3"))));
  assertEquals([v3.argmax, v3.softmax], ["legacy", "legacy"]);
  assertEquals(v3.te, soul.te);
});

Deno.test("soul64: other shapes are self-described", () => {
  const shape = { vocab: 96, embed: 24, heads: 3, headDim: 8, ffn: 40, layers: 3, context: 32 };
  const soul = randomSoul(shape, 9, "legacy", "");
  const back = assertRight(readSoul(assertRight(writeSoul(soul, "soul64"))));
  assertEquals(back.shape, shape);
  assertEquals(back.layers.length, 3);
  assertLeft(writeSoul(soul, "v3"), "only holds the default shape");
});

Deno.test("truncated files: the error names the tensor and byte offset", () => {
  const bytes = seed();
  assertLeft(
    readSoul(bytes.subarray(0, 4101), "s.bin"),
    "s.bin",
    "byte offset 6",
    "tensor te",
    "truncated",
  );
  assertLeft(readSoul(bytes.subarray(0, 4105)), "byte offset 4102", "tensor pe", "truncated");
  assertLeft(readSoul(bytes.subarray(0, 25900)), "tensor out", "truncated");
  assertLeft(readSoul(new Uint8Array(0), "e.bin"), "e.bin", "empty file");
  assertLeft(readSoul(own().subarray(0, 10)), "header", "truncated");
});

Deno.test("oversized files: the error names the extra bytes and where they start", () => {
  const bytes = new Uint8Array(25910);
  bytes.set(seed());
  assertLeft(readSoul(bytes, "big.bin"), "big.bin", "byte offset 25904", "6 unexpected bytes");
});

Deno.test("wrong kind and wrong shape name the tensor", () => {
  const kind = seed().slice();
  kind[4748] = 1; // layer0.n1 is int8 (kind 0)
  assertLeft(readSoul(kind), "byte offset 4748", "tensor layer0.n1", "expected kind 0");
  const shape = seed().slice();
  shape[4103] = 21; // pe rows 20 -> 21
  assertLeft(readSoul(shape), "tensor pe", "expected shape 20×32, got 21×32");
});

Deno.test("wrong magic, version or flags", () => {
  assertLeft(readSoul(new TextEncoder().encode("hello world")), "byte offset 0", "not a soul file");
  const v = own().slice();
  v[6] = 2;
  assertLeft(readSoul(v), "byte offset 6", "unsupported version 2");
  const f = own().slice();
  f[7] = 0x81;
  assertLeft(readSoul(f), "byte offset 7", "unknown flag bits 0x80");
  f[7] = 0x04;
  assertLeft(readSoul(f), "byte offset 7", "unknown flag bits 0x4");
  const s = own().slice();
  s[11] = 3; // heads 3 × headDim 8 != 32
  assertLeft(readSoul(s), "heads × headDim");
});

Deno.test("a hand-built soul with a bad tensor is refused by the writer", () => {
  const soul = randomSoul(DEFAULT_SHAPE, 1, "end", "");
  const bad = { ...soul, te: { ...soul.te, data: new Int8Array(5) } };
  assertLeft(writeSoul(bad, "soul64"), "tensor te");
  assert(E.isRight(writeSoul(soul, "v3")));
});
