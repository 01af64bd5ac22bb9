import type { SgdState } from './online-model.ts';
import { SgdLinearModel } from './sgd-linear.ts';

/** The logistic function, written so neither branch overflows for large |z|. */
export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/**
 * Logistic regression by stochastic gradient descent on the log-loss of one sample plus ½λ‖w‖²:
 * p = σ(w·x + b),  g = p − y,  w ← w − η(g·x + λw),  b ← b − η·g.
 */
export class SgdLogistic extends SgdLinearModel {
  readonly kind = 'sgd-logistic';
  readonly task = 'classification';

  protected link(z: number): number {
    return sigmoid(z);
  }

  protected override checkLabel(y: number): void {
    if (y !== 0 && y !== 1) throw new RangeError(`a logistic label is 0 or 1, got ${y}`);
  }

  static restore(state: SgdState): SgdLogistic {
    return new SgdLogistic(state.weights.length, state).load(state);
  }
}
