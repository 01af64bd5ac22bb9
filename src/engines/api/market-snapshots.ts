import type { MarketDataPayload } from '../../domain/payloads.ts';
import type { Nanos } from '../../domain/time.ts';

export interface QuoteView {
  bid: number;
  ask: number;
  bidSize: number;
  askSize: number;
  tsNs: Nanos;
}
export interface BookView {
  bids: [number, number][];
  asks: [number, number][];
  tsNs: Nanos;
}
export interface TradeView {
  price: number;
  size: number;
  aggressor: 'buy' | 'sell' | null;
  tsNs: Nanos;
}
export interface MinuteBar {
  startNs: Nanos;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}
export interface MarketSnapshot {
  symbol: string;
  quote: QuoteView | null;
  book: BookView | null;
  /** Oldest first. */
  trades: TradeView[];
  /** 1-minute bars built from the trades, oldest first; the last one may still be open. */
  bars: MinuteBar[];
}

export const MAX_TRADES = 100;
export const MAX_BARS = 500;
const MINUTE_NS = 60_000_000_000n;

/** The latest quote, book, trades and 1-minute bars per symbol, from `market_data.*`. */
export class MarketSnapshots {
  private readonly bySymbol = new Map<string, MarketSnapshot>();

  apply(data: MarketDataPayload): void {
    if (data.kind === 'status') return;
    const snapshot = this.of(data.symbol);
    if (data.kind === 'quote') {
      const { bid, ask, bidSize, askSize, tsNs } = data;
      snapshot.quote = { bid, ask, bidSize, askSize, tsNs };
    } else if (data.kind === 'book') {
      snapshot.book = { bids: data.bids, asks: data.asks, tsNs: data.tsNs };
    } else if (data.kind === 'trade') {
      snapshot.trades.push({
        price: data.price,
        size: data.size,
        aggressor: data.aggressor ?? null,
        tsNs: data.tsNs,
      });
      if (snapshot.trades.length > MAX_TRADES) snapshot.trades.shift();
      addToMinuteBars(snapshot.bars, data.price, data.size, data.tsNs);
    }
  }

  get(symbol: string): MarketSnapshot | undefined {
    return this.bySymbol.get(symbol);
  }

  private of(symbol: string): MarketSnapshot {
    let snapshot = this.bySymbol.get(symbol);
    if (!snapshot) {
      snapshot = { symbol, quote: null, book: null, trades: [], bars: [] };
      this.bySymbol.set(symbol, snapshot);
    }
    return snapshot;
  }
}

/** A trade older than the open bar (out of order) is folded into the open bar rather than reopening history. */
export function addToMinuteBars(bars: MinuteBar[], price: number, size: number, tsNs: Nanos): void {
  const startNs = tsNs - (tsNs % MINUTE_NS);
  const open = bars.at(-1);
  if (open && startNs <= open.startNs) {
    open.high = Math.max(open.high, price);
    open.low = Math.min(open.low, price);
    open.close = price;
    open.volume += size;
    return;
  }
  bars.push({ startNs, open: price, high: price, low: price, close: price, volume: size });
  if (bars.length > MAX_BARS) bars.shift();
}
