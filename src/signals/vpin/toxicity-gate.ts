/** A gate decision: at bar `bar` (the bar that completed a bucket) the toxicity CDF was `cdf`. */
export interface GateDecision {
  bar: number;
  cdf: number;
}

export interface GateOptions {
  /** The gate closes (an alert) when CDF >= threshold (default 0.9). */
  threshold: number;
  /** Bars after the decision in which a large move counts (default 30). */
  horizon: number;
  /** A move is large when |ln(P_{t+h}/P_t)| > k·σ·√horizon for some h <= horizon (default 3). */
  k: number;
  /** Trailing 1-bar log returns in σ, ending at the decision bar (default 1000). */
  sigmaWindow: number;
}

export const DEFAULT_GATE: GateOptions = { threshold: 0.9, horizon: 30, k: 3, sigmaWindow: 1000 };

export interface GateReport extends GateOptions {
  /** Decisions scored (those with a full horizon ahead and a σ behind). */
  decisions: number;
  skipped: number;
  hits: number;
  falseAlarms: number;
  misses: number;
  correctRejections: number;
  /** P(alert | large move): hits / (hits + misses). */
  hitRate: number;
  /** P(alert | no large move): false alarms / (false alarms + correct rejections). */
  falseAlarmRate: number;
  /** P(large move | alert). */
  precision: number;
  /** P(large move): what the hit rate must beat to mean anything. */
  baseRate: number;
}

/**
 * Scores a toxicity gate as a detector of large moves, signal-detection style: each decision is
 * an alert or not, and is followed by a large move within `horizon` bars or not. σ uses only bars
 * up to the decision, so the score is free of look-ahead in its threshold. Rates with an empty
 * denominator are NaN.
 */
export function evaluateToxicityGate(
  closes: ArrayLike<number>,
  decisions: readonly GateDecision[],
  options: GateOptions = DEFAULT_GATE,
): GateReport {
  const { threshold, horizon, k, sigmaWindow } = options;
  if (
    !(horizon >= 1 && Number.isInteger(horizon) && sigmaWindow >= 2 && Number.isInteger(sigmaWindow) && k > 0)
  )
    throw new RangeError('gate: horizon >= 1 and sigma window >= 2 must be integers, k > 0');
  const n = closes.length;
  // Prefix sums of 1-bar log returns r_i = ln(P_i / P_{i-1}) (r_0 = 0) and their squares.
  const sum = new Float64Array(n + 1);
  const sumSq = new Float64Array(n + 1);
  for (let i = 1; i < n; i++) {
    const r = Math.log(closes[i]! / closes[i - 1]!);
    sum[i + 1] = sum[i]! + r;
    sumSq[i + 1] = sumSq[i]! + r * r;
  }
  const counts = { hits: 0, falseAlarms: 0, misses: 0, correctRejections: 0, skipped: 0 };
  for (const { bar, cdf } of decisions) {
    const from = Math.max(1, bar - sigmaWindow + 1);
    const m = bar - from + 1;
    if (bar + horizon >= n || m < 2) {
      counts.skipped++;
      continue;
    }
    const s = sum[bar + 1]! - sum[from]!;
    const variance = (sumSq[bar + 1]! - sumSq[from]! - (s * s) / m) / (m - 1);
    const limit = k * Math.sqrt(Math.max(variance, 0) * horizon);
    let event = false;
    for (let h = 1; h <= horizon && !event; h++)
      event = Math.abs(Math.log(closes[bar + h]! / closes[bar]!)) > limit;
    const alert = cdf >= threshold;
    if (alert && event) counts.hits++;
    else if (alert) counts.falseAlarms++;
    else if (event) counts.misses++;
    else counts.correctRejections++;
  }
  const { hits, falseAlarms, misses, correctRejections, skipped } = counts;
  const decided = hits + falseAlarms + misses + correctRejections;
  return {
    ...options,
    decisions: decided,
    skipped,
    hits,
    falseAlarms,
    misses,
    correctRejections,
    hitRate: hits / (hits + misses),
    falseAlarmRate: falseAlarms / (falseAlarms + correctRejections),
    precision: hits / (hits + falseAlarms),
    baseRate: (hits + misses) / decided,
  };
}
