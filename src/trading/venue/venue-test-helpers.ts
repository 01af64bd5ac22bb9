import { defaultInstrumentRegistry } from '../instruments/defaults.ts';
import { fx } from '../money/fixed.ts';
import { Order } from '../orders/order.ts';
import type { OrderInit } from '../orders/order-types.ts';
import { SimulatedVenue } from './simulated-venue.ts';
import type { VenueConfig } from './venue-config.ts';
import { isOrderEvent, type QuoteData, type VenueEvent } from './venue-types.ts';

/** Test fixtures: AAPL.SIM (tick 0.01, lot 1, maker 1 bp, taker 2 bp). */
export function venue(patch: Partial<VenueConfig> = {}): SimulatedVenue {
  return new SimulatedVenue({ instruments: defaultInstrumentRegistry(), ...patch });
}

let n = 0;
export function order(patch: Partial<OrderInit> & Pick<OrderInit, 'type' | 'side'>): Order {
  n += 1;
  const { type } = patch;
  return new Order({
    id: `O-${n}`,
    strategyId: 'S1',
    instrumentId: 'AAPL.SIM',
    quantity: fx('10'),
    timeInForce: type === 'market' ? 'IOC' : 'GTC',
    tsInitNs: 1n,
    ...patch,
  });
}

export function quote(bid: number, ask: number, bidSize: number, askSize: number, tsNs: bigint): QuoteData {
  return { kind: 'quote', symbol: 'AAPL', bid, ask, bidSize, askSize, tsNs };
}

/** Applies every order event to the matching order (throws on an illegal transition). */
export function applyAll(events: VenueEvent[], ...orders: Order[]): VenueEvent[] {
  for (const e of events) {
    if (!isOrderEvent(e)) continue;
    const target = orders.find((o) => o.id === e.orderId);
    target?.apply(e);
  }
  return events;
}

/** Compact event summary: "type" or "filled qty@px liquidity fee". */
export function brief(events: VenueEvent[]): string[] {
  return events.map((e) => {
    if (e.type === 'filled')
      return `${e.orderId} filled ${e.lastQty}@${e.lastPrice} ${e.liquidity} ${e.commission.amount}`;
    if (e.type === 'rejected' || e.type === 'command_rejected') return `${e.orderId} ${e.type}: ${e.reason}`;
    return `${e.orderId} ${e.type}@${e.tsNs}`;
  });
}
