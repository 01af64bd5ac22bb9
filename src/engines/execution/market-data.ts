import { parseNanos } from '../../domain/time.ts';
import type { MarketData } from '../../trading/venue/venue-types.ts';

type Wire = Record<string, unknown>;

const num = (value: unknown, field: string): number => {
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw new TypeError(`market data: ${field} must be a finite number, got ${String(value)}`);
  return value;
};

const levels = (value: unknown, field: string): Array<[number, number]> => {
  if (!Array.isArray(value)) throw new TypeError(`market data: ${field} must be an array of [price, size]`);
  return value.map((level: unknown, i) => {
    const [price, size] = Array.isArray(level) ? level : [];
    return [num(price, `${field}[${i}][0]`), num(size, `${field}[${i}][1]`)];
  });
};

/**
 * A MARKET_DATA payload (floats, times as bigint, decimal string or safe integer) as the venue's
 * MarketData with bigint times; undefined for kinds the venue does not match against (status).
 * Throws a TypeError on a malformed payload.
 */
export function marketDataOf(payload: unknown): MarketData | undefined {
  const p = (payload ?? {}) as Wire;
  const symbol = p.symbol;
  if (typeof symbol !== 'string' || symbol === '') throw new TypeError('market data: missing symbol');
  switch (p.kind) {
    case 'trade': {
      const aggressor = p.aggressor === 'buy' || p.aggressor === 'sell' ? p.aggressor : undefined;
      return {
        kind: 'trade',
        symbol,
        price: num(p.price, 'price'),
        size: num(p.size, 'size'),
        ...(aggressor ? { aggressor } : {}),
        tsNs: parseNanos(p.tsNs),
      };
    }
    case 'quote':
      return {
        kind: 'quote',
        symbol,
        bid: num(p.bid, 'bid'),
        ask: num(p.ask, 'ask'),
        bidSize: num(p.bidSize, 'bidSize'),
        askSize: num(p.askSize, 'askSize'),
        tsNs: parseNanos(p.tsNs),
      };
    case 'bar':
      return {
        kind: 'bar',
        symbol,
        spec: String(p.spec),
        open: num(p.open, 'open'),
        high: num(p.high, 'high'),
        low: num(p.low, 'low'),
        close: num(p.close, 'close'),
        volume: num(p.volume, 'volume'),
        startNs: parseNanos(p.startNs),
        endNs: parseNanos(p.endNs),
      };
    case 'book':
      return {
        kind: 'book',
        symbol,
        bids: levels(p.bids, 'bids'),
        asks: levels(p.asks, 'asks'),
        tsNs: parseNanos(p.tsNs),
      };
    default:
      return undefined;
  }
}
