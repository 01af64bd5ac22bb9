import { checkDim, dot, type OnlineModel, type SgdState } from './online-model.ts';

export interface SgdOptions {
  /** Constant step size: an online learner keeps tracking a drifting target, so it never anneals. */
  learningRate: number;
  /** L2 penalty on the weights (not the bias). */
  l2: number;
}

/**
 * Linear regression by stochastic gradient descent on the ridge loss of one sample,
 * ½(w·x + b − y)² + ½λ‖w‖²:  e = w·x + b − y,  w ← w − η(e·x + λw),  b ← b − η·e.
 */
export class SgdRidge implements OnlineModel {
  readonly kind = 'sgd-ridge';
  readonly task = 'regression';
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
    return dot(this.w, x, this.dim) + this.b;
  }

  update(x: ArrayLike<number>, y: number): void {
    const error = this.predict(x) - y;
    const { learningRate: eta, l2 } = this.options;
    for (let i = 0; i < this.dim; i++) this.w[i] = this.w[i]! - eta * (error * x[i]! + l2 * this.w[i]!);
    this.b -= eta * error;
    this.updates++;
  }

  state(): SgdState {
    return { kind: this.kind, ...this.options, weights: [...this.w], bias: this.b, updates: this.updates };
  }

  static restore(state: SgdState): SgdRidge {
    const model = new SgdRidge(state.weights.length, state);
    model.w.set(state.weights);
    model.b = state.bias;
    model.updates = state.updates;
    return model;
  }
}
