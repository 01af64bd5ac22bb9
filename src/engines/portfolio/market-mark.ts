import type { MarketDataPayload } from '../../domain/payloads.ts';

export interface MarketMark {
  symbol: string;
  /** Float price from the wire; the tracker snaps it to the instrument's tick. */
  price: number;
  /** A bar close: the equity curve takes a point per bar. */
  isBar: boolean;
}

/** The mark price a market-data message carries: trade price, quote mid, bar close; else none. */
export function markOf(data: MarketDataPayload): MarketMark | undefined {
  switch (data.kind) {
    case 'trade':
      return { symbol: data.symbol, price: data.price, isBar: false };
    case 'quote':
      if (!(data.bid > 0 && data.ask > 0)) return undefined;
      return { symbol: data.symbol, price: (data.bid + data.ask) / 2, isBar: false };
    case 'bar':
      return { symbol: data.symbol, price: data.close, isBar: true };
    default:
      return undefined;
  }
}
