import type { Nanos } from '../../domain/time.ts';
import type { Instrument } from '../instruments/instrument.ts';
import { type Bracket, createBracket } from '../orders/contingent.ts';
import { Order } from '../orders/order.ts';
import { OrderIdGenerator } from '../orders/order-id.ts';
import type { OrderInit, OrderSide } from '../orders/order-types.ts';
import { snapPrice, snapQuantity } from './grid.ts';
import type {
  BracketSpec,
  InstrumentLookup,
  OrderOptions,
  PriceInput,
  QuantityInput,
} from './strategy-context.ts';

/**
 * Builds (does not submit) orders for one strategy: ids "O-<strategyId>-<n>" from an
 * OrderIdGenerator, quantities and prices snapped onto the instrument grid, tsInit = clock now.
 */
export class OrderFactory {
  readonly strategyId: string;
  private readonly ids: OrderIdGenerator;
  private readonly instruments: InstrumentLookup;
  private readonly clock: { nowNs(): Nanos };

  constructor(strategyId: string, instruments: InstrumentLookup, clock: { nowNs(): Nanos }, startAt = 0) {
    this.strategyId = strategyId;
    this.ids = new OrderIdGenerator(strategyId, startAt);
    this.instruments = instruments;
    this.clock = clock;
  }

  /** Number of ids handed out so far. */
  get count(): number {
    return this.ids.count;
  }

  market(symbol: string, side: OrderSide, quantity: QuantityInput, opts: OrderOptions = {}): Order {
    return this.build(symbol, side, quantity, {
      type: 'market',
      ...opts,
      timeInForce: opts.timeInForce ?? 'IOC',
    });
  }

  limit(
    symbol: string,
    side: OrderSide,
    quantity: QuantityInput,
    price: PriceInput,
    opts: OrderOptions = {},
  ) {
    return this.build(symbol, side, quantity, { type: 'limit', ...opts }, price);
  }

  stop(
    symbol: string,
    side: OrderSide,
    quantity: QuantityInput,
    trigger: PriceInput,
    opts: OrderOptions = {},
  ) {
    return this.build(symbol, side, quantity, { type: 'stop', ...opts }, undefined, trigger);
  }

  stopLimit(
    symbol: string,
    side: OrderSide,
    quantity: QuantityInput,
    price: PriceInput,
    trigger: PriceInput,
    opts: OrderOptions = {},
  ): Order {
    return this.build(symbol, side, quantity, { type: 'stop-limit', ...opts }, price, trigger);
  }

  bracket(spec: BracketSpec): Bracket {
    const instrument = this.instruments.get(spec.symbol);
    return createBracket(this.ids, {
      strategyId: this.strategyId,
      instrumentId: instrument.id,
      side: spec.side,
      quantity: snapQuantity(instrument, spec.quantity),
      ...(spec.entry === undefined ? {} : { entryPrice: snapPrice(instrument, spec.entry) }),
      takeProfitPrice: snapPrice(instrument, spec.takeProfit),
      stopLossTriggerPrice: snapPrice(instrument, spec.stopLoss),
      ...(spec.entryTimeInForce ? { entryTimeInForce: spec.entryTimeInForce } : {}),
      tsInitNs: this.clock.nowNs(),
    });
  }

  instrument(symbol: string): Instrument {
    return this.instruments.get(symbol);
  }

  private build(
    symbol: string,
    side: OrderSide,
    quantity: QuantityInput,
    rest: Pick<OrderInit, 'type'> & OrderOptions,
    price?: PriceInput,
    trigger?: PriceInput,
  ): Order {
    const instrument = this.instruments.get(symbol);
    const init: OrderInit = {
      ...rest,
      id: '',
      strategyId: this.strategyId,
      instrumentId: instrument.id,
      side,
      quantity: snapQuantity(instrument, quantity),
      tsInitNs: this.clock.nowNs(),
    };
    if (price !== undefined) init.price = snapPrice(instrument, price);
    if (trigger !== undefined) init.triggerPrice = snapPrice(instrument, trigger);
    init.id = this.ids.next();
    return new Order(init);
  }
}
