import { assertEquals, assertLeft, assertRight } from "../std/assert.ts";
import { type Checkpoint, decodeCheckpoint, encodeCheckpoint } from "./checkpoint.ts";

const sample = (best: boolean): Checkpoint => ({
  fingerprint: "abc123",
  step: 250,
  tokens: 123456,
  elapsedMs: 9876.5,
  params: new Float64Array([1.5, -2.25, Math.PI]),
  m: new Float64Array([0.1, 0.2, 0.3]),
  v: new Float64Array([1e-9, 2e-9, 3e-300]),
  losses: [4.5, 3.25, NaN],
  evals: [{
    step: 250,
    trainLoss: 3.5,
    int8Accuracy: 0.5,
    floatAccuracy: 0.52,
    probes: [{ prompt: "hi", float: "hello!", int8: "hello!" }],
  }],
  best: best ? { step: 250, score: 0.5, params: new Float64Array([9, 8, 7]) } : null,
});

Deno.test("a checkpoint survives encoding bit for bit (with and without best params)", () => {
  for (const best of [true, false]) {
    const c = sample(best);
    const back = assertRight(decodeCheckpoint(encodeCheckpoint(c), "x.ckpt"));
    assertEquals(back, c);
  }
});

Deno.test("damaged checkpoints are refused with the file and place named", () => {
  const bytes = encodeCheckpoint(sample(true));
  assertLeft(decodeCheckpoint(bytes.slice(0, 5), "a.ckpt"), "a.ckpt", "magic");
  assertLeft(decodeCheckpoint(bytes.slice(0, bytes.length - 8), "b.ckpt"), "b.ckpt", "expected");
  const bad = bytes.slice();
  bad[14] = "!".charCodeAt(0); // inside the JSON header
  assertLeft(decodeCheckpoint(bad, "c.ckpt"), "c.ckpt", "header");
});
