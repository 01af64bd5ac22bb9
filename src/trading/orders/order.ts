import type { Nanos } from '../../domain/time.ts';
import { conflict, invalid } from '../errors.ts';
import { Fixed } from '../money/fixed.ts';
import type { Money } from '../money/money.ts';
import type { Price, Quantity } from '../money/price.ts';
import { Ratio } from '../money/ratio.ts';
import type { RoundingMode } from '../money/rounding.ts';
import type { OrderEvent, OrderFilled, OrderUpdated } from './order-events.ts';
import { assertTransition } from './order-state.ts';
import type {
  ContingencyType,
  OrderInit,
  OrderSide,
  OrderStatus,
  OrderType,
  TimeInForce,
} from './order-types.ts';
import { TERMINAL_STATUSES } from './order-types.ts';
import { validateOrderInit } from './order-validation.ts';

/** An order and its state, advanced only by `apply(event)`. */
export class Order {
  readonly id: string;
  readonly strategyId: string;
  readonly instrumentId: string;
  readonly side: OrderSide;
  readonly type: OrderType;
  readonly timeInForce: TimeInForce;
  readonly expireTimeNs: Nanos | undefined;
  readonly reduceOnly: boolean;
  readonly postOnly: boolean;
  readonly contingency: ContingencyType;
  readonly parentOrderId: string | undefined;
  readonly linkedOrderIds: readonly string[];
  readonly tsInitNs: Nanos;
  quantity: Quantity;
  price: Price | undefined;
  triggerPrice: Price | undefined;
  status: OrderStatus = 'initialized';
  filledQty: Quantity;
  /** Exact sum of lastPrice * lastQty over fills. */
  filledNotional: Fixed;
  venueOrderId: string | undefined;
  rejectReason: string | undefined;
  tsLastNs: Nanos;
  readonly commissions = new Map<string, Money>();
  readonly events: OrderEvent[] = [];
  private readonly fillIds = new Set<string>();
  private beforeCancel: OrderStatus | undefined;

  constructor(init: OrderInit) {
    validateOrderInit(init);
    this.id = init.id;
    this.strategyId = init.strategyId;
    this.instrumentId = init.instrumentId;
    this.side = init.side;
    this.type = init.type;
    this.timeInForce = init.timeInForce ?? 'GTC';
    this.expireTimeNs = init.expireTimeNs;
    this.reduceOnly = init.reduceOnly ?? false;
    this.postOnly = init.postOnly ?? false;
    this.contingency = init.contingency ?? 'none';
    this.parentOrderId = init.parentOrderId;
    this.linkedOrderIds = Object.freeze([...(init.linkedOrderIds ?? [])]);
    this.tsInitNs = init.tsInitNs;
    this.tsLastNs = init.tsInitNs;
    this.quantity = init.quantity;
    this.price = init.price;
    this.triggerPrice = init.triggerPrice;
    this.filledQty = Fixed.zero(init.quantity.scale);
    this.filledNotional = Fixed.zero();
  }

  get leavesQty(): Quantity {
    return this.quantity.sub(this.filledQty);
  }
  get isTerminal(): boolean {
    return TERMINAL_STATUSES.has(this.status);
  }
  /** Resting at the venue (can still fill). */
  get isWorking(): boolean {
    return ['accepted', 'triggered', 'partially_filled', 'pending_cancel'].includes(this.status);
  }
  /** Exact average fill price (a Ratio), undefined before the first fill. */
  get avgPx(): Ratio | undefined {
    if (this.filledQty.isZero()) return undefined;
    return Ratio.fromFixed(this.filledNotional).div(this.filledQty);
  }
  /** Average fill price rounded to `scale` decimals. */
  avgPxAt(scale: number, mode: RoundingMode = 'half-even'): Price | undefined {
    return this.avgPx?.toFixed(scale, mode);
  }

