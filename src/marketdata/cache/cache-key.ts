import { KeyIndex, type KeySlot } from './key-index.ts';

/** What the hub caches; each kind has its own TTL and stale policy (see cache-policy.ts). */
export type DataType = 'tick' | 'quote' | 'level2' | 'bar' | 'news' | 'fundamentals' | 'economic';

export type ParamValue = string | number | boolean | bigint;

export interface CacheKey {
  source: string;
  dataType: DataType;
  symbol: string;
  params?: Readonly<Record<string, ParamValue>>;
}

/** Ids of the keys the hub asked for lately (the bound is on ways of writing keys). */
const remembered = new KeyIndex<KeySlot>((id) => ({ id }), 65_536);

/**
 * The one place a key becomes a string. Params are sorted so their order never matters, and each
 * value keeps its type so 1, 1n and '1' stay distinct; JSON encoding rules out separator clashes.
 * The hub asks for the same few thousand keys over and over, so a key seen before is answered from
 * a bounded memory (see KeyIndex) instead of being encoded again.
 */
export function cacheKeyId(key: CacheKey): string {
  return remembered.slot(key).id;
}
