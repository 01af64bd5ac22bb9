import { describe, expect, it } from 'vitest';
import type { CacheKey } from './cache-key.ts';
import { canonicalId, KeyIndex } from './key-index.ts';

const base = { source: 'yahoo', dataType: 'bar', symbol: 'AAPL' } as const satisfies CacheKey;

function index(maxAliases = 100) {
  const built: string[] = [];
  const resets: number[] = [];
  const keys = new KeyIndex(
    (id) => {
      built.push(id);
      return { id };
    },
    maxAliases,
    () => resets.push(built.length),
  );
  return { keys, built, resets };
}

describe('KeyIndex', () => {
  it('answers a key seen before with the same slot, without building its id again', () => {
    const { keys, built } = index();
    const first = keys.slot({ ...base, params: { interval: '1m', limit: 5 } });
    const again = keys.slot({ ...base, params: { interval: '1m', limit: 5 } });
    expect(again).toBe(first);
    expect(built).toEqual([canonicalId({ ...base, params: { interval: '1m', limit: 5 } })]);
  });

  it('points a key written another way at the slot its canonical id names', () => {
    const { keys, built } = index();
    keys.slot({ ...base, params: { interval: '1m', limit: 5 } });
    keys.slot({ ...base, params: { limit: 5, interval: '1m' } });
    expect(built).toHaveLength(2);
    expect(built[0]).toBe(built[1]);
  });

  it('tells apart every component, value types, extra and missing params', () => {
    const { keys } = index();
    const variants: CacheKey[] = [
      base,
      { ...base, source: 'ibkr' },
      { ...base, dataType: 'news' },
      { ...base, symbol: 'MSFT' },
      { ...base, params: { n: 1 } },
      { ...base, params: { n: '1' } },
      { ...base, params: { n: 1n } },
      { ...base, params: { n: 1, m: 2 } },
    ];
    const ids = variants.map((key) => keys.slot(key).id);
    expect(new Set(ids).size).toBe(variants.length);
    // Asked again in another order, each still finds its own slot.
    for (const [i, key] of [...variants.entries()].reverse()) expect(keys.slot(key).id).toBe(ids[i]);
  });

  it('matches NaN to NaN, as SameValueZero and the id both do', () => {
    const { keys, built } = index();
    keys.slot({ ...base, params: { x: Number.NaN } });
    keys.slot({ ...base, params: { x: Number.NaN } });
    expect(built).toHaveLength(1);
  });

  it('forgets every alias once the bound is reached, and tells its owner', () => {
    const { keys, built, resets } = index(3);
    for (const symbol of ['A', 'B', 'C']) keys.slot({ ...base, symbol });
    expect(resets).toEqual([]);
    keys.slot({ ...base, symbol: 'D' });
    expect(resets).toEqual([3]);
    keys.slot({ ...base, symbol: 'A' });
    expect(built).toHaveLength(5);
  });

  it('keeps at most 16 aliases per symbol, the newest first', () => {
    const { keys, built } = index();
    for (let n = 0; n < 17; n++) keys.slot({ ...base, params: { n } });
    keys.slot({ ...base, params: { n: 16 } });
    expect(built).toHaveLength(17);
    keys.slot({ ...base, params: { n: 0 } });
    expect(built).toHaveLength(18);
  });
});
