/** Historical-simulation Value at Risk and Expected Shortfall. */
import { assertNonEmpty, assertPositiveInteger } from '../shared/validate.ts';
import { empiricalTail, resolveVarOptions, type VarOptions, type VarResult } from './types.ts';

export type HorizonScaling = 'sqrt-time' | 'overlapping';

export interface HistoricalVarOptions extends VarOptions {
  /**
   * How a 1-day sample becomes an h-day risk. 'sqrt-time' (default): 1-day VaR and ES times
   * sqrt(h) (the Basel convention; assumes i.i.d. returns, keeps every observation).
   * 'overlapping': the empirical tail of the overlapping compounded h-day returns
   * prod(1 + r_t..t+h-1) - 1 (no i.i.d. assumption, but n - h + 1 correlated samples).
   */
  scaling?: HorizonScaling;
}

/** Overlapping compounded h-day returns. */
export function overlappingReturns(returns: readonly number[], horizonDays: number): number[] {
  assertPositiveInteger('horizonDays', horizonDays);
  if (horizonDays > returns.length) {
    throw new RangeError(`horizonDays (${horizonDays}) exceeds the number of returns (${returns.length})`);
  }
  const out: number[] = [];
  for (let i = 0; i + horizonDays <= returns.length; i++) {
    let g = 1;
    for (let j = i; j < i + horizonDays; j++) g *= 1 + returns[j]!;
    out.push(g - 1);
  }
  return out;
}

/** Historical VaR/ES of a series of (portfolio) daily returns; NaNs are dropped. */
export function historicalVar(returns: readonly number[], options: HistoricalVarOptions = {}): VarResult {
  const { confidence, horizonDays } = resolveVarOptions(options);
  assertNonEmpty('returns', returns);
  const clean = returns.filter((r) => !Number.isNaN(r));
  if (clean.length === 0) throw new RangeError('returns contains no numbers');
  const scaling = options.scaling ?? 'sqrt-time';
  if (scaling === 'overlapping') {
    const tail = empiricalTail(overlappingReturns(clean, horizonDays), confidence);
    return { ...tail, method: 'historical', confidence, horizonDays };
  }
  if (scaling !== 'sqrt-time')
    throw new RangeError(`scaling must be sqrt-time or overlapping, got ${scaling}`);
  const tail = empiricalTail(clean, confidence);
  const k = Math.sqrt(horizonDays);
  return { var: tail.var * k, es: tail.es * k, method: 'historical', confidence, horizonDays };
}
