import { Pipeline, type PipelineState } from '../../signals/ml/pipeline.ts';
import { type LoadedOnnx, loadOnnx, type OnnxModelSpec, runOnnx } from './onnx-model.ts';

export type MlTask =
  | { op: 'train'; state: PipelineState; xs: Float64Array[]; ys: number[] }
  | { op: 'onnx'; spec: OnnxModelSpec; rows: Float32Array; n: number; k: number };

/** Sessions stay open in the thread: loading a model is far dearer than one run. */
const sessions = new Map<string, Promise<LoadedOnnx>>();

/** Piscina's entry point: one training batch, or one batch of ONNX rows. */
export default async function runTask(task: MlTask): Promise<PipelineState | Float32Array> {
  if (task.op === 'train') {
    const pipeline = Pipeline.restore(task.state);
    pipeline.learnBatch(task.xs, task.ys);
    return pipeline.state();
  }
  const key = `${task.spec.name}\u0000${task.spec.path}`;
  let session = sessions.get(key);
  if (!session) {
    session = loadOnnx(task.spec);
    sessions.set(key, session);
    session.catch(() => sessions.delete(key));
  }
  return runOnnx(await session, task.rows, task.n, task.k);
}
