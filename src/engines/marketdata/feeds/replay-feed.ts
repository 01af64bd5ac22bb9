import type { Clock } from '../../../core/clock.ts';
import type { Logger } from '../../../core/logger.ts';
import type { Nanos } from '../../../domain/time.ts';
import { symbolFromFileName } from '../../../marketdata/files/file-name.ts';
import type { BadRow } from '../../../marketdata/files/file-record.ts';
import {
  type MarketDataFileReader,
  readMarketDataFile,
} from '../../../marketdata/files/read-market-data-file.ts';
import type { FeedEvent } from '../../../marketdata/hub/live-market.ts';
import { mergeByEventTime } from '../../../marketdata/replay/merge-by-event-time.ts';
import { ReplayPacer, type ReplaySpeed } from '../../../marketdata/replay/replay-pacer.ts';
import type { LiveFeed } from './live-feed.ts';

export interface ReplayFeedOptions {
  clock: Clock;
  logger: Logger;
  files: readonly string[];
  speed: ReplaySpeed;
  badRows: 'skip' | 'fail';
  /** Overrides the symbol for every file (one-file replays of symbol-less layouts). */
  symbol?: string;
  /** Lockstep: awaited before each record after the first (see ReplayPacerOptions.settle). */
  settle?: () => Promise<void>;
}

/** Files from disk, merged by event time and paced by the clock at the chosen speed. */
export class ReplayFeed implements LiveFeed {
  readonly name = 'replay';
  readonly symbols: readonly string[];
  finished = false;
  badRows = 0;
  failure: string | undefined;
  private readonly readers: MarketDataFileReader[];
  private pacer: ReplayPacer | undefined;
  private delivered = 0;
  private lastEventNs: Nanos | undefined;

  constructor(private readonly options: ReplayFeedOptions) {
    if (options.files.length === 0)
      throw new RangeError('marketdata: feed "replay" needs replay.files (CSV or Parquet paths)');
    const onBadRow = (row: BadRow) => {
      this.badRows++;
      options.logger.warn({ file: row.path, line: row.line, reason: row.reason }, 'bad row skipped');
    };
    this.readers = options.files.map((path) =>
      readMarketDataFile(path, { symbol: options.symbol, badRows: options.badRows, onBadRow }),
    );
    this.symbols = options.symbol ? [options.symbol] : [...new Set(options.files.map(symbolFromFileName))];
  }

  start(emit: (event: FeedEvent) => void): void {
    const { clock, speed, logger } = this.options;
    this.pacer = new ReplayPacer(mergeByEventTime(this.readers), {
      clock,
      speed,
      settle: this.options.settle,
      onRecord: ({ record, eventNs }) => {
        this.lastEventNs = eventNs;
        this.delivered++;
        emit(record);
      },
    });
    logger.info({ files: this.options.files, speed }, 'replaying market-data files');
    this.pacer.run().then(
      (progress) => {
        this.finished = true;
        logger.info({ delivered: progress.delivered, badRows: this.badRows }, 'replay finished');
      },
      (error: Error) => {
        this.finished = true;
        this.failure = error.message;
        logger.error({ err: error }, 'replay failed');
      },
    );
  }

  stop(): void {
    this.pacer?.stop();
  }

  timeNs(): Nanos {
    return this.lastEventNs ?? this.options.clock.nowNs();
  }

  detail(): string {
    const state = this.failure ? `failed: ${this.failure}` : this.finished ? 'finished' : 'running';
    return `replay of ${this.options.files.length} file(s) at speed ${this.options.speed}: ${state}, ${this.delivered} records, ${this.badRows} bad rows`;
  }
}
