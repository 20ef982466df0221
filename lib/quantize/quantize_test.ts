import { assertEquals, assertLeft, assertRight } from "../std/assert.ts";
import { readSoul, soulTensors } from "../soul/mod.ts";
import { bytesOf, sharedPath } from "../testing/paths.ts";
import {
  chooseShift,
  dequantizeMatrix,
  fakeQuantize,
  quantizeBias,
  quantizeMatrix,
  roundHalfEven,
} from "./mod.ts";

Deno.test("round half to even", () => {
  assertEquals([0.5, 1.5, 2.5, -0.5, -1.5, 2.4, 2.6, -2.6].map(roundHalfEven), [
    0,
    2,
    2,
    -0,
    -2,
    2,
    3,
    -3,
  ]);
});

Deno.test("shift: the largest s with round(max × 2^s) <= 127", () => {
  assertEquals(chooseShift(1), 6); // 1 × 64 = 64, 1 × 128 = 128 > 127
  assertEquals(chooseShift(0.99), 7); // 0.99 × 128 = 126.7 -> 127
  assertEquals(chooseShift(0.996), 7); // 0.996 × 128 = 127.49 -> 127
  assertEquals(chooseShift(0.9961), 6); // 0.9961 × 128 = 127.50 -> 128 > 127
  assertEquals(chooseShift(127), 0);
  assertEquals(chooseShift(200), -1);
  assertEquals(chooseShift(0), 15);
});

Deno.test("weights: q = round(w × 2^s); NaN is an error naming the tensor", () => {
  const m = assertRight(quantizeMatrix([0.5, -0.25, 0.0039, -0.0078], 2, 2, "w"));
  assertEquals(m.shift, 7); // 0.5 × 256 = 128 > 127; 0.5 × 128 = 64
  assertEquals([...m.data], [64, -32, 0, -1]);
  assertLeft(
    quantizeMatrix([1, NaN], 1, 2, "layer0.q"),
    "tensor layer0.q",
    "index 1",
    "not a finite number",
  );
  assertLeft(quantizeMatrix([1], 1, 2, "x"), "expected 1×2");
});

Deno.test("biases: round(b × 2^(8 + s_w)), saturated to int16", () => {
  const b = assertRight(quantizeBias([0.5, -1, 1000, -1000], 6, "fc1_b"));
  assertEquals([...b.data], [8192, -16384, 32767, -32768]);
  assertEquals(b.shift, 6);
});

Deno.test("fake quantization equals quantize-then-dequantize", () => {
  const values = [0.3, -0.71, 0.05, 0.9];
  const m = assertRight(quantizeMatrix(values, 1, 4, "w"));
  assertEquals([...fakeQuantize(values, m.shift)], [...dequantizeMatrix(m)]);
});

Deno.test("re-quantizing the original's weights reproduces them exactly", () => {
  const soul = assertRight(readSoul(bytesOf(sharedPath("compat/seed-soul.bin"))));
  for (const [spec, t] of soulTensors(soul)) {
    if (spec.kind !== 0 || !("cols" in t)) continue;
    const again = assertRight(quantizeMatrix(dequantizeMatrix(t), t.rows, t.cols, spec.name));
    assertEquals(again.shift, t.shift, spec.name);
    assertEquals(again.data, t.data, spec.name);
  }
});
