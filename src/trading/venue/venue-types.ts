import type { Nanos } from '../../domain/time.ts';
import type { Price, Quantity } from '../money/price.ts';
import type { OrderEvent } from '../orders/order-events.ts';

/** Market data the venue matches against (the MARKET_DATA payload shapes of domain/payloads.ts). */
export interface TradeData {
  kind: 'trade';
  symbol: string;
  price: number;
  size: number;
  aggressor?: 'buy' | 'sell';
  tsNs: Nanos;
}
export interface QuoteData {
  kind: 'quote';
  symbol: string;
  bid: number;
  ask: number;
  bidSize: number;
  askSize: number;
  tsNs: Nanos;
}
export interface BarData {
  kind: 'bar';
  symbol: string;
  spec: string;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
  startNs: Nanos;
  endNs: Nanos;
}
export interface BookData {
  kind: 'book';
  symbol: string;
  bids: Array<[number, number]>;
  asks: Array<[number, number]>;
  tsNs: Nanos;
}
export type MarketData = TradeData | QuoteData | BarData | BookData;
export type MarketDataKind = MarketData['kind'];

/**
 * A cancel or modify the venue refused where the order state machine has no legal event
 * (unknown order, order already terminal, invalid amendment). Not an OrderEvent: do not apply it.
 */
export interface CommandRejected {
  readonly type: 'command_rejected';
  readonly command: 'submit' | 'cancel' | 'modify';
  readonly orderId: string;
  readonly reason: string;
  readonly tsNs: Nanos;
}

/** What the venue reports: order events (apply them in order) and command rejections. */
export type VenueEvent = OrderEvent | CommandRejected;

export function isOrderEvent(event: VenueEvent): event is OrderEvent {
  return event.type !== 'command_rejected';
}

/** A price level an order can take from; `remaining` null = unlimited (bars). */
export interface Level {
  readonly price: Price;
  remaining: Quantity | null;
}

export interface Amendment {
  price?: Price;
  triggerPrice?: Price;
  quantity?: Quantity;
}