  apply(event: OrderEvent): this {
    if (event.orderId !== this.id) throw invalid(`event for ${event.orderId} applied to order ${this.id}`);
    if (event.tsNs < this.tsLastNs) {
      throw conflict(
        `order ${this.id}: ${event.type} at ${event.tsNs} is before last event ${this.tsLastNs}`,
      );
    }
    switch (event.type) {
      case 'accepted':
        this.move('accepted');
        this.venueOrderId = event.venueOrderId ?? this.venueOrderId;
        break;
      case 'rejected':
        this.move('rejected');
        this.rejectReason = event.reason;
        break;
      case 'triggered':
        if (this.type !== 'stop' && this.type !== 'stop-limit') {
          throw conflict(`order ${this.id}: ${this.type} order cannot be triggered`, { orderId: this.id });
        }
        this.move('triggered');
        break;
      case 'pending_cancel':
        if (this.status !== 'pending_cancel') this.beforeCancel = this.status;
        this.move('pending_cancel');
        break;
      case 'cancel_rejected':
        if (this.status !== 'pending_cancel' || !this.beforeCancel) {
          throw conflict(`order ${this.id}: cancel rejected while ${this.status}`, { orderId: this.id });
        }
        this.move(this.beforeCancel);
        break;
      case 'expired':
        if (this.timeInForce !== 'GTD' && this.timeInForce !== 'DAY') {
          throw conflict(`order ${this.id}: ${this.timeInForce} order cannot expire`, { orderId: this.id });
        }
        this.move('expired');
        break;
      case 'filled':
        this.fill(event);
        break;
      case 'updated':
        this.update(event);
        break;
      default:
        this.move(event.type);
    }
    this.tsLastNs = event.tsNs;
    this.events.push(event);
    return this;
  }

  private move(to: OrderStatus): void {
    assertTransition(this.id, this.status, to);
    this.status = to;
  }

  private fill(event: OrderFilled): void {
    if (this.fillIds.has(event.fillId)) throw conflict(`order ${this.id}: duplicate fill ${event.fillId}`);
    if (!event.lastQty.isPositive()) throw invalid(`order ${this.id}: fill quantity must be positive`);
    if (!event.lastPrice.isPositive()) throw invalid(`order ${this.id}: fill price must be positive`);
    if (event.lastQty.gt(this.leavesQty)) {
      throw conflict(`order ${this.id}: overfill, ${event.lastQty} > leaves ${this.leavesQty}`, {
        orderId: this.id,
        fillId: event.fillId,
      });
    }
    const done = event.lastQty.eq(this.leavesQty);
    if (this.status === 'pending_cancel' && !done) {
      this.beforeCancel = 'partially_filled';
    } else {
      this.move(done ? 'filled' : 'partially_filled');
    }
    this.fillIds.add(event.fillId);
    this.filledQty = this.filledQty.add(event.lastQty);
    this.filledNotional = this.filledNotional.add(event.lastPrice.mul(event.lastQty));
    const code = event.commission.currency;
    const prior = this.commissions.get(code);
    this.commissions.set(code, prior ? prior.add(event.commission) : event.commission);
  }

  private update(event: OrderUpdated): void {
    if (!['initialized', 'accepted', 'triggered', 'partially_filled'].includes(this.status)) {
      throw conflict(`order ${this.id}: cannot update while ${this.status}`, { orderId: this.id });
    }
    if (event.quantity?.lte(this.filledQty)) {
      throw invalid(`order ${this.id}: new quantity ${event.quantity} must exceed filled ${this.filledQty}`);
    }
    if (event.price && !this.price) throw invalid(`order ${this.id}: ${this.type} order has no price`);
    if (event.triggerPrice && (!this.triggerPrice || this.status === 'triggered')) {
      throw invalid(`order ${this.id}: trigger price cannot be updated`);
    }
    this.quantity = event.quantity ?? this.quantity;
    this.price = event.price ?? this.price;
    this.triggerPrice = event.triggerPrice ?? this.triggerPrice;
  }
}
