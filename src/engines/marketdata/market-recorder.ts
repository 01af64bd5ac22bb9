import type { Logger } from '../../core/logger.ts';
import type { MarketDataPayload } from '../../domain/payloads.ts';
import { marketDataRecord } from '../../store/market-data-rows.ts';
import { MarketDataWriter, type WriterCounters } from '../../store/market-data-writer.ts';
import type { Store } from '../../store/store.ts';

export type RecordedKind = 'trade' | 'quote' | 'bar' | 'book';

/**
 * Keeps the market data the hub publishes in the store's time-series tables, for the kinds the
 * config names. The hub never waits for it: rows go to the batching writer, which counts what it
 * could not store (given up after retries, or refused when its buffer is full) and never drops
 * a row silently.
 */
export class MarketRecorder {
  private readonly writer: MarketDataWriter;

  constructor(
    store: Store,
    private readonly kinds: ReadonlySet<string>,
    logger: Logger,
  ) {
    this.writer = new MarketDataWriter(store, {
      onGiveUp: (table, rows, error) =>
        logger.error({ err: error, table, rows }, 'market data rows given up after retries'),
    });
  }

  record(payload: MarketDataPayload): void {
    if (!this.kinds.has(payload.kind)) return;
    const record = marketDataRecord(payload);
    if (record) this.writer.write(record.table, record.row);
  }

  counters(): WriterCounters {
    return this.writer.counters();
  }

  close(): Promise<void> {
    return this.writer.close();
  }
}
