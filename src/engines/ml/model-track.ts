import { confidence } from '../../signals/ml/confidence.ts';
import type { ClassificationMetrics, RegressionMetrics } from '../../signals/ml/metrics.ts';
import type { Task } from '../../signals/ml/online-model.ts';
import type { Pipeline } from '../../signals/ml/pipeline.ts';
import { RollingWindow } from '../../signals/ml/rolling-window.ts';

export interface Prediction {
  prediction: number;
  confidence: number;
}

export interface Batch {
  xs: Float64Array[];
  ys: number[];
}

/**
 * One model on one symbol, walk-forward: a prediction made on the latest features waits for the
 * next bar close, which labels it with the return from the close it was made after (classification:
 * 1 when that return is > 0, else 0). The labelled pair is scored before anything learns from it,
 * then queued for training. A later prediction before the same bar replaces the waiting one, so
 * exactly the prediction standing at the close is scored. A bar that ends at or before the
 * prediction's event time (features of bar T delivered before bar T itself) only moves the base to
 * its close: labelling with it would score the features on the return they were computed from.
 * ONNX tracks have no learner.
 */
export class ModelTrack {
  readonly window: RollingWindow;
  private pending: { x: Float64Array; base: number; prediction: number; atNs: bigint } | undefined;
  private queued: Batch = { xs: [], ys: [] };
  /** True while a worker thread trains a copy of the learner. */
  training = false;

  constructor(
    readonly task: Task,
    readonly features: readonly string[],
    windowSize: number,
    public learner: Pipeline | undefined,
  ) {
    this.window = new RollingWindow(windowSize);
  }

  /** Holds `prediction`, made at `atNs` on features `x` after the close `base`, for labelling. */
  hold(x: Float64Array, base: number, atNs: bigint, prediction: number): Prediction {
    this.pending = { x, base, prediction, atNs };
    return { prediction, confidence: confidence(this.task, prediction, this.window.rmse()) };
  }

  predict(x: Float64Array, base: number, atNs: bigint): Prediction {
    if (!this.learner) throw new Error('an ONNX track predicts through onnxruntime');
    return this.hold(x, base, atNs, this.learner.predict(x));
  }

  /** Labels the waiting prediction with the close of a bar ending at `endNs`; returns the queue length. */
  label(close: number, endNs: bigint): number {
    const pending = this.pending;
    if (pending && endNs <= pending.atNs) {
      pending.base = close;
      return this.queued.ys.length;
    }
    this.pending = undefined;
    if (!pending || !(pending.base > 0) || !Number.isFinite(close)) return this.queued.ys.length;
    const change = close / pending.base - 1;
    const y = this.task === 'classification' ? (change > 0 ? 1 : 0) : change;
    this.window.push(pending.prediction, y);
    if (this.learner) {
      this.queued.xs.push(pending.x);
      this.queued.ys.push(y);
    }
    return this.queued.ys.length;
  }

  /** The queued samples, leaving the queue empty. */
  take(): Batch {
    const batch = this.queued;
    this.queued = { xs: [], ys: [] };
    return batch;
  }

  metrics(): RegressionMetrics | ClassificationMetrics | undefined {
    return this.window.metrics(this.task);
  }
}
