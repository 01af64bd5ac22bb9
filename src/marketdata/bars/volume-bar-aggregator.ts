import type { Nanos } from '../../domain/time.ts';
import { BarBuilder, checkTrade } from './bar-builder.ts';
import { specOf } from './bar-spec.ts';
import type { Bar, BarAggregator, TradeTick } from './bar-types.ts';

/** Relative tolerance so float sizes such as 0.1 + 0.2 still fill a 0.3 bar exactly once. */
const RELATIVE_EPSILON = 1e-9;

/**
 * A bar every `volumePerBar` traded; a trade crossing the boundary is split so each bar holds
 * exactly the target and the remainder opens the next bar (one trade may complete several bars).
 * startNs/endNs are the times of the first and last trade contributing to the bar.
 */
export class VolumeBarAggregator implements BarAggregator {
  readonly spec: string;
  private readonly builder: BarBuilder;
  private readonly epsilon: number;
  private lastNs: Nanos | undefined;

  constructor(
    readonly symbol: string,
    readonly volumePerBar: number,
  ) {
    if (!Number.isFinite(volumePerBar) || volumePerBar <= 0)
      throw new RangeError(`${symbol}: volumePerBar must be a positive number, got ${volumePerBar}`);
    this.spec = specOf('volume', volumePerBar);
    this.builder = new BarBuilder(symbol, this.spec);
    this.epsilon = volumePerBar * RELATIVE_EPSILON;
  }

  add(trade: TradeTick): Bar[] {
    checkTrade(this.symbol, this.spec, trade, this.lastNs);
    this.lastNs = trade.tsNs;
    const completed: Bar[] = [];
    let left = trade.size;
    for (;;) {
      const need = this.volumePerBar - this.builder.volume;
      if (left < need - this.epsilon) {
        this.builder.add(trade.price, left, trade.tsNs);
        return completed;
      }
      this.builder.add(trade.price, need, trade.tsNs);
      completed.push(this.builder.close(undefined, this.volumePerBar));
      left -= need;
      if (left <= this.epsilon) return completed;
    }
  }
}
