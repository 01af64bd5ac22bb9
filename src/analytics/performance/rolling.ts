/** Rolling-window versions of the performance statistics (empyrical `roll_*`). */
import { assertNonEmpty, assertPositiveInteger, assertSameLength } from '../shared/validate.ts';
import { beta } from './alpha-beta.ts';
import type { PeriodOptions } from './periods.ts';
import { sharpeRatio } from './ratios.ts';
import { annualVolatility } from './returns.ts';

/**
 * Applies `fn` to every window of `window` consecutive values. The output has
 * `values.length - window + 1` entries; entry i covers values[i .. i + window - 1]
 * (so it is aligned with the window's last observation, index i + window - 1).
 */
export function rolling<T>(fn: (slice: number[]) => T, values: readonly number[], window: number): T[] {
  assertNonEmpty('values', values);
  assertPositiveInteger('window', window);
  if (window > values.length) {
    throw new RangeError(`window (${window}) must not exceed the series length (${values.length})`);
  }
  const out: T[] = [];
  for (let i = 0; i + window <= values.length; i++) out.push(fn(values.slice(i, i + window)));
  return out;
}

/** Rolling over two aligned series, e.g. returns and a benchmark. */
export function rolling2<T>(
  fn: (a: number[], b: number[]) => T,
  a: readonly number[],
  b: readonly number[],
  window: number,
): T[] {
  assertSameLength('a', a, 'b', b);
  const starts = rolling((s) => s, a, window).map((_, i) => i);
  return starts.map((i) => fn(a.slice(i, i + window), b.slice(i, i + window)));
}

export function rollingSharpe(
  returns: readonly number[],
  window: number,
  options: PeriodOptions & { riskFree?: number } = {},
): number[] {
  return rolling((s) => sharpeRatio(s, options), returns, window);
}

export function rollingVolatility(
  returns: readonly number[],
  window: number,
  options: PeriodOptions = {},
): number[] {
  return rolling((s) => annualVolatility(s, options), returns, window);
}

export function rollingBeta(
  returns: readonly number[],
  benchmark: readonly number[],
  window: number,
): number[] {
  return rolling2((r, b) => beta(r, b), returns, benchmark, window);
}
