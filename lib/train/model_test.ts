import { assert, assertEquals, assertRight } from "../std/assert.ts";
import { forward } from "../forward/mod.ts";
import { DEFAULT_SHAPE, parameterCount } from "../soul/types.ts";
import { writeSoul } from "../soul/mod.ts";
import {
  buildGraph,
  exportSoul,
  graphGenerate,
  graphLogits,
  inferenceGraph,
  initParams,
  paramCount,
  paramSlots,
  quantizeParams,
} from "./model.ts";
import { fillBatch } from "./batch.ts";
import { createRng } from "./rng.ts";

const randomContext = (seed: number, length: number): number[] => {
  const rng = createRng(seed);
  return [1, ...Array.from({ length: length - 1 }, () => 3 + rng.int(125))];
};

/** Parameters with some spread (biases and gains away from their initial values). */
const variedParams = (seed: number): Float64Array => {
  const p = initParams(DEFAULT_SHAPE, seed);
  const rng = createRng(seed + 1);
  for (let i = 0; i < p.length; i++) p[i] += 0.05 * rng.normal();
  return p;
};

Deno.test("the parameter vector holds exactly the soul's weights and biases", () => {
  assertEquals(paramCount(DEFAULT_SHAPE), parameterCount(DEFAULT_SHAPE));
});

Deno.test("exact mode computes the integer engine's logits, bit for bit, for either softmax", () => {
  for (const [seed, softmax] of [[1, "rounded"], [2, "legacy"], [3, "rounded"]] as const) {
    const params = variedParams(seed);
    const soul = assertRight(exportSoul(DEFAULT_SHAPE, params, "test", softmax));
    assertEquals(soul.softmax, softmax);
    const g = inferenceGraph(DEFAULT_SHAPE, params, true, softmax);
    for (const len of [1, 2, 7, 20]) {
      const ids = randomContext(seed * 100 + len, len);
      const ref = assertRight(forward(soul, ids));
      const mine = graphLogits(g, ids);
      assertEquals(
        Array.from(mine, (v) => v * 256),
        Array.from(ref),
        `seed ${seed}, ${len} tokens`,
      );
    }
  }
});

Deno.test("quantizeParams computes what the graph's fake-quantization ops compute", () => {
  const params = variedParams(17);
  const q = new Float64Array(params.length);
  quantizeParams(DEFAULT_SHAPE, params, q);
  const a = inferenceGraph(DEFAULT_SHAPE, params, true);
  const b = buildGraph(DEFAULT_SHAPE, q, new Float64Array(q.length), {
    maxRows: 20,
    exact: true,
    softmax: "rounded",
    smoothing: 0,
    withLoss: false,
    quantizeWeights: false,
  });
  const ids = randomContext(5, 15);
  assertEquals(Array.from(graphLogits(b, ids)), Array.from(graphLogits(a, ids)));
  const soul = assertRight(exportSoul(DEFAULT_SHAPE, params, "q"));
  assertEquals(
    soul.layers[0].fc1Bias.data[3] / 2 ** (8 + soul.layers[0].fc1.shift),
    q[
      paramSlots(DEFAULT_SHAPE).find((s) => s.name === "layer0.fc1_b")!.offset + 3
    ],
  );
});

Deno.test("the exported soul is a valid soul64 file of the default size plus header", () => {
  const soul = assertRight(exportSoul(DEFAULT_SHAPE, initParams(DEFAULT_SHAPE, 5), "tiny"));
  const bytes = assertRight(writeSoul(soul, "v3"));
  assertEquals(bytes.length, 25904);
  assertEquals(soul.argmax, "end");
});

Deno.test("float (smooth) and exact logits are close for the same weights", () => {
  const params = variedParams(9);
  const exact = inferenceGraph(DEFAULT_SHAPE, params, true);
  const smooth = inferenceGraph(DEFAULT_SHAPE, params, false);
  const ids = randomContext(4, 12);
  const a = graphLogits(exact, ids).slice(), b = graphLogits(smooth, ids);
  let maxDiff = 0, maxAbs = 0;
  for (let i = 0; i < a.length; i++) {
    maxDiff = Math.max(maxDiff, Math.abs(a[i] - b[i]));
    maxAbs = Math.max(maxAbs, Math.abs(b[i]));
  }
  assert(maxDiff < 0.1 * maxAbs, `max difference ${maxDiff} vs logits up to ${maxAbs}`);
});

Deno.test("a batch graph's rows give the same logits as one context at a time", () => {
  const params = variedParams(11);
  const grads = new Float64Array(params.length);
  const g = buildGraph(DEFAULT_SHAPE, params, grads, {
    maxRows: 64,
    exact: true,
    softmax: "rounded",
    smoothing: 0,
    withLoss: true,
  });
  const a = [1, 20, 30, 1, 40, 50, 3], b = [1, 9, 1, 60, 3];
  fillBatch(g.batch, [{ ids: a, replyStart: 4 }, { ids: b, replyStart: 3 }], 1);
  g.tape.forward();
  const batched = g.logits.data.slice(0, 5 * 128);
  const single = inferenceGraph(DEFAULT_SHAPE, params, true);
  const rows = [[a, 3], [a, 4], [a, 5], [b, 2], [b, 3]] as const;
  rows.forEach(([ids, t], i) => {
    const ref = graphLogits(single, ids.slice(0, t + 1));
    assertEquals(Array.from(batched.subarray(i * 128, (i + 1) * 128)), Array.from(ref));
  });
});

Deno.test("graphGenerate follows the engine's loop: stops at END or a full context", () => {
  const params = variedParams(13);
  const g = inferenceGraph(DEFAULT_SHAPE, params, true);
  const r = graphGenerate(g, [1, 40, 1]);
  if (r.stop === "context") assertEquals(r.ids.length, DEFAULT_SHAPE.context - 3);
  else assert(r.ids.length <= DEFAULT_SHAPE.context - 3);
});
