import type { SgdState } from './online-model.ts';
import { SgdLinearModel } from './sgd-linear.ts';

/**
 * Linear regression by stochastic gradient descent on the ridge loss of one sample,
 * ½(w·x + b − y)² + ½λ‖w‖²:  e = w·x + b − y,  w ← w − η(e·x + λw),  b ← b − η·e.
 */
export class SgdRidge extends SgdLinearModel {
  readonly kind = 'sgd-ridge';
  readonly task = 'regression';

  protected link(z: number): number {
    return z;
  }

  static restore(state: SgdState): SgdRidge {
    return new SgdRidge(state.weights.length, state).load(state);
  }
}
