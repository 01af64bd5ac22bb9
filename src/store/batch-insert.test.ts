import { describe, expect, it } from 'vitest';
import { insertStatement } from './batch-insert.ts';
import { marketDataRecord } from './market-data-rows.ts';

describe('insertStatement', () => {
  it('unnests one array per column, casting JSON text to jsonb', () => {
    expect(insertStatement('book_snapshots')).toBe(
      'INSERT INTO book_snapshots (ts_ns, symbol, bids, asks) SELECT u.ts_ns, u.symbol, u.bids::jsonb, u.asks::jsonb ' +
        'FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[]) AS u(ts_ns, symbol, bids, asks)',
    );
  });

  it('upserts state tables on their key, updating every other column', () => {
    expect(insertStatement('positions')).toMatch(
      /ON CONFLICT \(account_id, instrument_id\) DO UPDATE SET quantity = EXCLUDED\.quantity, avg_price = EXCLUDED\.avg_price, realized_pnl = EXCLUDED\.realized_pnl, currency = EXCLUDED\.currency, updated_ns = EXCLUDED\.updated_ns$/,
    );
    expect(insertStatement('trades')).not.toContain('ON CONFLICT');
  });
});

describe('marketDataRecord', () => {
  it('maps each market-data payload to its table row, and feed status to nothing', () => {
    const tsNs = 5n;
    expect(marketDataRecord({ kind: 'trade', symbol: 'ES', price: 5000.25, size: 2, tsNs })).toEqual({
      table: 'trades',
      row: { tsNs, symbol: 'ES', price: 5000.25, size: 2, aggressor: null, tradeId: null },
    });
    const quote = { kind: 'quote', symbol: 'ES', bid: 1, ask: 2, bidSize: 3, askSize: 4, tsNs } as const;
    expect(marketDataRecord(quote)).toEqual({
      table: 'quotes',
      row: { symbol: 'ES', bid: 1, ask: 2, bidSize: 3, askSize: 4, tsNs },
    });
    const bar = {
      kind: 'bar',
      symbol: 'ES',
      spec: '1m',
      open: 1,
      high: 2,
      low: 0.5,
      close: 1.5,
      volume: 9,
    } as const;
    expect(marketDataRecord({ ...bar, startNs: 0n, endNs: 60n })?.table).toBe('bars');
    expect(marketDataRecord({ kind: 'book', symbol: 'ES', bids: [[1, 2]], asks: [], tsNs })).toEqual({
      table: 'book_snapshots',
      row: { tsNs, symbol: 'ES', bids: [[1, 2]], asks: [] },
    });
    // biome-ignore format: one payload
    expect(marketDataRecord({ kind: 'status', symbol: 'ES', feed: 'ibkr', state: 'stale', lastEventNs: 1n, silentMs: 5, tsNs })).toBeNull();
  });
});
