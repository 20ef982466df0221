import { assert, assertEquals, assertStringIncludes } from "../std/assert.ts";
import { niceTicks, trainingPlot } from "./plot.ts";

Deno.test("axis ticks are round numbers covering the range", () => {
  assertEquals(niceTicks(4000, 8), [0, 500, 1000, 1500, 2000, 2500, 3000, 3500, 4000]);
  assertEquals(niceTicks(4.2, 5), [0, 1, 2, 3, 4, 5]);
  assertEquals(niceTicks(0), [0, 1]);
});

Deno.test("the plot is a standalone SVG with both axes, the curves and the best point", () => {
  const losses = Array.from({ length: 300 }, (_, i) => 4 * Math.exp(-i / 100) + 0.5);
  const evals = [100, 200, 300].map((step, i) => ({
    step,
    trainLoss: 1,
    int8Accuracy: [0.3, 0.5, 0.45][i],
    floatAccuracy: [0.31, 0.5, 0.46][i],
    probes: [],
  }));
  const svg = trainingPlot(losses, evals, "a <test> run");
  assert(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"'));
  assert(svg.trimEnd().endsWith("</svg>"));
  for (const text of ["step", "training loss", "held-out accuracy", "100%", "a &lt;test&gt; run"]) {
    assertStringIncludes(svg, text);
  }
  assertStringIncludes(svg, "best 50.0% at step 200");
  assertEquals((svg.match(/<path /g) ?? []).length, 4); // raw loss, average, float, int8
  // No NaN or Infinity coordinates, even with a diverged step.
  assert(!/NaN|Infinity/.test(trainingPlot([...losses, NaN], evals)));
});
