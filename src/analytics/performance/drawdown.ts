/** Drawdowns of cumulative wealth starting at 1 (empyrical `max_drawdown`). */
import { assertNonEmpty } from '../shared/validate.ts';

/**
 * Drawdown after each return: wealth / running peak - 1 (<= 0). Wealth starts at 1 before the
 * first return and the starting value counts as a peak; NaN returns count as 0.
 */
export function drawdownSeries(returns: readonly number[]): number[] {
  assertNonEmpty('returns', returns);
  const out: number[] = [];
  let wealth = 1;
  let peak = 1;
  for (const r of returns) {
    if (!Number.isNaN(r)) wealth *= 1 + r;
    if (wealth > peak) peak = wealth;
    out.push(wealth / peak - 1);
  }
  return out;
}

/** Most negative drawdown (a number <= 0; 0 when wealth never falls below a previous peak). */
export function maxDrawdown(returns: readonly number[]): number {
  return drawdownSeries(returns).reduce((min, d) => Math.min(min, d), 0);
}
