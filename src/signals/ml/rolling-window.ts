import {
  type ClassificationMetrics,
  classificationMetrics,
  type RegressionMetrics,
  regressionMetrics,
} from './metrics.ts';
import type { Task } from './online-model.ts';

/**
 * The last `size` (prediction, outcome) pairs of a walk-forward run. Metrics are computed from the
 * buffer when asked (O(size)), so they equal the batch formulas exactly; only the squared error
 * the confidence needs is kept as a running sum, re-summed once per lap to shed rounding drift.
 */
export class RollingWindow {
  private readonly predictions: Float64Array;
  private readonly outcomes: Float64Array;
  private next = 0;
  private filled = 0;
  private sse = 0;
  /** Pairs seen over the window's life. */
  total = 0;

  constructor(readonly size: number) {
    if (!(Number.isInteger(size) && size > 0)) throw new RangeError(`window size must be a positive integer`);
    this.predictions = new Float64Array(size);
    this.outcomes = new Float64Array(size);
  }

  push(prediction: number, outcome: number): void {
    if (this.filled === this.size)
      this.sse -= (this.predictions[this.next]! - this.outcomes[this.next]!) ** 2;
    this.predictions[this.next] = prediction;
    this.outcomes[this.next] = outcome;
    this.sse += (prediction - outcome) ** 2;
    this.next = (this.next + 1) % this.size;
    if (this.filled < this.size) this.filled++;
    this.total++;
    if (this.next === 0) this.sse = this.resum();
  }

  get count(): number {
    return this.filled;
  }

  /** Root mean squared error over the window (NaN when empty). */
  rmse(): number {
    return Math.sqrt(Math.max(0, this.sse) / this.filled);
  }

  /** The pairs, oldest first. */
  pairs(): { predictions: Float64Array; outcomes: Float64Array } {
    const start = this.filled === this.size ? this.next : 0;
    const predictions = new Float64Array(this.filled);
    const outcomes = new Float64Array(this.filled);
    for (let i = 0; i < this.filled; i++) {
      predictions[i] = this.predictions[(start + i) % this.size]!;
      outcomes[i] = this.outcomes[(start + i) % this.size]!;
    }
    return { predictions, outcomes };
  }

  metrics(task: Task): RegressionMetrics | ClassificationMetrics | undefined {
    if (this.filled === 0) return undefined;
    const { predictions, outcomes } = this.pairs();
    return task === 'regression'
      ? regressionMetrics(predictions, outcomes)
      : classificationMetrics(predictions, outcomes);
  }

  private resum(): number {
    let sum = 0;
    for (let i = 0; i < this.filled; i++) sum += (this.predictions[i]! - this.outcomes[i]!) ** 2;
    return sum;
  }
}
