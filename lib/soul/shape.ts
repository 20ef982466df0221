/**
 * Shape validation and the tensor layout every soul file follows.
 *
 * @module
 */
import { E } from "../deps.ts";
import { soulError } from "../errors.ts";
import type { Result } from "../pipeline.ts";
import type { Shape } from "./types.ts";

/** Tensor kinds in a soul file: 0 = int8 weights, 1 = int16 LE biases. */
export type TensorKind = 0 | 1;

/** One tensor's expected place in the file. */
export interface TensorSpec {
  /** Spec name, e.g. "te", "layer0.q", "layer1.fc1_b". */
  readonly name: string;
  /** 0 = int8 weights, 1 = int16 biases. */
  readonly kind: TensorKind;
  /** Rows of the tensor. */
  readonly rows: number;
  /** Columns of the tensor (1 for vectors). */
  readonly cols: number;
}

/** The tensors of a soul, in file order (the spec's "Soul file" section). */
export const tensorLayout = (s: Shape): readonly TensorSpec[] => {
  const m = (name: string, rows: number, cols: number): TensorSpec => ({
    name,
    kind: 0,
    rows,
    cols,
  });
  const b = (name: string, rows: number): TensorSpec => ({ name, kind: 1, rows, cols: 1 });
  const out: TensorSpec[] = [m("te", s.vocab, s.embed), m("pe", s.context, s.embed)];
  for (let l = 0; l < s.layers; l++) {
    const p = `layer${l}.`;
    out.push(
      m(p + "n1", s.embed, 1),
      m(p + "q", s.embed, s.embed),
      m(p + "k", s.embed, s.embed),
      m(p + "v", s.embed, s.embed),
      m(p + "proj", s.embed, s.embed),
      m(p + "n2", s.embed, 1),
      m(p + "fc1_w", s.ffn, s.embed),
      b(p + "fc1_b", s.ffn),
      m(p + "fc2_w", s.embed, s.ffn),
      b(p + "fc2_b", s.embed),
    );
  }
  out.push(m("norm", s.embed, 1), m("out", s.vocab, s.embed));
  return out;
};

/** Limits a shape must respect (token ids are bytes on the C64; sizes fit the file fields). */
export const SHAPE_LIMITS = {
  vocab: [39, 256],
  embed: [1, 255],
  heads: [1, 64],
  headDim: [1, 255],
  ffn: [1, 1024],
  layers: [1, 16],
  context: [2, 255],
} as const satisfies Record<keyof Shape, readonly [number, number]>;

/** Check a shape: each field an integer within its limits, and heads × headDim = embed. */
export const validateShape = (s: Shape, file?: string): Result<Shape> => {
  for (const key of Object.keys(SHAPE_LIMITS) as (keyof Shape)[]) {
    const [lo, hi] = SHAPE_LIMITS[key];
    const v = s[key];
    if (!Number.isInteger(v) || v < lo || v > hi) {
      return E.left(
        soulError("shape", `expected an integer ${lo}..${hi}, got ${v}`, {
          file,
          field: `shape.${key}`,
        }),
      );
    }
  }
  if (s.heads * s.headDim !== s.embed) {
    return E.left(
      soulError(
        "shape",
        `heads × headDim must equal embed: ${s.heads} × ${s.headDim} ≠ ${s.embed}`,
        { file, field: "shape" },
      ),
    );
  }
  return E.right(s);
};
