/** Shared shapes for the Value-at-Risk estimators. Losses are reported as POSITIVE numbers. */
import { assertPositiveInteger, assertProbability } from '../shared/validate.ts';

export type VarMethod = 'historical' | 'parametric' | 'monte-carlo';

export interface VarResult {
  /** Loss (positive = loss, as a fraction of portfolio value) not exceeded with probability `confidence`. */
  var: number;
  /** Expected shortfall: the mean loss in the tail beyond VaR; always >= var. */
  es: number;
  method: VarMethod;
  confidence: number;
  horizonDays: number;
}

export interface VarOptions {
  /** Confidence level in (0, 1); default 0.95. */
  confidence?: number;
  /** Holding period in days (positive integer); default 1. */
  horizonDays?: number;
}

export function resolveVarOptions(options: VarOptions): { confidence: number; horizonDays: number } {
  const confidence = options.confidence ?? 0.95;
  const horizonDays = options.horizonDays ?? 1;
  assertProbability('confidence', confidence);
  assertPositiveInteger('horizonDays', horizonDays);
  return { confidence, horizonDays };
}

/**
 * VaR and ES of a sample of returns: VaR = -q with q the (1 - c) numpy-linear percentile; ES = minus
 * the mean of the returns <= q (never empty, the minimum is <= q), hence ES >= VaR.
 */
export function empiricalTail(sample: readonly number[], confidence: number): { var: number; es: number } {
  const sorted = [...sample].sort((a, b) => a - b);
  const h = (sorted.length - 1) * (1 - confidence);
  const lo = Math.floor(h);
  const q = sorted[lo]! + (h - lo) * (sorted[Math.ceil(h)]! - sorted[lo]!);
  let sum = 0;
  let n = 0;
  for (const r of sorted) {
    if (r > q) break;
    sum += r;
    n++;
  }
  return { var: -q, es: -sum / n };
}
