import type { OrderUpdate, Store } from './store.ts';

export interface OrderUpdateWriterOptions {
  /** Attempts per transaction before it is given up (default 8). */
  maxAttempts?: number;
  /** First retry delay, doubled per attempt up to retryMaxMs (defaults 100 ms, 5,000 ms). */
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** Told about every update given up, to log it: the rows are counted, never dropped silently. */
  onGiveUp?: (update: OrderUpdate, error: Error) => void;
}

export interface OrderUpdateCounters {
  /** Updates accepted by write(). */
  accepted: number;
  /** Updates committed. */
  written: number;
  /** Transactions committed (queued updates are merged into one). */
  transactions: number;
  retries: number;
  givenUp: number;
  /** Updates refused after close(). */
  refusedClosed: number;
  pending: number;
}

const sleep = (ms: number) =>
  new Promise<void>((resolve) => {
    setTimeout(resolve, ms);
  });

/** Last row per key: one upsert statement may not touch a row twice. */
function lastByKey<T>(rows: readonly T[], key: (row: T) => string): T[] {
  return [...new Map(rows.map((row) => [key(row), row])).values()];
}

/** Queued updates as one transaction: history rows kept in order, state rows last-wins. */
export function mergeOrderUpdates(updates: readonly OrderUpdate[]): OrderUpdate {
  return {
    orders: lastByKey(
      updates.flatMap((update) => update.orders ?? []),
      (row) => row.orderId,
    ),
    events: updates.flatMap((update) => update.events ?? []),
    fills: lastByKey(
      updates.flatMap((update) => update.fills ?? []),
      (row) => row.fillId,
    ),
    positions: lastByKey(
      updates.flatMap((update) => update.positions ?? []),
      (row) => `${row.accountId}\u0000${row.instrumentId}`,
    ),
  };
}

interface Queued {
  update: OrderUpdate;
  committed: () => void;
  failed: (error: Error) => void;
}

/**
 * Writes order state (orders, events, fills, positions) for the bus handlers that produce it. One
 * background loop commits everything queued so far as one transaction, in arrival order, retrying
 * with back-off while the store is down. write() resolves once its update is committed: a handler
 * that returns it is acked by the bus only then, so a crash loses nothing that was acknowledged
 * (a redelivery after a crash may repeat an event row; orders, fills and positions are upserts).
 */
export class OrderUpdateWriter {
  private readonly queue: Queued[] = [];
  private readonly options: Required<Omit<OrderUpdateWriterOptions, 'onGiveUp'>> &
    Pick<OrderUpdateWriterOptions, 'onGiveUp'>;
  private readonly stats: OrderUpdateCounters = {
    accepted: 0,
    written: 0,
    transactions: 0,
    retries: 0,
    givenUp: 0,
    refusedClosed: 0,
    pending: 0,
  };
  private loop: Promise<void> | null = null;
  private closed = false;

  constructor(
    private readonly store: Pick<Store, 'recordOrderUpdate'>,
    options: OrderUpdateWriterOptions = {},
  ) {
    this.options = { maxAttempts: 8, retryBaseMs: 100, retryMaxMs: 5_000, ...options };
  }

  /** Resolves when committed; rejects when refused after close() or given up after every retry. */
  write(update: OrderUpdate): Promise<void> {
    if (this.closed) {
      this.stats.refusedClosed++;
      return Promise.reject(new Error('order update writer is closed'));
    }
    const written = new Promise<void>((committed, failed) => {
      this.queue.push({ update, committed, failed });
    });
    this.stats.accepted++;
    this.stats.pending++;
    this.loop ??= this.drain().finally(() => {
      this.loop = null;
    });
    return written;
  }

  counters(): OrderUpdateCounters {
    return { ...this.stats };
  }

  async flush(): Promise<void> {
    while (this.loop) await this.loop;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.flush();
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.queue.length);
      await this.commit(batch);
      this.stats.pending -= batch.length;
    }
  }

  private async commit(batch: Queued[]): Promise<void> {
    const merged = mergeOrderUpdates(batch.map((queued) => queued.update));
    for (let attempt = 1; ; attempt++) {
      try {
        await this.store.recordOrderUpdate(merged);
        this.stats.written += batch.length;
        this.stats.transactions++;
        for (const queued of batch) queued.committed();
        return;
      } catch (error) {
        if (attempt >= this.options.maxAttempts) {
          this.stats.givenUp += batch.length;
          this.options.onGiveUp?.(merged, error as Error);
          for (const queued of batch) queued.failed(error as Error);
          return;
        }
        this.stats.retries++;
        const { retryBaseMs, retryMaxMs } = this.options;
        await sleep(Math.min(retryMaxMs, retryBaseMs * 2 ** (attempt - 1)));
      }
    }
  }
}
