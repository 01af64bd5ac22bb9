import type { StoreRows } from './rows.ts';
import type { StoreTables } from './store.ts';

/** Append-only time-series tables the writer batches into. */
export type BatchTable =
  | 'trades'
  | 'quotes'
  | 'bars'
  | 'book_snapshots'
  | 'vpin_series'
  | 'factor_values'
  | 'account_snapshots'
  | 'risk_metrics';

export interface WriterOptions {
  /** Rows per INSERT (default 2,000); a full batch is flushed at once. */
  batchSize?: number;
  /** A partial batch waits at most this long (default 200 ms). */
  flushIntervalMs?: number;
  /** Rows held in memory, all tables together (default 200,000); beyond that a write is refused and counted. */
  maxBuffered?: number;
  /** Attempts per batch before it is given up (default 6). */
  maxAttempts?: number;
  /** First retry delay, doubled per attempt up to retryMaxMs (defaults 100 ms, 5,000 ms). */
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** Told about every batch given up (to log it): the rows are counted, never dropped silently. */
  onGiveUp?: (table: BatchTable, rows: number, error: Error) => void;
}

export interface WriterCounters {
  /** Rows accepted by write(). */
  accepted: number;
  /** Rows committed to the store. */
  written: number;
  batches: number;
  /** Failed attempts that were retried. */
  retries: number;
  /** Rows of batches that failed every attempt. */
  givenUp: number;
  /** Rows refused by write() because the buffer was full (the store is down or too slow). */
  overflowed: number;
  /** Rows refused by write() after close(). */
  refusedClosed: number;
  /** Rows waiting in memory, including the batch being written. */
  buffered: number;
}

const sleep = (ms: number) =>
  new Promise<void>((resolve) => {
    setTimeout(resolve, ms);
  });

/**
 * Batches time-series rows into the store without ever making the caller wait: write() only
 * appends to an in-memory buffer; one background loop flushes full batches at once and partial
 * ones after flushIntervalMs, retrying a failed batch with exponential back-off. Every row ends up
 * in exactly one counter: written, givenUp, overflowed or refusedClosed.
 */
export class MarketDataWriter {
  private readonly buffers = new Map<BatchTable, unknown[]>();
  private readonly options: Required<Omit<WriterOptions, 'onGiveUp'>> & Pick<WriterOptions, 'onGiveUp'>;
  private readonly stats: WriterCounters = {
    accepted: 0,
    written: 0,
    batches: 0,
    retries: 0,
    givenUp: 0,
    overflowed: 0,
    refusedClosed: 0,
    buffered: 0,
  };
  private loop: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;
  /** Set by the timer and flush(): write partial batches too, not only full ones. */
  private partial = false;

  constructor(
    private readonly store: StoreTables,
    options: WriterOptions = {},
  ) {
    this.options = {
      batchSize: 2_000,
      flushIntervalMs: 200,
      maxBuffered: 200_000,
      maxAttempts: 6,
      retryBaseMs: 100,
      retryMaxMs: 5_000,
      ...options,
    };
  }

  /** Buffers one row; false when it was refused (closed or buffer full), which is counted. */
  write<T extends BatchTable>(table: T, row: StoreRows[T]): boolean {
    if (this.closed) {
      this.stats.refusedClosed++;
      return false;
    }
    if (this.stats.buffered >= this.options.maxBuffered) {
      this.stats.overflowed++;
      return false;
    }
    let buffer = this.buffers.get(table);
    if (!buffer) {
      buffer = [];
      this.buffers.set(table, buffer);
    }
    buffer.push(row);
    this.stats.accepted++;
    this.stats.buffered++;
    if (buffer.length >= this.options.batchSize) this.kick(false);
    else this.armTimer();
    return true;
  }

  counters(): WriterCounters {
    return { ...this.stats };
  }

  /** Resolves when every row buffered so far is written or given up. */
  async flush(): Promise<void> {
    while (this.stats.buffered > 0) await this.kick(true);
  }

  /** Refuses further writes, then flushes what it holds (retries included). */
  async close(): Promise<void> {
    this.closed = true;
    await this.flush();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private armTimer(): void {
    this.timer ??= setTimeout(() => void this.kick(true), this.options.flushIntervalMs).unref();
  }

  private kick(partial: boolean): Promise<void> {
    if (partial) {
      this.partial = true;
      if (this.timer) clearTimeout(this.timer);
      this.timer = null;
    }
    this.loop ??= this.drain().finally(() => {
      this.loop = null;
      this.partial = false;
      // Rows that arrived during the last batch and do not fill one wait for the timer.
      if (this.stats.buffered > 0) this.armTimer();
    });
    return this.loop;
  }

  /** Round-robin over the tables, so a busy table (trades) cannot starve a quiet one (bars). */
  private async drain(): Promise<void> {
    const { batchSize } = this.options;
    for (let wrote = true; wrote; ) {
      wrote = false;
      for (const [table, buffer] of this.buffers) {
        if (buffer.length === 0 || (buffer.length < batchSize && !this.partial)) continue;
        const batch = buffer.splice(0, batchSize);
        await this.writeBatch(table, batch);
        this.stats.buffered -= batch.length;
        wrote = true;
      }
    }
  }

  private async writeBatch(table: BatchTable, rows: unknown[]): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.store.insert(table, rows as StoreRows[BatchTable][]);
        this.stats.written += rows.length;
        this.stats.batches++;
        return;
      } catch (error) {
        if (attempt >= this.options.maxAttempts) {
          this.stats.givenUp += rows.length;
          this.options.onGiveUp?.(table, rows.length, error as Error);
          return;
        }
        this.stats.retries++;
        const { retryBaseMs, retryMaxMs } = this.options;
        await sleep(Math.min(retryMaxMs, retryBaseMs * 2 ** (attempt - 1)));
      }
    }
  }
}
