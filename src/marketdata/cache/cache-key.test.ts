import { describe, expect, it } from 'vitest';
import { cacheKeyId } from './cache-key.ts';

const base = { source: 'alpha-vantage', dataType: 'bar', symbol: 'AAPL' } as const;

describe('cacheKeyId', () => {
  it('ignores param order', () => {
    expect(cacheKeyId({ ...base, params: { a: 1, b: 2 } })).toBe(
      cacheKeyId({ ...base, params: { b: 2, a: 1 } }),
    );
  });

  it('treats missing and empty params alike', () => {
    expect(cacheKeyId(base)).toBe(cacheKeyId({ ...base, params: {} }));
  });

  it('distinguishes every component and the param value type', () => {
    const ids = new Set([
      cacheKeyId(base),
      cacheKeyId({ ...base, source: 'yahoo' }),
      cacheKeyId({ ...base, dataType: 'news' }),
      cacheKeyId({ ...base, symbol: 'MSFT' }),
      cacheKeyId({ ...base, params: { n: 1 } }),
      cacheKeyId({ ...base, params: { n: '1' } }),
      cacheKeyId({ ...base, params: { n: 1n } }),
      cacheKeyId({ ...base, params: { n: 2 } }),
    ]);
    expect(ids.size).toBe(8);
  });

  it('cannot be confused by separators inside values', () => {
    expect(cacheKeyId({ ...base, source: 'a|b', symbol: 'c' })).not.toBe(
      cacheKeyId({ ...base, source: 'a', symbol: 'b|c' }),
    );
  });
});
