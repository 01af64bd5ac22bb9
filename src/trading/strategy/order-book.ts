import type { Bracket } from '../orders/contingent.ts';
import type { Order } from '../orders/order.ts';
import type { OrderSide } from '../orders/order-types.ts';
import type { OrderFactory } from './order-factory.ts';
import type {
  BracketSpec,
  OrderOptions,
  PriceInput,
  QuantityInput,
  StrategyOrders,
} from './strategy-context.ts';

/** Where submitted orders and cancel requests go: a venue simulator, the bus, or a recorder. */
export interface OrderSink {
  submit(order: Order): void;
  cancel(order: Order): void;
}

/**
 * The orders of one strategy (by id, in creation order) and the StrategyOrders API over them:
 * the factory builds, the sink is told. Order state changes only through `Order.apply`.
 */
export class StrategyOrderBook implements StrategyOrders {
  private readonly byId = new Map<string, Order>();
  /** Orders not yet seen terminal, in creation order: open() never scans a long history. */
  private readonly live = new Set<Order>();
  private readonly factory: OrderFactory;
  private readonly sink: OrderSink;

  constructor(factory: OrderFactory, sink: OrderSink) {
    this.factory = factory;
    this.sink = sink;
  }

  get(orderId: string): Order | undefined {
    return this.byId.get(orderId);
  }

  all(): Order[] {
    return [...this.byId.values()];
  }

  /** Non-terminal orders (of one symbol or instrument id when given), in creation order. */
  open(symbol?: string): Order[] {
    const instrumentId = symbol === undefined ? undefined : this.factory.instrument(symbol).id;
    const out: Order[] = [];
    for (const order of this.live) {
      if (order.isTerminal) this.live.delete(order);
      else if (!instrumentId || order.instrumentId === instrumentId) out.push(order);
    }
    return out;
  }

  market(symbol: string, side: OrderSide, quantity: QuantityInput, opts?: OrderOptions): Order {
    return this.submit(this.factory.market(symbol, side, quantity, opts));
  }

  limit(symbol: string, side: OrderSide, quantity: QuantityInput, price: PriceInput, opts?: OrderOptions) {
    return this.submit(this.factory.limit(symbol, side, quantity, price, opts));
  }

  stop(symbol: string, side: OrderSide, quantity: QuantityInput, trigger: PriceInput, opts?: OrderOptions) {
    return this.submit(this.factory.stop(symbol, side, quantity, trigger, opts));
  }

  stopLimit(
    symbol: string,
    side: OrderSide,
    quantity: QuantityInput,
    price: PriceInput,
    trigger: PriceInput,
    opts?: OrderOptions,
  ): Order {
    return this.submit(this.factory.stopLimit(symbol, side, quantity, price, trigger, opts));
  }

  bracket(spec: BracketSpec): Bracket {
    const bracket = this.factory.bracket(spec);
    for (const order of [bracket.entry, bracket.takeProfit, bracket.stopLoss]) {
      this.byId.set(order.id, order);
      this.live.add(order);
    }
    this.sink.submit(bracket.entry);
    return bracket;
  }

  cancel(orderId: string): boolean {
    const order = this.byId.get(orderId);
    if (!order || order.isTerminal) return false;
    this.sink.cancel(order);
    return true;
  }

  cancelAll(symbol?: string): string[] {
    const ids = this.open(symbol).map((o) => o.id);
    for (const id of ids) this.cancel(id);
    return ids;
  }

  private submit(order: Order): Order {
    this.byId.set(order.id, order);
    this.live.add(order);
    this.sink.submit(order);
    return order;
  }
}
