/** Walk-forward metrics of (prediction, outcome) pairs; every function takes equal-length arrays. */

export interface RegressionMetrics {
  count: number;
  mse: number;
  mae: number;
  /** 1 − SSE/SST with SST about the window's own mean of y; NaN when y is constant. */
  r2: number;
  /** Share of pairs whose prediction has the sign of the outcome ((ŷ > 0) == (y > 0)). */
  hitRate: number;
}

export interface ClassificationMetrics {
  count: number;
  /** Share with (p ≥ 0.5) == (y = 1). */
  accuracy: number;
  /** −mean(y·ln p + (1 − y)·ln(1 − p)), p clipped to [1e-15, 1 − 1e-15]. */
  logLoss: number;
  /** Mean of (p − y)². */
  brier: number;
  /** Area under the ROC curve; NaN unless both classes occur. */
  auc: number;
}

export function regressionMetrics(
  predictions: ArrayLike<number>,
  outcomes: ArrayLike<number>,
): RegressionMetrics {
  const count = outcomes.length;
  let sse = 0;
  let sae = 0;
  let sumY = 0;
  let hits = 0;
  for (let i = 0; i < count; i++) {
    const error = predictions[i]! - outcomes[i]!;
    sse += error * error;
    sae += Math.abs(error);
    sumY += outcomes[i]!;
    if (predictions[i]! > 0 === outcomes[i]! > 0) hits++;
  }
  const meanY = sumY / count;
  let sst = 0;
  for (let i = 0; i < count; i++) sst += (outcomes[i]! - meanY) ** 2;
  return {
    count,
    mse: sse / count,
    mae: sae / count,
    r2: sst > 0 ? 1 - sse / sst : Number.NaN,
    hitRate: hits / count,
  };
}

const EPS = 1e-15;

export function classificationMetrics(
  probabilities: ArrayLike<number>,
  labels: ArrayLike<number>,
): ClassificationMetrics {
  const count = labels.length;
  let correct = 0;
  let loss = 0;
  let brier = 0;
  for (let i = 0; i < count; i++) {
    const p = Math.min(1 - EPS, Math.max(EPS, probabilities[i]!));
    const y = labels[i]!;
    if (probabilities[i]! >= 0.5 === (y === 1)) correct++;
    loss -= y * Math.log(p) + (1 - y) * Math.log(1 - p);
    brier += (probabilities[i]! - y) ** 2;
  }
  return {
    count,
    accuracy: correct / count,
    logLoss: loss / count,
    brier: brier / count,
    auc: auc(probabilities, labels),
  };
}

/**
 * AUC as the Mann–Whitney statistic: the chance a random positive scores above a random negative,
 * ties counting one half (mid-ranks). O(n log n).
 */
export function auc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  const n = labels.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  let positives = 0;
  let positiveRankSum = 0;
  for (let start = 0; start < n; ) {
    let end = start;
    while (end + 1 < n && scores[order[end + 1]!] === scores[order[start]!]) end++;
    const midRank = (start + end) / 2 + 1;
    for (let i = start; i <= end; i++) {
      if (labels[order[i]!] === 1) {
        positives++;
        positiveRankSum += midRank;
      }
    }
    start = end + 1;
  }
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) return Number.NaN;
  return (positiveRankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}
