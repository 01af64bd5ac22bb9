import type { Nanos } from '../../domain/time.ts';
import type { Instrument } from '../instruments/instrument.ts';
import type { Fixed } from '../money/fixed.ts';
import type { Bracket } from '../orders/contingent.ts';
import type { Order } from '../orders/order.ts';
import type { OrderSide, TimeInForce } from '../orders/order-types.ts';
import type { SignalRequest, StrategySignal } from './types.ts';

/** A number (snapped to the instrument grid, half-even) or an exact Fixed (rounded to the grid). */
export type QuantityInput = number | Fixed;
export type PriceInput = number | Fixed;

export interface OrderOptions {
  /** Default: IOC for market orders, GTC otherwise. */
  timeInForce?: TimeInForce;
  /** Required for GTD. */
  expireTimeNs?: Nanos;
  reduceOnly?: boolean;
  /** Limit orders only. */
  postOnly?: boolean;
}

export interface BracketSpec {
  symbol: string;
  side: OrderSide;
  quantity: QuantityInput;
  /** Limit entry price; a market entry when omitted. */
  entry?: PriceInput;
  /** Limit price of the take-profit exit. */
  takeProfit: PriceInput;
  /** Trigger price of the stop-loss exit. */
  stopLoss: PriceInput;
  entryTimeInForce?: TimeInForce;
}

/** Creates orders with deterministic ids ("O-<strategyId>-<n>") and submits them. */
export interface StrategyOrders {
  market(symbol: string, side: OrderSide, quantity: QuantityInput, opts?: OrderOptions): Order;
  limit(
    symbol: string,
    side: OrderSide,
    quantity: QuantityInput,
    price: PriceInput,
    opts?: OrderOptions,
  ): Order;
  stop(
    symbol: string,
    side: OrderSide,
    quantity: QuantityInput,
    triggerPrice: PriceInput,
    opts?: OrderOptions,
  ): Order;
  stopLimit(
    symbol: string,
    side: OrderSide,
    quantity: QuantityInput,
    price: PriceInput,
    triggerPrice: PriceInput,
    opts?: OrderOptions,
  ): Order;
  /** Submits the entry; the exits wait (initialized) until the entry fills. */
  bracket(spec: BracketSpec): Bracket;
  /** Requests a cancel; false when the order is unknown or already terminal. */
  cancel(orderId: string): boolean;
  /** Cancels every open order (of one symbol when given); returns the ids asked to cancel. */
  cancelAll(symbol?: string): string[];
}

/** Time and timers; a fired timer calls the strategy's `onTimer(name)`. */
export interface StrategyClock {
  nowNs(): Nanos;
  setTimer(name: string, intervalNs: Nanos, opts?: { startNs?: Nanos; stopNs?: Nanos }): void;
  setTimeAlert(name: string, atNs: Nanos): void;
  cancel(name: string): boolean;
  timerNames(): string[];
}

/** By id ("AAPL.SIM") or bare symbol ("AAPL"); InstrumentRegistry satisfies it. */
export interface InstrumentLookup {
  find(symbolOrId: string): Instrument | undefined;
  get(symbolOrId: string): Instrument;
}

export interface PositionSnapshot {
  symbol: string;
  instrumentId: string;
  /** Signed net quantity: positive long, negative short, zero flat (at the size precision). */
  quantity: Fixed;
  /** Average open price, half-even at price precision + 4 decimals; undefined when flat. */
  avgPrice: Fixed | undefined;
}

export interface StrategyLog {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** Everything a strategy may touch. No bus, no I/O: the runtime behind it decides where things go. */
export interface StrategyContext {
  readonly strategyId: string;
  readonly clock: StrategyClock;
  readonly instruments: InstrumentLookup;
  readonly orders: StrategyOrders;
  position(symbol: string): PositionSnapshot;
  /** Non-terminal orders of this strategy (of one symbol when given), in creation order. */
  openOrders(symbol?: string): readonly Order[];
  publishSignal(signal: SignalRequest): StrategySignal;
  readonly log: StrategyLog;
}
