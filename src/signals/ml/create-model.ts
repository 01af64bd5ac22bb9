import type { ModelKind, ModelState, OnlineModel } from './online-model.ts';
import { Rls } from './rls.ts';
import { SgdLogistic } from './sgd-logistic.ts';
import { SgdRidge } from './sgd-ridge.ts';

export interface ModelSpec {
  kind: ModelKind;
  /** SGD step size. */
  learningRate: number;
  /** SGD L2 penalty. */
  l2: number;
  /** RLS forgetting factor λ. */
  forgetting: number;
  /** RLS initial ridge δ. */
  delta: number;
}

export function createModel(spec: ModelSpec, dim: number): OnlineModel {
  switch (spec.kind) {
    case 'rls':
      return new Rls(dim, spec.forgetting, spec.delta);
    case 'sgd-ridge':
      return new SgdRidge(dim, spec);
    case 'sgd-logistic':
      return new SgdLogistic(dim, spec);
  }
}

export function restoreModel(state: ModelState): OnlineModel {
  switch (state.kind) {
    case 'rls':
      return Rls.restore(state);
    case 'sgd-ridge':
      return SgdRidge.restore(state);
    case 'sgd-logistic':
      return SgdLogistic.restore(state);
  }
}
