import { parseBarSpec } from '../../marketdata/bars/bar-spec.ts';

const NS_PER_YEAR = 365n * 86_400n * 1_000_000_000n;
const NS_PER_DAY = 86_400n * 1_000_000_000n;

/**
 * Bars per year for annualising: the configured number, else 252 for daily or longer bars
 * (trading days) and 365 x 24 h divided by the bar interval for intraday time bars (the feeds
 * trade around the clock). Tick and volume bars have no fixed interval: they need it configured.
 */
export function periodsPerYearOf(spec: string, configured: number): number {
  if (configured > 0) return configured;
  const parsed = parseBarSpec(spec);
  if (parsed.kind !== 'time')
    throw new RangeError(`set periodsPerYear for ${parsed.kind} bars (${spec}): they have no fixed interval`);
  if (parsed.intervalNs >= NS_PER_DAY) return Number((252n * NS_PER_DAY) / parsed.intervalNs);
  return Number(NS_PER_YEAR) / Number(parsed.intervalNs);
}
