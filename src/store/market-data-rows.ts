import type { MarketDataPayload } from '../domain/payloads.ts';
import type { BarRow, BookSnapshotRow, QuoteRow, TradeRow } from './rows.ts';

export type MarketDataRecord =
  | { table: 'trades'; row: TradeRow }
  | { table: 'quotes'; row: QuoteRow }
  | { table: 'bars'; row: BarRow }
  | { table: 'book_snapshots'; row: BookSnapshotRow };

/** The table row of a `market_data.*` payload; feed-status alerts are not market data (null). */
export function marketDataRecord(payload: MarketDataPayload): MarketDataRecord | null {
  switch (payload.kind) {
    case 'trade':
      return {
        table: 'trades',
        row: {
          tsNs: payload.tsNs,
          symbol: payload.symbol,
          price: payload.price,
          size: payload.size,
          aggressor: payload.aggressor ?? null,
          tradeId: payload.tradeId ?? null,
        },
      };
    case 'quote': {
      const { kind: _, ...row } = payload;
      return { table: 'quotes', row };
    }
    case 'bar': {
      const { kind: _, ...row } = payload;
      return { table: 'bars', row };
    }
    case 'book':
      return {
        table: 'book_snapshots',
        row: { tsNs: payload.tsNs, symbol: payload.symbol, bids: payload.bids, asks: payload.asks },
      };
    default:
      return null;
  }
}
