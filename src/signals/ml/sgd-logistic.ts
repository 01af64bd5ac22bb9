import { checkDim, dot, type OnlineModel, type SgdState } from './online-model.ts';
import type { SgdOptions } from './sgd-ridge.ts';

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
export class SgdLogistic implements OnlineModel {
  readonly kind = 'sgd-logistic';
  readonly task = 'classification';
  readonly dim: number;
  updates = 0;
  private readonly w: Float64Array;
  private b = 0;

  private readonly options: SgdOptions;

  constructor(dim: number, options: SgdOptions) {
    this.dim = dim;
    // Copied field by field: a wider spec object must not leak into state().
    this.options = { learningRate: options.learningRate, l2: options.l2 };
    this.w = new Float64Array(dim);
  }

  predict(x: ArrayLike<number>): number {
    checkDim(x, this.dim);
    return sigmoid(dot(this.w, x, this.dim) + this.b);
  }

  update(x: ArrayLike<number>, y: number): void {
    if (y !== 0 && y !== 1) throw new RangeError(`a logistic label is 0 or 1, got ${y}`);
    const gradient = this.predict(x) - y;
    const { learningRate: eta, l2 } = this.options;
    for (let i = 0; i < this.dim; i++) this.w[i] = this.w[i]! - eta * (gradient * x[i]! + l2 * this.w[i]!);
    this.b -= eta * gradient;
    this.updates++;
  }

  state(): SgdState {
    return { kind: this.kind, ...this.options, weights: [...this.w], bias: this.b, updates: this.updates };
  }

  static restore(state: SgdState): SgdLogistic {
    const model = new SgdLogistic(state.weights.length, state);
    model.w.set(state.weights);
    model.b = state.bias;
    model.updates = state.updates;
    return model;
  }
}
