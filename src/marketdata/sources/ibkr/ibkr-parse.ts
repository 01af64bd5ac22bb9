import { z } from 'zod';
import { NautilusError } from '../../../core/errors.ts';
import { type Nanos, NS_PER_MS, NS_PER_SECOND } from '../../../domain/time.ts';
import type { BarSeries, QuoteSnapshot, SourceBar } from '../source-types.ts';

/** IBKR market-data field ids (Client Portal Web API "Market Data Fields"). */
export const IBKR_FIELDS = {
  last: '31',
  bid: '84',
  askSize: '85',
  ask: '86',
  volume: '87',
  bidSize: '88',
} as const;

/** The fields the snapshot asks for; 7059 (last size) has no QuoteSnapshot field yet. */
export const IBKR_SNAPSHOT_FIELDS = ['31', '84', '85', '86', '88', '87', '7059'] as const;

export type QuoteFields = Omit<QuoteSnapshot, 'source' | 'symbol' | 'tsNs'>;

function upstream(message: string): NautilusError {
  return new NautilusError('UPSTREAM_ERROR', `ibkr: ${message}`);
}

/**
 * IBKR sends numbers as display strings: "C193.18"/"H193.18" mark a closing/halted price,
 * "1,200" has separators and the day volume (87) is abbreviated ("42.27M").
 */
export function parseIbkrNumber(raw: unknown, what: string): number | undefined {
  if (raw === undefined || raw === null || raw === '') return undefined;
  if (typeof raw === 'number' && Number.isFinite(raw)) return raw;
  const match =
    typeof raw === 'string' ? /^[CH]?(-?\d+(?:\.\d+)?)([KMB])?$/.exec(raw.trim().replace(/,/g, '')) : null;
  if (!match) throw upstream(`field ${what}: not a number: ${JSON.stringify(raw)}`);
  const value = Number(match[1]);
  const scale = match[2] === 'K' ? 1e3 : match[2] === 'M' ? 1e6 : match[2] === 'B' ? 1e9 : 1;
  // An abbreviated volume is approximate anyway; rounding hides float noise like 42269999.99.
  return scale === 1 ? value : Math.round(value * scale);
}

/** The quote fields present in one snapshot entry or stream message (streams send only changes). */
export function quoteFields(record: Record<string, unknown>): QuoteFields {
  const out: QuoteFields = {};
  const names = ['last', 'bid', 'ask', 'bidSize', 'askSize', 'volume'] as const;
  for (const name of names) {
    const value = parseIbkrNumber(record[IBKR_FIELDS[name]], `${IBKR_FIELDS[name]} (${name})`);
    if (value !== undefined) out[name] = value;
  }
  return out;
}

/** `_updated` (epoch ms) as ns, or `fallbackNs` when IBKR leaves it out. */
export function updatedNs(record: Record<string, unknown>, fallbackNs: Nanos): Nanos {
  const updated = record._updated;
  if (updated === undefined) return fallbackNs;
  if (typeof updated !== 'number' || !Number.isSafeInteger(updated))
    throw upstream(`field _updated: not epoch milliseconds: ${JSON.stringify(updated)}`);
  return BigInt(updated) * NS_PER_MS;
}

const searchEntry = z.looseObject({
  conid: z.union([z.string().regex(/^\d+$/), z.number().int().positive()]),
  symbol: z.string().optional(),
  sections: z.array(z.looseObject({ secType: z.string() })).optional(),
});
const searchError = z.looseObject({ error: z.string() });

