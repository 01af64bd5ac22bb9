import type { Nanos } from '../../domain/time.ts';
import type { Instrument } from '../instruments/instrument.ts';
import { Order } from '../orders/order.ts';
import type { OrderEvent } from '../orders/order-events.ts';
import { laterNs } from './session.ts';
import type { VenueEvent } from './venue-types.ts';

/** The venue's own copy of an order plus matching state. */
export interface Working {
  readonly order: Order;
  instrument: Instrument | undefined;
  /** Time priority: order of arrival at the matching engine. */
  seq: number;
  /** Reached the matching engine (children: also activated or waiting for their parent). */
  arrived: boolean;
  /** When it reached the matching engine: a bar that began earlier cannot fill it (no look-ahead). */
  arrivedNs: Nanos;
  triggered: boolean;
  /** IOC/FOK not yet past its first matching opportunity. */
  fresh: boolean;
  expiryNs: Nanos | undefined;
  fills: number;
}

export type EventHook = (w: Working, event: OrderEvent) => void;

/** A copy of `order` in status initialized (the venue advances it with the events it emits). */
export function cloneOrder(order: Order): Order {
  return new Order({
    id: order.id,
    strategyId: order.strategyId,
    instrumentId: order.instrumentId,
    side: order.side,
    type: order.type,
    quantity: order.quantity,
    price: order.price,
    triggerPrice: order.triggerPrice,
    timeInForce: order.timeInForce,
    expireTimeNs: order.expireTimeNs,
    reduceOnly: order.reduceOnly,
    postOnly: order.postOnly,
    contingency: order.contingency,
    parentOrderId: order.parentOrderId,
    linkedOrderIds: order.linkedOrderIds,
    tsInitNs: order.tsInitNs,
  });
}

/**
 * Orders known to the venue. `emit` applies each event to the venue's copy first (so only legal
 * transitions leave the venue), then records it in the output of the current call.
 */
export class OrderStore {
  readonly out: VenueEvent[] = [];
  hook: EventHook | undefined;
  private readonly byId = new Map<string, Working>();
  /** Arrived orders not yet seen terminal, in arrival order: matching never scans finished orders. */
  private readonly live = new Set<Working>();
  private seq = 0;

  has(id: string): boolean {
    return this.byId.has(id);
  }
  get(id: string): Working | undefined {
    return this.byId.get(id);
  }

  add(order: Order, instrument: Instrument | undefined): Working {
    const w: Working = {
      order,
      instrument,
      seq: 0,
      arrived: false,
      arrivedNs: 0n,
      triggered: false,
      fresh: false,
      expiryNs: undefined,
      fills: 0,
    };
    this.byId.set(order.id, w);
    return w;
  }

  /** Marks arrival at the matching engine and assigns time priority. */
  arrive(w: Working, atNs: Nanos): void {
    this.seq += 1;
    w.seq = this.seq;
    w.arrived = true;
    w.arrivedNs = atNs;
    this.live.add(w);
  }

  /** Arrived orders only: contingency rules do not see orders still in flight. */
  readonly lookup = (id: string): Order | undefined => {
    const w = this.byId.get(id);
    return w?.arrived ? w.order : undefined;
  };

  /** Working orders (of one instrument when given) in time priority. */
  /** Cheap pre-check for per-event paths: false means working() is empty. */
  get hasLive(): boolean {
    return this.live.size > 0;
  }

  working(instrumentId?: string): Working[] {
    const out: Working[] = [];
    for (const w of this.live) {
      if (w.order.isTerminal) this.live.delete(w);
      else if (w.order.isWorking && (instrumentId === undefined || w.order.instrumentId === instrumentId))
        out.push(w);
    }
    return out.sort((a, b) => a.seq - b.seq);
  }

  emit(w: Working, event: OrderEvent, silent = false): void {
    const tsNs = laterNs(event.tsNs, w.order.tsLastNs);
    const stamped = { ...event, tsNs } as OrderEvent;
    w.order.apply(stamped);
    this.out.push(stamped);
    if (!silent) this.hook?.(w, stamped);
  }

  drain(): VenueEvent[] {
    return this.out.splice(0, this.out.length);
  }
}
