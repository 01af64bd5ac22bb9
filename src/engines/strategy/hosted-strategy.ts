import type { MarketDataPayload } from '../../domain/payloads.ts';
import type { OrderEvent } from '../../trading/orders/order-events.ts';
import type { Strategy } from '../../trading/strategy/strategy.ts';
import type { SignalEvent } from '../../trading/strategy/types.ts';
import type { BusStrategyContext } from './bus-strategy-context.ts';

export interface HostedStrategyOptions {
  name: string;
  strategy: Strategy<unknown>;
  context: BusStrategyContext;
  /** Only bars of this spec reach onBar. */
  barSpec: string;
  /** A handler threw: the strategy keeps running (a rethrow would make the bus redeliver). */
  onError: (strategyId: string, where: string, error: unknown) => void;
}

/**
 * One strategy as the engine runs it: routes market data of its symbol (bars of its spec),
 * analytics signals and its own order events to the strategy's handlers, each guarded.
 */
export class HostedStrategy {
  readonly name: string;
  readonly strategy: Strategy<unknown>;
  readonly context: BusStrategyContext;
  readonly barSpec: string;
  /** Symbol and instrument id it trades, when its params name one (otherwise it hears every symbol). */
  readonly symbols: ReadonlySet<string> | undefined;
  /** The instrument symbol it trades ("AAPL"), when it has one. */
  readonly symbol: string | undefined;
  errors = 0;
  private readonly onError: HostedStrategyOptions['onError'];

  constructor(opts: HostedStrategyOptions) {
    this.name = opts.name;
    this.strategy = opts.strategy;
    this.context = opts.context;
    this.barSpec = opts.barSpec;
    this.onError = opts.onError;
    const symbol = (opts.strategy.params as { symbol?: unknown } | undefined)?.symbol;
    if (typeof symbol === 'string') {
      const instrument = opts.context.instruments.find(symbol);
      this.symbols = new Set([symbol, ...(instrument ? [instrument.symbol, instrument.id] : [])]);
      this.symbol = instrument?.symbol ?? symbol;
    }
  }

  get id(): string {
    return this.strategy.id;
  }

  onMarketData(data: MarketDataPayload): void {
    if (this.symbols && !this.symbols.has(data.symbol)) return;
    switch (data.kind) {
      case 'bar':
        if (data.spec === this.barSpec) this.guard('onBar', () => this.strategy.onBar(data));
        return;
      case 'quote':
        this.guard('onQuote', () => this.strategy.onQuote(data));
        return;
      case 'trade':
        this.guard('onTrade', () => this.strategy.onTrade(data));
        return;
      case 'book':
        this.guard('onBook', () => this.strategy.onBook(data));
        return;
      default:
        return;
    }
  }

  onSignal(signal: SignalEvent): void {
    this.guard('onSignal', () => this.strategy.onSignal(signal));
  }

  /** Updates the order (and position), then tells the strategy; repeats and misfits stop here. */
  onOrderEvent(event: OrderEvent): void {
    if (this.context.applyEvent(event)) this.guard('onOrderEvent', () => this.strategy.onOrderEvent(event));
  }

  onTimer(name: string): void {
    this.guard('onTimer', () => this.strategy.onTimer(name));
  }

  stop(): void {
    this.guard('onStop', () => this.strategy.onStop());
    this.context.clock.cancelAll();
  }

  private guard(where: string, fn: () => void): void {
    try {
      fn();
    } catch (error) {
      this.errors++;
      this.onError(this.id, where, error);
    }
  }
}
