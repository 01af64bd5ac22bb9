import { describe, expect, it } from 'vitest';
import { NautilusError } from '../../../core/errors.ts';
import { CHART_AAPL_DAILY } from './yahoo-fixtures.ts';
import { parseYahooBars, parseYahooQuote } from './yahoo-parse.ts';

const result = CHART_AAPL_DAILY.chart.result[0]!;

function thrown(fn: () => unknown): NautilusError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(NautilusError);
    return error as NautilusError;
  }
  throw new Error('expected a throw');
}

describe('yahoo parse', () => {
  it('a range without bars (no timestamp, quote [{}]) gives no bars', () => {
    const body = { chart: { result: [{ meta: result.meta, indicators: { quote: [{}] } }], error: null } };
    expect(parseYahooBars(body, 'AAPL', '1d').bars).toEqual([]);
  });

  it('arrays shorter than the timestamps are UPSTREAM_ERROR naming the field', () => {
    const quote = { ...result.indicators.quote[0]!, close: [1, 2] };
    const body = { chart: { result: [{ ...result, indicators: { quote: [quote] } }], error: null } };
    const error = thrown(() => parseYahooBars(body, 'AAPL', '1d'));
    expect(error.code).toBe('UPSTREAM_ERROR');
    expect(error.message).toBe('yahoo: bars AAPL 1d: indicators.quote.0.close has 2 values for 4 timestamps');
  });

  it('a non-numeric price is UPSTREAM_ERROR naming its path', () => {
    const quote = { ...result.indicators.quote[0]!, open: ['x', 1, 2, 3] };
    const body = { chart: { result: [{ ...result, indicators: { quote: [quote] } }], error: null } };
    expect(thrown(() => parseYahooBars(body, 'AAPL', '1d')).message).toContain(
      '"chart.result.0.indicators.quote.0.open.0"',
    );
  });

  it('a quote needs regularMarketPrice', () => {
    const { regularMarketPrice: _, ...meta } = result.meta;
    const body = { chart: { result: [{ ...result, meta }], error: null } };
    expect(thrown(() => parseYahooQuote(body, 'AAPL')).message).toContain('regularMarketPrice');
  });
});
