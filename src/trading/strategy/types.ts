import type { MarketDataPayload } from '../../domain/payloads.ts';
import type { Nanos } from '../../domain/time.ts';

/** Market data as it arrives on `market_data.*` (validated payloads of domain/payloads.ts). */
export type Bar = Extract<MarketDataPayload, { kind: 'bar' }>;
export type QuoteTick = Extract<MarketDataPayload, { kind: 'quote' }>;
export type TradeTick = Extract<MarketDataPayload, { kind: 'trade' }>;
export type BookSnapshot = Extract<MarketDataPayload, { kind: 'book' }>;

/** An analytics message a strategy subscribed to, e.g. `{ topic: 'vpin.calculation.AAPL', payload }`. */
export interface SignalEvent {
  readonly topic: string;
  readonly payload: Readonly<Record<string, unknown>>;
}

export type Direction = 'long' | 'short' | 'flat';

/** What a strategy asks to publish on `strategy.signal.<strategy>.<symbol>`. */
export interface SignalRequest {
  symbol: string;
  direction: Direction;
  /** Conviction in [0, 1] when the strategy has one. */
  strength?: number;
  reason?: string;
}

/** A published strategy signal: the STRATEGY_SIGNAL payload plus its time. */
export interface StrategySignal extends SignalRequest {
  readonly strategy: string;
  readonly tsNs: Nanos;
}
