import type { Clock } from '../../../core/clock.ts';
import type { Logger } from '../../../core/logger.ts';
import type { Nanos } from '../../../domain/time.ts';
import type { FeedEvent } from '../../../marketdata/hub/live-market.ts';
import { IBKR_DEFAULT_WS_URL, IbkrMarketDataStream } from '../../../marketdata/sources/ibkr/ibkr-stream.ts';
import type { LiveFeed } from './live-feed.ts';

export interface IbkrFeedOptions {
  clock: Clock;
  logger: Logger;
  conids: Record<string, number>;
  keepAliveMs: number;
  /** The gateway's REST base URL (https://host:port/v1/api); the WebSocket is `<base>/ws`. */
  baseUrl?: string;
}

/** Live quotes from the IBKR Client Portal WebSocket, with keep-alive and resubscribe on reconnect. */
export class IbkrFeed implements LiveFeed {
  readonly name = 'ibkr';
  readonly symbols: readonly string[];
  readonly finished = false;
  private readonly stream: IbkrMarketDataStream;
  private emit: ((event: FeedEvent) => void) | undefined;

  constructor(private readonly options: IbkrFeedOptions) {
    this.symbols = Object.keys(options.conids);
    if (this.symbols.length === 0)
      throw new RangeError('marketdata: feed "ibkr" needs ibkr.conids, e.g. {"AAPL": 265598}');
    const url = options.baseUrl
      ? `${options.baseUrl.replace(/^http/, 'ws').replace(/\/$/, '')}/ws`
      : IBKR_DEFAULT_WS_URL;
    this.stream = new IbkrMarketDataStream({
      url,
      clock: options.clock,
      keepAliveMs: options.keepAliveMs,
      onQuote: (quote) => {
        const { bid, ask, bidSize, askSize } = quote;
        if (bid === undefined || ask === undefined) return;
        this.emit?.({
          kind: 'quote',
          symbol: quote.symbol,
          bid,
          ask,
          bidSize: bidSize ?? 0,
          askSize: askSize ?? 0,
          tsNs: quote.tsNs,
        });
      },
      onStatus: (status) => {
        if (status.type === 'closed' || status.type === 'error')
          options.logger.warn({ status }, 'IBKR market-data stream interrupted');
      },
    });
  }

  start(emit: (event: FeedEvent) => void): void {
    this.emit = emit;
    this.stream.start();
    for (const [symbol, conid] of Object.entries(this.options.conids)) this.stream.subscribe(conid, symbol);
  }

  async stop(): Promise<void> {
    await this.stream.close();
  }

  timeNs(): Nanos {
    return this.options.clock.nowNs();
  }

  detail(): string {
    const state = this.stream.connected ? 'connected' : 'disconnected';
    return `IBKR WebSocket ${state}, ${this.stream.reconnects} reconnects, ${this.symbols.length} subscriptions`;
  }
}
