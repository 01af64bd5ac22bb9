import type { MarketDataPayload } from '../../domain/payloads.ts';
import type { Nanos } from '../../domain/time.ts';
import type { Bar } from '../bars/bar-types.ts';

export type FeedEvent = Extract<MarketDataPayload, { kind: 'trade' | 'quote' | 'book' | 'bar' }>;

export interface LiveQuote {
  symbol: string;
  bid?: number;
  ask?: number;
  bidSize?: number;
  askSize?: number;
  /** Event time of the quote. */
  quoteNs?: Nanos;
  last?: number;
  lastSize?: number;
  tradeNs?: Nanos;
  /** Clock time the latest event for the symbol arrived (what staleness is measured from). */
  receivedNs: Nanos;
}

/** The latest state of every live symbol: top of book, last trade, and a window of recent bars. */
export class LiveMarket {
  private readonly quotes = new Map<string, LiveQuote>();
  private readonly barWindows = new Map<string, Bar[]>();

  constructor(private readonly barHistory = 500) {}

  onEvent(event: FeedEvent, receivedNs: Nanos): void {
    const state = this.stateOf(event.symbol, receivedNs);
    state.receivedNs = receivedNs;
    switch (event.kind) {
      case 'quote':
        state.bid = event.bid;
        state.ask = event.ask;
        state.bidSize = event.bidSize;
        state.askSize = event.askSize;
        state.quoteNs = event.tsNs;
        break;
      case 'trade':
        state.last = event.price;
        state.lastSize = event.size;
        state.tradeNs = event.tsNs;
        break;
      case 'bar':
        this.onBar(event);
        state.last = event.close;
        state.tradeNs = event.endNs;
        break;
      case 'book':
        break;
    }
  }

  /** Bars built by the hub's aggregators (file bars arrive through onEvent). */
  onBar(bar: Bar): void {
    const id = `${bar.symbol}\u0000${bar.spec}`;
    let window = this.barWindows.get(id);
    if (!window) {
      window = [];
      this.barWindows.set(id, window);
    }
    window.push(bar);
    if (window.length > this.barHistory * 2) window.splice(0, window.length - this.barHistory);
  }

  quote(symbol: string): LiveQuote | undefined {
    return this.quotes.get(symbol);
  }

  /** The most recent `limit` bars of a symbol at a spec, oldest first. */
  bars(symbol: string, spec: string, limit = this.barHistory): Bar[] {
    const window = this.barWindows.get(`${symbol}\u0000${spec}`) ?? [];
    return window.slice(-Math.min(limit, this.barHistory));
  }

  barSpecs(symbol: string): string[] {
    const prefix = `${symbol}\u0000`;
    return [...this.barWindows.keys()]
      .filter((id) => id.startsWith(prefix))
      .map((id) => id.slice(prefix.length));
  }

  symbols(): string[] {
    return [...this.quotes.keys()].sort();
  }

  /** Declares a symbol live before its first event so staleness covers a feed that never starts. */
  expect(symbol: string, sinceNs: Nanos): void {
    this.stateOf(symbol, sinceNs);
  }

  private stateOf(symbol: string, receivedNs: Nanos): LiveQuote {
    let state = this.quotes.get(symbol);
    if (!state) {
      state = { symbol, receivedNs };
      this.quotes.set(symbol, state);
    }
    return state;
  }
}
