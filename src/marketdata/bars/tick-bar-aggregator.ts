import type { Nanos } from '../../domain/time.ts';
import { BarBuilder, checkTrade } from './bar-builder.ts';
import { specOf } from './bar-spec.ts';
import type { Bar, BarAggregator, TradeTick } from './bar-types.ts';

/** A bar every `ticksPerBar` trades; startNs/endNs are the first and last trade times. */
export class TickBarAggregator implements BarAggregator {
  readonly spec: string;
  private readonly builder: BarBuilder;
  private lastNs: Nanos | undefined;

  constructor(
    readonly symbol: string,
    readonly ticksPerBar: number,
  ) {
    if (!Number.isSafeInteger(ticksPerBar) || ticksPerBar <= 0)
      throw new RangeError(`${symbol}: ticksPerBar must be a positive integer, got ${ticksPerBar}`);
    this.spec = specOf('tick', ticksPerBar);
    this.builder = new BarBuilder(symbol, this.spec);
  }

  add(trade: TradeTick): Bar[] {
    checkTrade(this.symbol, this.spec, trade, this.lastNs);
    this.lastNs = trade.tsNs;
    this.builder.add(trade.price, trade.size, trade.tsNs);
    return this.builder.count === this.ticksPerBar ? [this.builder.close()] : [];
  }
}
