/** What the hub caches; each kind has its own TTL and stale policy (see cache-policy.ts). */
export type DataType = 'tick' | 'quote' | 'level2' | 'bar' | 'news' | 'fundamentals' | 'economic';

export type ParamValue = string | number | boolean | bigint;

export interface CacheKey {
  source: string;
  dataType: DataType;
  symbol: string;
  params?: Readonly<Record<string, ParamValue>>;
}

/** Canonical ids are remembered by symbol: building one costs about a microsecond. */
interface Remembered {
  source: string;
  dataType: DataType;
  /** Param names in the order the key object listed them, and their values. */
  names: readonly string[];
  values: readonly unknown[];
  id: string;
}

/** Bounds: ids remembered in all (then all are forgotten), and keys remembered per symbol. */
const MAX_REMEMBERED = 65_536;
const MAX_PER_SYMBOL = 16;
const NO_NAMES: readonly string[] = [];

const remembered = new Map<string, Remembered[]>();
let rememberedCount = 0;

/**
 * The one place a key becomes a string. Params are sorted so their order never matters, and each
 * value keeps its type so 1, 1n and '1' stay distinct; JSON encoding rules out separator clashes.
 *
 * The hub asks for the same few thousand keys over and over, so a key seen before is answered from
 * memory: the same source, data type and symbol, and the same param names (in the same order) with
 * the same values. Values compare by SameValueZero, under which equal values have equal ids (1, '1'
 * and 1n differ; -0 and 0 share the id '0'). The memory is bounded and only ever holds canonical ids.
 */
export function cacheKeyId(key: CacheKey): string {
  const { source, dataType, symbol, params } = key;
  let known = remembered.get(symbol);
  if (known !== undefined) {
    for (let i = 0; i < known.length; i++) {
      const candidate = known[i]!;
      if (candidate.source === source && candidate.dataType === dataType && sameParams(candidate, params))
        return candidate.id;
    }
  }
  const id = canonicalId(key);
  if (rememberedCount >= MAX_REMEMBERED) {
    remembered.clear();
    rememberedCount = 0;
    known = undefined;
  }
  if (known === undefined) {
    known = [];
    remembered.set(symbol, known);
  }
  if (known.length >= MAX_PER_SYMBOL) known.pop();
  else rememberedCount++;
  const names = params === undefined ? NO_NAMES : Object.keys(params);
  known.unshift({ source, dataType, names, values: names.map((name) => params![name]), id });
  return id;
}

/** Same names in the same order with SameValueZero-equal values; for-in avoids an array per call. */
function sameParams(known: Remembered, params: CacheKey['params'] | undefined): boolean {
  const { names, values } = known;
  let i = 0;
  if (params !== undefined) {
    for (const name in params) {
      if (names[i] !== name) return false;
      const value = params[name];
      const knownValue = values[i];
      // SameValueZero: NaN matches NaN (both are 'NaN' in the id).
      if (value !== knownValue && !(Number.isNaN(value) && Number.isNaN(knownValue))) return false;
      i++;
    }
  }
  return i === names.length;
}

function canonicalId(key: CacheKey): string {
  const params = Object.entries(key.params ?? {})
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => [name, typeof value, String(value)]);
  return JSON.stringify([key.source, key.dataType, key.symbol, params]);
}
