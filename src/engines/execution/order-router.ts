import { BoundedIdSet } from '../../core/bounded-id-set.ts';
import type { Nanos } from '../../domain/time.ts';
import { topics } from '../../domain/topics.ts';
import { Order } from '../../trading/orders/order.ts';
import type { OrderEvent } from '../../trading/orders/order-events.ts';
import {
  eventPayload,
  type OrderCommandPayload,
  orderOfCommand,
} from '../../trading/orders/order-messages.ts';
import type { OrderInit } from '../../trading/orders/order-types.ts';
import type { CommandRejected, MarketData, VenueEvent } from '../../trading/venue/venue-types.ts';
import { tradeExecutionPayload } from './trade-execution.ts';
import type { VenueAdapter } from './venue-adapter.ts';

/** A message for the bus: the engine publishes these in order. */
export interface Publication {
  topic: string;
  payload: unknown;
  eventTimeNs: Nanos;
}

export interface RouterLog {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface RouterStats {
  /** Submits handed to the venue. */
  routed: number;
  fills: number;
  /** Orders rejected (by the venue, or here as invalid). */
  rejections: number;
  /** Commands refused without an order event (command_rejected, undecodable, duplicate). */
  commandsRefused: number;
}

interface Tracked {
  readonly order: Order;
  readonly symbol: string;
}

/**
 * The execution logic without the bus: approved commands go to the venue, and every event the venue
 * reports is applied to this engine's copy of the order and turned into publications (order event
 * on `order.event.<type>.<symbol>`, each fill also on `trade.execution.<symbol>`, at the event's time).
 */
/** Without the eviction a live router would keep every order it ever routed. */
const FINISHED_IDS_KEPT = 100_000;

export class OrderRouter {
  readonly stats: RouterStats = { routed: 0, fills: 0, rejections: 0, commandsRefused: 0 };
  /** Orders being worked; a terminal one leaves, and only its id is kept (in `finished`). */
  private readonly orders = new Map<string, Tracked>();
  private readonly open = new Set<string>();
  /** Ids of ended orders, so a submit redelivered after its order ended is still refused. */
  private readonly finished = new BoundedIdSet(FINISHED_IDS_KEPT);

  constructor(
    private readonly venue: VenueAdapter,
    private readonly log: RouterLog,
  ) {}

  get openOrders(): number {
    return this.open.size;
  }

  order(orderId: string): Order | undefined {
    return this.orders.get(orderId)?.order;
  }

  onCommand(command: OrderCommandPayload, nowNs: Nanos): Publication[] {
    if (command.action === 'submit') return this.submit(command, nowNs);
    if (command.action === 'cancel') return this.fromVenue(this.venue.cancel(command.orderId, nowNs));
    return this.refuse(String(command.action), command.orderId, 'unsupported action');
  }

  /** One market data event (undefined: a kind the venue ignores), then time moves to nowNs. */
  onMarketData(data: MarketData | undefined, nowNs: Nanos): Publication[] {
    const out = data ? this.fromVenue(this.venue.onMarketData(data)) : [];
    out.push(...this.fromVenue(this.venue.advanceTo(nowNs)));
    return out;
  }

  /** Events a push-based venue reported outside any call. */
  fromVenue(events: readonly VenueEvent[]): Publication[] {
    const out: Publication[] = [];
    for (const event of events)
      out.push(...(event.type === 'command_rejected' ? this.commandRejected(event) : this.publish(event)));
    return out;
  }

  private submit(command: OrderCommandPayload, nowNs: Nanos): Publication[] {
    let init: OrderInit;
    try {
      init = orderOfCommand(command);
    } catch (error) {
      return this.refuse('submit', command.orderId, `undecodable order: ${(error as Error).message}`);
    }
    // At-least-once delivery: a redelivered submit must not replace the order being worked.
    if (this.orders.has(init.id) || this.finished.has(init.id))
      return this.refuse('submit', init.id, 'duplicate order id');
    let order: Order;
    try {
      order = new Order(init);
    } catch (error) {
      return this.invalid(init, command.symbol, (error as Error).message, nowNs);
    }
    this.orders.set(order.id, { order, symbol: command.symbol });
    this.open.add(order.id);
    this.stats.routed++;
    return this.fromVenue(this.venue.submit(order, nowNs));
  }

  /** An order no venue could take: submitted then rejected (the legal path from initialized). */
  private invalid(init: OrderInit, symbol: string, reason: string, tsNs: Nanos): Publication[] {
    this.stats.rejections++;
    this.log.warn({ orderId: init.id, reason }, 'invalid order rejected');
    const events: OrderEvent[] = [
      { type: 'submitted', orderId: init.id, tsNs },
      { type: 'rejected', orderId: init.id, reason, tsNs },
    ];
    return events.map((event) => ({
      topic: topics.order.event(event.type, symbol),
      payload: eventPayload(init, symbol, event, 'INVALID_ORDER'),
      eventTimeNs: tsNs,
    }));
  }

  private publish(event: OrderEvent): Publication[] {
    const tracked = this.orders.get(event.orderId);
    if (!tracked) {
      this.log.error(
        { orderId: event.orderId, type: event.type },
        'venue event for an order never routed here',
      );
      return [];
    }
    const { order, symbol } = tracked;
    try {
      order.apply(event);
    } catch (error) {
      // The venue is the authority on its orders: publish anyway, but say the copies diverged.
      this.log.error(
        { err: error, orderId: order.id, type: event.type },
        'venue event does not fit the order',
      );
    }
    if (order.isTerminal) {
      this.open.delete(order.id);
      this.orders.delete(order.id);
      this.finished.add(order.id);
    }
    if (event.type === 'rejected') this.stats.rejections++;
    const out: Publication[] = [
      {
        topic: topics.order.event(event.type, symbol),
        payload: eventPayload(order, symbol, event),
        eventTimeNs: event.tsNs,
      },
    ];
    if (event.type === 'filled') {
      this.stats.fills++;
      out.push({
        topic: topics.trade.execution(symbol),
        payload: tradeExecutionPayload(order, symbol, event),
        eventTimeNs: event.tsNs,
      });
    }
    return out;
  }

  /**
   * A refused command is an order event only where the state machine allows one: a cancel refused
   * while our order is pending_cancel is `cancel_rejected` (the order goes back to its prior state).
   * Otherwise no event is legal: the order is unknown, already terminal (a fill won the race and
   * was reported), or the refused command is a duplicate submit of an order still being worked.
   */
  private commandRejected(rejection: CommandRejected): Publication[] {
    const { command, orderId, reason, tsNs } = rejection;
    this.stats.commandsRefused++;
    this.log.warn({ command, orderId, reason }, 'venue refused command');
    if (command === 'cancel' && this.orders.get(orderId)?.order.status === 'pending_cancel')
      return this.publish({ type: 'cancel_rejected', orderId, reason, tsNs });
    return [];
  }

  private refuse(command: string, orderId: string, reason: string): Publication[] {
    this.stats.commandsRefused++;
    this.log.warn({ command, orderId, reason }, 'command refused');
    return [];
  }
}
