import type { CacheKey, DataType } from './cache-key.ts';

/** What an index hands out per canonical key: its id, plus whatever the owner keeps there. */
export interface KeySlot {
  readonly id: string;
}

/** One way of writing a key: the same source, data type, symbol and params in this order. */
interface Alias<S> {
  source: string;
  dataType: DataType;
  /** Param names and values, interleaved: name, value, name, value... */
  params: readonly unknown[];
  slot: S;
}

/** Aliases kept per symbol: more than this and the oldest is forgotten (it rebuilds on its next use). */
const MAX_PER_SYMBOL = 16;
const NO_NAMES: readonly string[] = [];

/**
 * Finds a key's slot with one Map lookup by symbol and a short scan, instead of building its
 * canonical id (about a microsecond) and looking that up. A key written another way (params in
 * another order) builds its id once and is pointed at the same slot through `slotFor`.
 * Values compare by SameValueZero, under which equal values have equal ids (1, '1' and 1n differ;
 * -0 and 0 share the id '0'). After `maxAliases` aliases the index forgets them all and `onReset`
 * lets the owner drop slots it no longer needs.
 */
export class KeyIndex<S extends KeySlot> {
  private readonly bySymbol = new Map<string, Alias<S>[]>();
  private created = 0;

  constructor(
    private readonly slotFor: (id: string) => S,
    private readonly maxAliases: number,
    private readonly onReset: () => void = () => {},
  ) {}

  slot(key: CacheKey): S {
    const { source, dataType, symbol, params } = key;
    let aliases = this.bySymbol.get(symbol);
    if (aliases !== undefined) {
      for (let i = 0; i < aliases.length; i++) {
        const alias = aliases[i]!;
        if (alias.source === source && alias.dataType === dataType && sameParams(alias, params))
          return alias.slot;
      }
    }
    if (this.created >= this.maxAliases) {
      this.reset();
      aliases = undefined;
    }
    const slot = this.slotFor(canonicalId(key));
    if (aliases === undefined) {
      aliases = [];
      this.bySymbol.set(symbol, aliases);
    }
    if (aliases.length >= MAX_PER_SYMBOL) aliases.pop();
    this.created++;
    const names = params === undefined ? NO_NAMES : Object.keys(params);
    aliases.unshift({ source, dataType, params: names.flatMap((name) => [name, params![name]]), slot });
    return slot;
  }

  reset(): void {
    this.bySymbol.clear();
    this.created = 0;
    this.onReset();
  }
}

/** Same names in the same order with SameValueZero-equal values; for-in avoids an array per call. */
function sameParams<S>(alias: Alias<S>, params: CacheKey['params'] | undefined): boolean {
  const known = alias.params;
  let i = 0;
  if (params !== undefined) {
    for (const name in params) {
      if (known[i] !== name) return false;
      const value = params[name];
      const knownValue = known[i + 1];
      // SameValueZero: NaN matches NaN (both are 'NaN' in the id).
      if (value !== knownValue && !(Number.isNaN(value) && Number.isNaN(knownValue))) return false;
      i += 2;
    }
  }
  return i === known.length;
}

/** Builds the canonical id (about a microsecond); indexes remember it. */
export function canonicalId(key: CacheKey): string {
  const params = Object.entries(key.params ?? {})
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => [name, typeof value, String(value)]);
  return JSON.stringify([key.source, key.dataType, key.symbol, params]);
}
