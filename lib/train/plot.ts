/**
 * The training plot: loss and held-out accuracy over steps, as a self-contained SVG.
 *
 * Left axis: the training loss (each step faint, a moving average bold). Right axis: the
 * held-out teacher-forced accuracy of the int8 soul (and of the float model, dashed) at each
 * evaluation, 0-100%. The best evaluation is marked.
 *
 * @module
 */
import type { EvalRecord } from "./checkpoint.ts";

const W = 820, H = 440;
const M = { left: 64, right: 64, top: 40, bottom: 76 };
const PW = W - M.left - M.right, PH = H - M.top - M.bottom;

/** Round numbers for axis ticks: about `count` ticks from 0 to at least `max`. */
export const niceTicks = (max: number, count = 5): number[] => {
  if (!(max > 0)) return [0, 1];
  const raw = max / count, mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((k) => k * mag).find((s) => s >= raw) ?? 10 * mag;
  const ticks: number[] = [];
  for (let v = 0; v <= max + step * 1e-9; v += step) ticks.push(Number(v.toPrecision(12)));
  if (ticks[ticks.length - 1] < max) ticks.push(Number((ticks.length * step).toPrecision(12)));
  return ticks;
};

const esc = (s: string): string =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

const fmt = (v: number): string => Number(v.toFixed(2)).toString();

/** A moving average over `window` values (centered where possible). */
const smooth = (values: readonly number[], window: number): number[] => {
  const out: number[] = [];
  let sum = 0;
  const q: number[] = [];
  for (const v of values) {
    q.push(v);
    sum += v;
    if (q.length > window) sum -= q.shift()!;
    out.push(sum / q.length);
  }
  return out;
};

/** The SVG document for a run's per-step losses and its evaluations. */
export const trainingPlot = (
  losses: readonly number[],
  evals: readonly EvalRecord[],
  title = "soul64 training",
): string => {
  const steps = Math.max(1, losses.length, ...evals.map((e) => e.step));
  const finite = losses.filter(Number.isFinite);
  const xTicks = niceTicks(steps, 8);
  const xMax = xTicks[xTicks.length - 1];
  const lossTicks = niceTicks(finite.length > 0 ? Math.max(...finite) : 1, 5);
  const lossMax = lossTicks[lossTicks.length - 1];
  const x = (step: number) => M.left + (step / xMax) * PW;
  const yLoss = (v: number) => M.top + PH - (v / lossMax) * PH;
  const yAcc = (v: number) => M.top + PH - v * PH;
  const path = (pts: readonly [number, number][]) =>
    pts.map(([a, b], i) => `${i === 0 ? "M" : "L"}${a.toFixed(1)},${b.toFixed(1)}`).join("");
  // At most ~800 points per line: thin out long runs.
  const stride = Math.max(1, Math.ceil(losses.length / 800));
  const raw: [number, number][] = [], avg: [number, number][] = [];
  const averaged = smooth(losses, Math.max(5, Math.round(losses.length / 50)));
  for (let i = 0; i < losses.length; i += stride) {
    if (!Number.isFinite(losses[i])) continue;
    raw.push([x(i + 1), yLoss(losses[i])]);
    avg.push([x(i + 1), yLoss(averaged[i])]);
  }
  const int8 = evals.map((e) => [x(e.step), yAcc(e.int8Accuracy)] as [number, number]);
  const float = evals.map((e) => [x(e.step), yAcc(e.floatAccuracy)] as [number, number]);
  const best = evals.reduce<EvalRecord | null>(
    (b, e) => (b === null || e.int8Accuracy > b.int8Accuracy ? e : b),
    null,
  );
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<text x="${W / 2}" y="22" text-anchor="middle" font-size="15" font-weight="bold">${
      esc(title)
    }</text>`,
  );
  // Grid and axes.
  for (const t of xTicks) {
    out.push(
      `<line x1="${x(t)}" y1="${M.top}" x2="${x(t)}" y2="${M.top + PH}" stroke="#eee"/>`,
      `<text x="${x(t)}" y="${M.top + PH + 16}" text-anchor="middle">${t}</text>`,
    );
  }
  for (const t of lossTicks) {
    out.push(
      `<line x1="${M.left}" y1="${yLoss(t)}" x2="${M.left + PW}" y2="${yLoss(t)}" stroke="#eee"/>`,
      `<text x="${M.left - 6}" y="${yLoss(t) + 4}" text-anchor="end" fill="#1f5fa8">${
        fmt(t)
      }</text>`,
    );
  }
  for (let k = 0; k <= 5; k++) {
    out.push(
      `<text x="${M.left + PW + 6}" y="${yAcc(k / 5) + 4}" fill="#c0392b">${k * 20}%</text>`,
    );
  }
  out.push(
    `<rect x="${M.left}" y="${M.top}" width="${PW}" height="${PH}" fill="none" stroke="#444"/>`,
    `<text x="${M.left + PW / 2}" y="${M.top + PH + 34}" text-anchor="middle">step</text>`,
    `<text transform="translate(16 ${
      M.top + PH / 2
    }) rotate(-90)" text-anchor="middle" fill="#1f5fa8">training loss (cross-entropy, label-smoothed)</text>`,
    `<text transform="translate(${W - 14} ${
      M.top + PH / 2
    }) rotate(90)" text-anchor="middle" fill="#c0392b">held-out accuracy (teacher-forced)</text>`,
  );
  // Lines.
  if (raw.length > 1) {
    out.push(
      `<path d="${
        path(raw)
      }" fill="none" stroke="#1f5fa8" stroke-opacity="0.25" stroke-width="1"/>`,
      `<path d="${path(avg)}" fill="none" stroke="#1f5fa8" stroke-width="2"/>`,
    );
  }
  if (float.length > 0) {
    out.push(
      `<path d="${
        path(float)
      }" fill="none" stroke="#e67e22" stroke-width="1.5" stroke-dasharray="5,4"/>`,
    );
  }
  if (int8.length > 0) {
    out.push(`<path d="${path(int8)}" fill="none" stroke="#c0392b" stroke-width="2"/>`);
    for (const [a, b] of int8) out.push(`<circle cx="${a}" cy="${b}" r="3" fill="#c0392b"/>`);
  }
  if (best !== null) {
    const bx = x(best.step), by = yAcc(best.int8Accuracy);
    const right = bx > M.left + PW / 2;
    out.push(
      `<circle cx="${bx}" cy="${by}" r="6" fill="none" stroke="#c0392b" stroke-width="2"/>`,
      `<text x="${right ? bx - 8 : bx + 8}" y="${by + 20}" text-anchor="${
        right ? "end" : "start"
      }" fill="#c0392b">best ${(100 * best.int8Accuracy).toFixed(1)}% at step ${best.step}</text>`,
    );
  }
  // Legend, in a row under the axis label.
  const legend: [string, string, string][] = [
    ["#1f5fa8", "", "training loss (moving average; each step faint)"],
    ["#c0392b", "", "int8 accuracy (integer engine)"],
    ["#e67e22", "5,4", "float accuracy"],
  ];
  let lx = M.left;
  const ly = H - 14;
  for (const [color, dash, label] of legend) {
    out.push(
      `<line x1="${lx}" y1="${ly - 4}" x2="${lx + 22}" y2="${
        ly - 4
      }" stroke="${color}" stroke-width="2"${dash ? ` stroke-dasharray="${dash}"` : ""}/>`,
      `<text x="${lx + 28}" y="${ly}">${label}</text>`,
    );
    lx += 28 + label.length * 6.4 + 24;
  }
  out.push("</svg>");
  return out.join("\n") + "\n";
};