/** The conid of `symbol` from `/iserver/secdef/search`: the exact-symbol stock listing first. */
export function parseSearch(body: unknown, symbol: string): number {
  const error = searchError.safeParse(body);
  if (error.success) {
    if (/no symbol/i.test(error.data.error))
      throw new NautilusError('NOT_FOUND', `ibkr: no contract found for symbol ${symbol}`);
    throw upstream(`secdef search for ${symbol} failed: ${error.data.error}`);
  }
  const parsed = z.array(searchEntry).safeParse(body);
  if (!parsed.success) throw upstream(`secdef search for ${symbol}: ${describe(parsed.error)}`);
  const isStock = (entry: z.infer<typeof searchEntry>) =>
    entry.sections?.some((section) => section.secType === 'STK') ?? false;
  const entries = parsed.data;
  const best =
    entries.find((entry) => entry.symbol?.toUpperCase() === symbol.toUpperCase() && isStock(entry)) ??
    entries.find(isStock) ??
    entries[0];
  if (!best) throw new NautilusError('NOT_FOUND', `ibkr: no contract found for symbol ${symbol}`);
  return Number(best.conid);
}

const snapshotEntry = z.looseObject({ conid: z.union([z.number(), z.string()]) });

/**
 * One conid's quote from `/iserver/marketdata/snapshot`, or undefined for IBKR's documented
 * "pre-flight" answer (only conid/conidEx, no fields) that the caller must ask again after.
 */
export function parseSnapshot(
  body: unknown,
  conid: number,
  symbol: string,
  receivedNs: Nanos,
): QuoteSnapshot | undefined {
  const parsed = z.array(snapshotEntry).safeParse(body);
  if (!parsed.success) throw upstream(`snapshot for ${symbol}: ${describe(parsed.error)}`);
  const entry = parsed.data.find((item) => Number(item.conid) === conid);
  if (!entry || !IBKR_SNAPSHOT_FIELDS.some((field) => entry[field] !== undefined)) return undefined;
  return { source: 'ibkr', symbol, ...quoteFields(entry), tsNs: updatedNs(entry, receivedNs) };
}

const historySchema = z.looseObject({
  symbol: z.string().optional(),
  barLength: z.number().int().positive(),
  data: z.array(
    z.looseObject({
      o: z.number(),
      h: z.number(),
      l: z.number(),
      c: z.number(),
      v: z.number(),
      t: z.number().int().nonnegative(),
    }),
  ),
});

/** IBKR bar sizes (min, h, d, w, m = month) as the hub's provider-neutral intervals. */
export function barInterval(bar: string): string {
  const match = /^(\d+)(min|h|d|w|m)$/.exec(bar);
  if (!match) throw new NautilusError('BAD_REQUEST', `ibkr: unsupported bar size ${JSON.stringify(bar)}`);
  const unit = { min: 'm', h: 'h', d: 'd', w: 'w', m: 'mo' }[match[2] as 'min' | 'h' | 'd' | 'w' | 'm'];
  return `${match[1]}${unit}`;
}

/**
 * Bars from `/iserver/marketdata/history`. With `asOfNs`, only bars that had closed by then
 * (start `t` + `barLength` seconds <= asOf): a bar still forming would carry later prices.
 */
export function parseHistory(body: unknown, symbol: string, bar: string, asOfNs?: Nanos): BarSeries {
  if (body && typeof body === 'object' && typeof (body as { error?: unknown }).error === 'string')
    throw upstream(`history for ${symbol}: ${(body as { error: string }).error}`);
  const parsed = historySchema.safeParse(body);
  if (!parsed.success) throw upstream(`history for ${symbol}: ${describe(parsed.error)}`);
  const lengthNs = BigInt(parsed.data.barLength) * NS_PER_SECOND;
  const bars: SourceBar[] = [];
  for (const point of parsed.data.data) {
    const startNs = BigInt(point.t) * NS_PER_MS;
    if (asOfNs !== undefined && startNs + lengthNs > asOfNs) continue;
    bars.push({ startNs, open: point.o, high: point.h, low: point.l, close: point.c, volume: point.v });
  }
  bars.sort((a, b) => (a.startNs < b.startNs ? -1 : a.startNs > b.startNs ? 1 : 0));
  return { source: 'ibkr', symbol, interval: barInterval(bar), bars };
}

function describe(error: z.ZodError): string {
  const issue = error.issues[0];
  const path = issue?.path.length ? issue.path.join('.') : '(root)';
  return `unexpected response at field ${path}: ${issue?.message ?? 'invalid'}`;
}
