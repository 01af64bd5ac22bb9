import type { Nanos } from '../../domain/time.ts';
import { BarBuilder, checkTrade } from './bar-builder.ts';
import { specOf } from './bar-spec.ts';
import type { Bar, BarAggregator, TradeTick } from './bar-types.ts';

/**
 * Bars over [k·interval, (k+1)·interval) since the epoch, so every process cuts the same bars.
 * A bar closes when a trade lands in a later interval or on `flush`; empty intervals yield no bar.
 */
export class TimeBarAggregator implements BarAggregator {
  readonly spec: string;
  private readonly builder: BarBuilder;
  private barStartNs: Nanos | undefined;
  private lastNs: Nanos | undefined;
  /** End of the last emitted bar: a trade before it would reopen a published bar. */
  private closedUntilNs: Nanos | undefined;

  constructor(
    readonly symbol: string,
    readonly intervalNs: Nanos,
  ) {
    this.spec = specOf('time', intervalNs);
    this.builder = new BarBuilder(symbol, this.spec);
  }

  add(trade: TradeTick): Bar[] {
    checkTrade(this.symbol, this.spec, trade, this.lastNs);
    if (this.closedUntilNs !== undefined && trade.tsNs < this.closedUntilNs)
      throw new RangeError(
        `${this.symbol} ${this.spec}: late trade at ${trade.tsNs} ns, its bar already closed at ${this.closedUntilNs} ns`,
      );
    this.lastNs = trade.tsNs;
    const startNs = this.alignedStart(trade.tsNs);
    const completed = this.barStartNs !== undefined && startNs !== this.barStartNs ? [this.closeBar()] : [];
    this.barStartNs = startNs;
    this.builder.add(trade.price, trade.size, trade.tsNs);
    return completed;
  }

  /** Emits the open bar if its interval has ended by `untilNs` (driven by a clock timer). */
  flush(untilNs: Nanos): Bar[] {
    if (this.barStartNs === undefined || untilNs < this.barStartNs + this.intervalNs) return [];
    return [this.closeBar()];
  }

  private closeBar(): Bar {
    const startNs = this.barStartNs!;
    const endNs = startNs + this.intervalNs;
    this.barStartNs = undefined;
    this.closedUntilNs = endNs;
    return this.builder.close({ startNs, endNs });
  }

  /** Floor, not truncation, so pre-epoch times still align. */
  private alignedStart(tsNs: Nanos): Nanos {
    const offset = ((tsNs % this.intervalNs) + this.intervalNs) % this.intervalNs;
    return tsNs - offset;
  }
}
