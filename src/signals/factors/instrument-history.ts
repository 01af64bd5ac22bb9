import { RingBuffer } from '../features/ring-buffer.ts';
import { TradeClassifier } from '../features/trade-flow.ts';
import type { BarHistoryView } from './factor-types.ts';

/**
 * The last `capacity` bars of one instrument (close, volume, signed volume) for the factor
 * formulas, with its trades classified into each bar's buy and sell volume.
 */
export class InstrumentHistory {
  private readonly closes: RingBuffer;
  private readonly volumes: RingBuffer;
  private readonly signed: RingBuffer;
  private readonly classifier = new TradeClassifier();

  constructor(readonly capacity: number) {
    this.closes = new RingBuffer(capacity);
    this.volumes = new RingBuffer(capacity);
    this.signed = new RingBuffer(capacity);
  }

  get length(): number {
    return this.closes.length;
  }

  onTrade(trade: { price: number; size: number; aggressor?: 'buy' | 'sell'; tsNs: bigint }): void {
    this.classifier.onTrade(trade);
  }

  onBar(bar: { close: number; volume: number; endNs: bigint }): void {
    const flow = this.classifier.onBar(bar);
    this.closes.push(bar.close);
    this.volumes.push(bar.volume);
    this.signed.push(flow.buy - flow.sell);
  }

  view(): BarHistoryView {
    return {
      closes: this.closes.toArray(),
      volumes: this.volumes.toArray(),
      signedVolumes: this.signed.toArray(),
    };
  }
}
