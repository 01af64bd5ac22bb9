import type { OnlineModel } from './online-model.ts';
import { RollingWindow } from './rolling-window.ts';

export interface PrequentialResult {
  /** Each sample's prediction, made before the model saw its label. */
  predictions: Float64Array;
  /** Metrics of the last `window` samples, every `every` samples (and at the end). */
  checkpoints: Array<{ at: number; metrics: ReturnType<RollingWindow['metrics']> }>;
  window: RollingWindow;
}

/**
 * Walk-forward (prequential) evaluation: for each sample in order, predict, score the prediction
 * against the label, then learn the sample. No prediction ever sees its own label or a later one.
 */
export function prequential(
  model: OnlineModel,
  xs: ReadonlyArray<ArrayLike<number>>,
  ys: ArrayLike<number>,
  options: { window: number; every?: number },
): PrequentialResult {
  if (xs.length !== ys.length) throw new RangeError(`${xs.length} samples but ${ys.length} labels`);
  const window = new RollingWindow(options.window);
  const predictions = new Float64Array(xs.length);
  const checkpoints: PrequentialResult['checkpoints'] = [];
  const every = options.every ?? xs.length;
  for (let i = 0; i < xs.length; i++) {
    const prediction = model.predict(xs[i]!);
    predictions[i] = prediction;
    window.push(prediction, ys[i]!);
    model.update(xs[i]!, ys[i]!);
    if ((i + 1) % every === 0 || i === xs.length - 1)
      checkpoints.push({ at: i + 1, metrics: window.metrics(model.task) });
  }
  return { predictions, checkpoints, window };
}
