import { describe, expect, it } from 'vitest';
import { NautilusError } from '../../../core/errors.ts';
import { HISTORY_AAPL_1MIN, SEARCH_AAPL, SNAPSHOT_AAPL, SNAPSHOT_PREFLIGHT } from './ibkr-fixtures.ts';
import { barInterval, parseHistory, parseIbkrNumber, parseSearch, parseSnapshot } from './ibkr-parse.ts';

function thrown(fn: () => unknown): NautilusError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(NautilusError);
    return error as NautilusError;
  }
  throw new Error('expected a throw');
}

describe('ibkr parse', () => {
  it('reads IBKR display numbers: closing/halted prefixes, separators, K/M/B', () => {
    expect(parseIbkrNumber('C193.18', '31')).toBe(193.18);
    expect(parseIbkrNumber('H12.5', '31')).toBe(12.5);
    expect(parseIbkrNumber('1,200', '88')).toBe(1200);
    expect(parseIbkrNumber('42.27M', '87')).toBe(42_270_000);
    expect(parseIbkrNumber('815K', '87')).toBe(815_000);
    expect(parseIbkrNumber('-0.25', '31')).toBe(-0.25);
    expect(parseIbkrNumber('', '31')).toBeUndefined();
    expect(parseIbkrNumber(7, '85')).toBe(7);
    expect(thrown(() => parseIbkrNumber('n/a', '84')).message).toBe('ibkr: field 84: not a number: "n/a"');
  });

  it('picks the exact-symbol stock listing from a search', () => {
    expect(parseSearch(SEARCH_AAPL, 'AAPL')).toBe(265598);
    expect(parseSearch([{ conid: 8314, symbol: 'IBM', sections: [{ secType: 'STK' }] }], 'IBM')).toBe(8314);
    expect(thrown(() => parseSearch([], 'ZZZZ')).code).toBe('NOT_FOUND');
    expect(thrown(() => parseSearch({ error: 'No symbol found' }, 'ZZZZ')).code).toBe('NOT_FOUND');
    const bad = thrown(() => parseSearch([{ symbol: 'AAPL' }], 'AAPL'));
    expect(bad.code).toBe('UPSTREAM_ERROR');
    expect(bad.message).toContain('field 0.conid');
  });

  it('treats the pre-flight snapshot as "ask again"', () => {
    expect(parseSnapshot(SNAPSHOT_PREFLIGHT, 265598, 'AAPL', 5n)).toBeUndefined();
    expect(parseSnapshot(SNAPSHOT_AAPL, 1, 'AAPL', 5n)).toBeUndefined();
    const noUpdated = [{ conid: 265598, '84': '10.5' }];
    expect(parseSnapshot(noUpdated, 265598, 'AAPL', 5n)).toEqual({
      source: 'ibkr',
      symbol: 'AAPL',
      bid: 10.5,
      tsNs: 5n,
    });
  });

  it('maps bar sizes and rejects malformed history', () => {
    expect(['1min', '5min', '1h', '1d', '1w', '1m'].map(barInterval)).toEqual([
      '1m',
      '5m',
      '1h',
      '1d',
      '1w',
      '1mo',
    ]);
    const missing = thrown(() =>
      parseHistory({ ...HISTORY_AAPL_1MIN, barLength: undefined }, 'AAPL', '1min'),
    );
    expect(missing.message).toContain('field barLength');
    const inBody = thrown(() => parseHistory({ error: 'Chart data unavailable' }, 'AAPL', '1min'));
    expect(inBody.message).toBe('ibkr: history for AAPL: Chart data unavailable');
  });
});
