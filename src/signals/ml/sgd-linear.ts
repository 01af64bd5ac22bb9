import { checkDim, dot, type OnlineModel, type SgdState } from './online-model.ts';

export interface SgdOptions {
  /** Constant step size: an online learner keeps tracking a drifting target, so it never anneals. */
  learningRate: number;
  /** L2 penalty on the weights (not the bias). */
  l2: number;
}

/**
 * A linear model z = w·x + b with a link, learnt by stochastic gradient descent. For the identity
 * link with squared error and the sigmoid with log-loss, the per-sample gradient is the same:
 * g = link(z) − y,  w ← w − η(g·x + λw),  b ← b − η·g.
 */
export abstract class SgdLinearModel implements OnlineModel {
  abstract readonly kind: SgdState['kind'];
  abstract readonly task: OnlineModel['task'];
  readonly dim: number;
  updates = 0;
  protected readonly w: Float64Array;
  protected b = 0;
  private readonly options: SgdOptions;

  constructor(dim: number, options: SgdOptions) {
    this.dim = dim;
    // Copied field by field: a wider spec object must not leak into state().
    this.options = { learningRate: options.learningRate, l2: options.l2 };
    this.w = new Float64Array(dim);
  }

  protected abstract link(z: number): number;

  /** Throws on a label the loss is not defined for. */
  protected checkLabel(_y: number): void {}

  predict(x: ArrayLike<number>): number {
    checkDim(x, this.dim);
    return this.link(dot(this.w, x, this.dim) + this.b);
  }

  update(x: ArrayLike<number>, y: number): void {
    this.checkLabel(y);
    const gradient = this.predict(x) - y;
    const { learningRate: eta, l2 } = this.options;
    for (let i = 0; i < this.dim; i++) this.w[i] = this.w[i]! - eta * (gradient * x[i]! + l2 * this.w[i]!);
    this.b -= eta * gradient;
    this.updates++;
  }

  state(): SgdState {
    return { kind: this.kind, ...this.options, weights: [...this.w], bias: this.b, updates: this.updates };
  }

  protected load(state: SgdState): this {
    this.w.set(state.weights);
    this.b = state.bias;
    this.updates = state.updates;
    return this;
  }
}
