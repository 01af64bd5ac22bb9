/** What the online learners share: predict before learning, then learn from the labelled sample. */
export type Task = 'regression' | 'classification';

export type ModelKind = 'rls' | 'sgd-ridge' | 'sgd-logistic';

export interface OnlineModel {
  readonly kind: ModelKind;
  readonly task: Task;
  /** Number of features (the bias is separate). */
  readonly dim: number;
  /** Samples learned so far. */
  readonly updates: number;
  /** Regression: the predicted value; classification: P(y = 1). */
  predict(x: ArrayLike<number>): number;
  /** Learns one sample; for classification `y` is 0 or 1. */
  update(x: ArrayLike<number>, y: number): void;
  /** Plain data (no typed arrays) that `restoreModel` turns back into the same model: crosses worker threads. */
  state(): ModelState;
}

export interface SgdState {
  kind: 'sgd-ridge' | 'sgd-logistic';
  learningRate: number;
  l2: number;
  weights: number[];
  bias: number;
  updates: number;
}

export interface RlsState {
  kind: 'rls';
  forgetting: number;
  /** Coefficients with the bias last. */
  theta: number[];
  /** Inverse information matrix, (dim + 1)^2, row-major. */
  p: number[];
  updates: number;
}

export type ModelState = SgdState | RlsState;

export function dot(w: ArrayLike<number>, x: ArrayLike<number>, n: number): number {
  let sum = 0;
  for (let i = 0; i < n; i++) sum += w[i]! * x[i]!;
  return sum;
}

export function checkDim(x: ArrayLike<number>, dim: number): void {
  if (x.length !== dim) throw new RangeError(`expected ${dim} features, got ${x.length}`);
}
