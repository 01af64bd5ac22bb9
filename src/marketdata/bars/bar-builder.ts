import type { Nanos } from '../../domain/time.ts';
import type { Bar, TradeTick } from './bar-types.ts';

interface OpenBar {
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
  firstNs: Nanos;
  lastNs: Nanos;
}

/** Accumulates OHLCV for the bar under construction; the aggregators decide when it closes. */
export class BarBuilder {
  private current: OpenBar | undefined;
  private trades = 0;

  constructor(
    readonly symbol: string,
    readonly spec: string,
  ) {}

  /** Trades in the open bar (a split trade counts in each bar it feeds). */
  get count(): number {
    return this.trades;
  }

  get volume(): number {
    return this.current?.volume ?? 0;
  }

  add(price: number, size: number, tsNs: Nanos): void {
    this.trades++;
    const bar = this.current;
    if (!bar) {
      this.current = {
        open: price,
        high: price,
        low: price,
        close: price,
        volume: size,
        firstNs: tsNs,
        lastNs: tsNs,
      };
      return;
    }
    if (price > bar.high) bar.high = price;
    if (price < bar.low) bar.low = price;
    bar.close = price;
    bar.volume += size;
    bar.lastNs = tsNs;
  }

  /** Closes the open bar; `volume` overrides float dust when a bar must end exactly on its target. */
  close(span?: { startNs: Nanos; endNs: Nanos }, volume?: number): Bar {
    const bar = this.current;
    if (!bar) throw new Error(`${this.symbol} ${this.spec}: no open bar to close`);
    this.current = undefined;
    this.trades = 0;
    return {
      kind: 'bar',
      symbol: this.symbol,
      spec: this.spec,
      open: bar.open,
      high: bar.high,
      low: bar.low,
      close: bar.close,
      volume: volume ?? bar.volume,
      startNs: span?.startNs ?? bar.firstNs,
      endNs: span?.endNs ?? bar.lastNs,
    };
  }
}

/** Shared input checks: right symbol, and never earlier than the previous trade. */
export function checkTrade(symbol: string, spec: string, trade: TradeTick, lastNs: Nanos | undefined): void {
  if (trade.symbol !== symbol)
    throw new Error(`${symbol} ${spec} aggregator: got a trade for ${trade.symbol}`);
  if (lastNs !== undefined && trade.tsNs < lastNs)
    throw new RangeError(
      `${symbol} ${spec}: out-of-order trade at ${trade.tsNs} ns, earlier than the previous at ${lastNs} ns`,
    );
}
