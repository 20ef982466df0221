/**
 * The gradient worker's entry point (started by `createWorkerEngine`, never imported): it
 * builds a shard runner over the shared parameter vector and answers "run" messages by
 * writing each shard's gradient into its shared slot.
 *
 * This file's only top-level effect is installing the message handler, as a worker must.
 *
 * @module
 */
import {
  createShardRunner,
  type ShardRunner,
  type WorkerReply,
  type WorkerRequest,
} from "./engine.ts";

interface WorkerScope {
  onmessage: ((e: MessageEvent<WorkerRequest>) => void) | null;
  postMessage(message: WorkerReply): void;
}

const scope = self as unknown as WorkerScope;
let state:
  | { run: ShardRunner; slots: Float64Array; size: number; done: Int32Array; index: number }
  | null = null;

scope.onmessage = (e) => {
  const msg = e.data;
  try {
    if (msg.type === "init") {
      const weights = new Float64Array(msg.params);
      state = {
        run: createShardRunner(msg.options, weights),
        slots: new Float64Array(msg.slots),
        size: weights.length,
        done: new Int32Array(msg.sync),
        index: msg.index,
      };
      scope.postMessage({ type: "ready" });
      return;
    }
    const st = state;
    if (st === null) throw new Error("not initialized");
    const stats = msg.jobs.map((j) =>
      st.run(j, msg.lossScale, st.slots.subarray(j.shard * st.size, (j.shard + 1) * st.size))
    );
    Atomics.add(st.done, st.index, 1); // publishes the slot writes to the main thread
    scope.postMessage({ type: "done", id: msg.id, stats });
  } catch (err) {
    scope.postMessage({ type: "error", message: String((err as Error)?.stack ?? err) });
  }
};
