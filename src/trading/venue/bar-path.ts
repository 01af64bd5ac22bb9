import type { Price } from '../money/price.ts';

/**
 * The intra-bar price path: O -> H -> L -> C when the high is at least as near the open as the low
 * (ties go high first), else O -> L -> H -> C. Prices move continuously between these points.
 */
export function barPath(open: Price, high: Price, low: Price, close: Price): Price[] {
  const up = high.sub(open).abs();
  const down = open.sub(low).abs();
  return up.lte(down) ? [open, high, low, close] : [open, low, high, close];
}
