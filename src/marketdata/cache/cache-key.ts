/** What the hub caches; each kind has its own TTL and stale policy (see cache-policy.ts). */
export type DataType = 'tick' | 'quote' | 'level2' | 'bar' | 'news' | 'fundamentals' | 'economic';

export type ParamValue = string | number | boolean | bigint;

export interface CacheKey {
  source: string;
  dataType: DataType;
  symbol: string;
  params?: Readonly<Record<string, ParamValue>>;
}

/**
 * The one place a key becomes a string. Params are sorted so their order never matters, and each
 * value keeps its type so 1, 1n and '1' stay distinct; JSON encoding rules out separator clashes.
 */
export function cacheKeyId(key: CacheKey): string {
  const params = Object.entries(key.params ?? {})
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => [name, typeof value, String(value)]);
  return JSON.stringify([key.source, key.dataType, key.symbol, params]);
}
