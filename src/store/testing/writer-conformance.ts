import { describe, expect, it } from 'vitest';
import { waitFor } from '../../bus/testing/wait-for.ts';
import { MarketDataWriter } from '../market-data-writer.ts';
import type { TradeRow } from '../rows.ts';
import type { Store } from '../store.ts';

const T0 = 1_763_769_600_000_000_000n;
const trade = (i: number): TradeRow => ({
  tsNs: T0 + BigInt(i),
  symbol: i % 2 ? 'AAPL' : 'MSFT',
  price: 100 + i / 100,
  size: i,
  aggressor: i % 3 ? 'buy' : 'sell',
  tradeId: `t-${i}`,
});
const countTrades = async (store: Store) =>
  Number((await store.query<{ n: bigint }>('SELECT count(*) AS n FROM trades'))[0]!.n);

/** The market-data writer on a real store: batching, retry, give-up and overflow counting. */
export function runWriterConformance(open: () => Promise<Store>): void {
  describe('MarketDataWriter', () => {
    it('writes in batches of batchSize and flushes the partial rest on close', async () => {
      const store = await open();
      const writer = new MarketDataWriter(store, { batchSize: 100, flushIntervalMs: 60_000 });
      for (let i = 0; i < 250; i++) expect(writer.write('trades', trade(i))).toBe(true);
      await waitFor(() => writer.counters().written === 200, 'two full batches, no timer needed');
      await writer.close();
      // biome-ignore format: counters
      expect(writer.counters()).toEqual({ accepted: 250, written: 250, batches: 3, retries: 0, givenUp: 0, overflowed: 0, refusedClosed: 0, buffered: 0 });
      expect(await store.read('trades', { where: { tradeId: 't-249' } })).toEqual([trade(249)]);
      expect(await countTrades(store)).toBe(250);
      expect(writer.write('trades', trade(250))).toBe(false);
      expect(writer.counters().refusedClosed).toBe(1);
    });

    it('retries a failed batch with back-off until the table is back, losing nothing', async () => {
      const store = await open();
      const writer = new MarketDataWriter(store, {
        batchSize: 50,
        retryBaseMs: 5,
        retryMaxMs: 20,
        maxAttempts: 1_000,
      });
      await store.exec('ALTER TABLE trades RENAME TO trades_away');
      for (let i = 0; i < 120; i++) writer.write('trades', trade(i));
      const flushed = writer.flush();
      await waitFor(() => writer.counters().retries >= 3, 'failed attempts while the table is away');
      expect(writer.counters().written).toBe(0);
      await store.exec('ALTER TABLE trades_away RENAME TO trades');
      await flushed;
      const counters = writer.counters();
      expect([counters.written, counters.givenUp, counters.buffered]).toEqual([120, 0, 0]);
      expect(await countTrades(store)).toBe(120);
      await writer.close();
    });

    it('gives a batch up after maxAttempts and counts its rows, then carries on', async () => {
      const store = await open();
      const givenUp: [string, number, string][] = [];
      const writer = new MarketDataWriter(store, {
        batchSize: 30,
        maxAttempts: 3,
        retryBaseMs: 1,
        onGiveUp: (table, rows, error) => givenUp.push([table, rows, error.message]),
      });
      await store.exec('ALTER TABLE quotes RENAME TO quotes_away');
      for (let i = 0; i < 40; i++) {
        writer.write('quotes', { tsNs: T0 + BigInt(i), symbol: 'X', bid: 1, ask: 2, bidSize: 1, askSize: 1 });
      }
      writer.write('trades', trade(1));
      await writer.flush();
      expect(writer.counters()).toMatchObject({
        accepted: 41,
        written: 1,
        givenUp: 40,
        retries: 4,
        buffered: 0,
      });
      expect(givenUp.map(([table, rows]) => [table, rows])).toEqual([
        ['quotes', 30],
        ['quotes', 10],
      ]);
      expect(givenUp[0]![2]).toMatch(/quotes/);
      await store.exec('ALTER TABLE quotes_away RENAME TO quotes');
      await writer.close();
    });

    it('refuses and counts writes beyond maxBuffered instead of growing without bound', async () => {
      const store = await open();
      const writer = new MarketDataWriter(store, {
        batchSize: 1_000,
        maxBuffered: 10,
        flushIntervalMs: 60_000,
      });
      const accepted = Array.from({ length: 15 }, (_, i) => writer.write('trades', trade(i)));
      expect(accepted.filter(Boolean)).toHaveLength(10);
      expect(writer.counters()).toMatchObject({ accepted: 10, overflowed: 5, buffered: 10 });
      await writer.close();
      expect(await countTrades(store)).toBe(10);
    });
  });
}
