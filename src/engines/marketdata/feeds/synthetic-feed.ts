import type { Clock } from '../../../core/clock.ts';
import type { Logger } from '../../../core/logger.ts';
import { msToNs, type Nanos } from '../../../domain/time.ts';
import type { FeedEvent } from '../../../marketdata/hub/live-market.ts';
import { DEFAULT_INSTRUMENTS } from '../../../marketdata/synthetic/instruments.ts';
import { SyntheticMarket } from '../../../marketdata/synthetic/synthetic-market.ts';
import type { LiveFeed } from './live-feed.ts';

export interface SyntheticFeedOptions {
  clock: Clock;
  logger: Logger;
  seed: number;
  tickMs: number;
  rateScale: number;
  symbols?: readonly string[];
  timerName: string;
}

/**
 * The embedded default: a seeded SyntheticMarket whose event time starts at the clock's now.
 * Every `tickMs` it emits the events that are due (tsNs <= now).
 */
export class SyntheticFeed implements LiveFeed {
  readonly name = 'synthetic';
  readonly symbols: readonly string[];
  readonly finished = false;
  private readonly market: SyntheticMarket;

  constructor(private readonly options: SyntheticFeedOptions) {
    let instruments = DEFAULT_INSTRUMENTS;
    if (options.symbols) {
      const known = new Set(DEFAULT_INSTRUMENTS.map((spec) => spec.symbol));
      const unknown = options.symbols.filter((symbol) => !known.has(symbol));
      if (unknown.length > 0)
        throw new RangeError(
          `marketdata: unknown symbol(s) ${unknown.join(', ')} (known: ${[...known].join(', ')})`,
        );
      instruments = DEFAULT_INSTRUMENTS.filter((spec) => options.symbols!.includes(spec.symbol));
    }
    this.market = new SyntheticMarket(
      { instruments, dynamics: { rateScale: options.rateScale }, startNs: options.clock.nowNs() },
      options.seed,
    );
    this.symbols = this.market.symbols;
  }

  start(emit: (event: FeedEvent) => void): void {
    const { clock, tickMs, timerName, seed, rateScale, logger } = this.options;
    clock.setTimer(timerName, msToNs(tickMs), () => {
      for (const event of this.market.eventsUntil(clock.nowNs())) emit(event);
    });
    logger.info({ seed, tickMs, rateScale, symbols: this.symbols }, 'publishing the synthetic market');
  }

  stop(): void {
    this.options.clock.cancel(this.options.timerName);
  }

  timeNs(): Nanos {
    return this.options.clock.nowNs();
  }

  detail(): string {
    return `synthetic market (seed ${this.options.seed})`;
  }
}
