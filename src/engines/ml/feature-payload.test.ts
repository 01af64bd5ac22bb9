import { describe, expect, it } from 'vitest';
import { readFeatures } from './feature-payload.ts';

const entries = (payload: unknown, topicSymbol = 'T') => {
  const record = readFeatures(payload, topicSymbol);
  return record && { symbol: record.symbol, values: Object.fromEntries(record.values) };
};

describe('readFeatures', () => {
  it('reads the features engine calculation (values record, nulls missing, profile and counters ignored)', () => {
    const payload = {
      symbol: 'AAPL',
      bars: 12,
      values: { return_1: 0.001, rsi_14: null, macd: { line: 1.5, signal: 1 } },
      volumeProfile: { bucketWidth: 0.1, buckets: [[1, 2]] },
      spec: '1m',
      tsNs: 5n,
    };
    expect(entries(payload)).toEqual({
      symbol: 'AAPL',
      values: { return_1: 0.001, rsi_14: Number.NaN, 'macd.line': 1.5, 'macd.signal': 1 },
    });
  });

  it('reads a features record, a one-feature message, and top-level numbers', () => {
    expect(entries({ symbol: 'ES', features: { a: 1, b: Number.POSITIVE_INFINITY } })).toEqual({
      symbol: 'ES',
      values: { a: 1, b: Number.NaN },
    });
    expect(entries({ name: 'spread', value: 0.02 }, 'GC')).toEqual({
      symbol: 'GC',
      values: { spread: 0.02 },
    });
    expect(entries({ symbol: 'X', mid: 10, tsNs: 3, bars: 4, note: 'text' })).toEqual({
      symbol: 'X',
      values: { mid: 10 },
    });
  });

  it('returns undefined when there is nothing numeric', () => {
    expect(readFeatures({ symbol: 'X', note: 'hi' }, 'X')).toBeUndefined();
    expect(readFeatures('nope', 'X')).toBeUndefined();
  });
});
