import type { Task } from './online-model.ts';

/** erf by Abramowitz & Stegun 7.1.26 (|error| < 1.5e-7): enough for a confidence score. */
export function erf(x: number): number {
  const sign = x < 0 ? -1 : 1;
  const t = 1 / (1 + 0.3275911 * Math.abs(x));
  const poly =
    t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  return sign * (1 - poly * Math.exp(-x * x));
}

/**
 * Confidence in [0, 1], 0 meaning a coin flip on the direction and 1 certainty.
 * Classification: |2p − 1|. Regression: with the recent walk-forward RMSE s as the predictive
 * standard deviation, P(sign right) = Φ(|ŷ|/s), rescaled as 2Φ(|ŷ|/s) − 1 = erf(|ŷ| / (s√2));
 * 0 until there is an error to scale by.
 */
export function confidence(task: Task, prediction: number, rmse: number): number {
  if (task === 'classification') return Math.abs(2 * prediction - 1);
  if (!(rmse > 0)) return 0;
  return erf(Math.abs(prediction) / (rmse * Math.SQRT2));
}
