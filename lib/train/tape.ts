/**
 * The tape: reverse-mode automatic differentiation over row-major float64 tensors.
 *
 * A tensor is a matrix of `rows × cols` values with a gradient of the same size. Its storage is
 * allocated once for a largest row count (its capacity); `rows` says how many rows the current
 * minibatch uses, so the same graph serves minibatches of different sizes without allocating.
 *
 * An op records itself on the tape when it is created, running its forward pass at once (so
 * ops can be used eagerly, like ordinary functions). The tape can then be replayed: `forward()`
 * runs every op again in order on whatever the inputs now hold (new token ids, updated
 * weights), and `backward()` runs the ops' backward passes in reverse order, each adding its
 * contribution to its inputs' gradients. This is the classic Wengert list; building the graph
 * once and replaying it is what keeps a training step from allocating tensors.
 *
 * Float64 throughout: V8 computes in doubles anyway, float64 arrays avoid a conversion per load
 * and store (they measured faster than float32 here), and the integer arithmetic the model
 * mirrors is exact in float64.
 *
 * @module
 */

/** A row-major matrix with its gradient. */
export interface Tensor {
  /** A name for messages and debugging (e.g. "layer0.q"). */
  readonly name: string;
  /** Values per row. */
  readonly cols: number;
  /** Rows in use for the current pass (at most `data.length / cols`). */
  rows: number;
  /** The values, row-major. */
  readonly data: Float64Array;
  /** The gradient of each value, same layout as `data`. */
  readonly grad: Float64Array;
}

/** One recorded operation: how to compute its output and how to push gradients back. */
export interface Op {
  /** The op's kind, e.g. "fakeQuantize" (for messages and debugging). */
  readonly name: string;
  /** Compute the output tensor from the inputs. */
  forward(): void;
  /** Add the output's gradient, pushed through the op, to the inputs' gradients. */
  backward(): void;
}

/** The largest number of rows a tensor can hold. */
export const capacity = (t: Tensor): number => t.data.length / t.cols;

/** A tensor over existing storage (e.g. a slice of the flat parameter vector). */
export const tensorOver = (
  name: string,
  rows: number,
  cols: number,
  data: Float64Array,
  grad: Float64Array,
): Tensor => {
  if (data.length !== rows * cols || grad.length !== rows * cols) {
    throw new RangeError(`tensor ${name}: storage does not hold ${rows}×${cols} values`);
  }
  return { name, cols, rows, data, grad };
};

/** A fresh zero tensor with room for `rows` rows. */
export const newTensor = (name: string, rows: number, cols: number): Tensor =>
  tensorOver(
    name,
    rows,
    cols,
    new Float64Array(rows * cols),
    new Float64Array(rows * cols),
  );

/** The tape: ops in the order they were recorded, and the tensors they created. */
export interface Tape {
  /** A new intermediate tensor owned by the tape (its gradient is cleared before backward). */
  tensor(name: string, rows: number, cols: number): Tensor;
  /** Record an op: run its forward pass now and remember it for replays and backward. */
  record(op: Op): void;
  /** Replay every op's forward pass in order. */
  forward(): void;
  /**
   * Clear the intermediates' gradients, seed `d loss / d loss = 1` for a 1×1 loss tensor and
   * run every op's backward pass in reverse order. Gradients of tensors the tape did not create
   * (parameters) are added to, never cleared: the caller zeroes them between steps.
   */
  backward(loss: Tensor): void;
  /** The recorded ops (for inspection and tests). */
  readonly ops: readonly Op[];
}

/** An empty tape. */
export const createTape = (): Tape => {
  const ops: Op[] = [];
  const owned: Tensor[] = [];
  return {
    ops,
    tensor(name, rows, cols) {
      const t = newTensor(name, rows, cols);
      owned.push(t);
      return t;
    },
    record(op) {
      op.forward();
      ops.push(op);
    },
    forward() {
      for (let i = 0; i < ops.length; i++) ops[i].forward();
    },
    backward(loss) {
      for (const t of owned) t.grad.fill(0, 0, t.rows * t.cols);
      loss.grad[0] = 1;
      for (let i = ops.length - 1; i >= 0; i--) ops[i].backward();
    },
  };
};
