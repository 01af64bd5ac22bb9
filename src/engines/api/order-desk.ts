import type { Clock } from '../../core/clock.ts';
import { NautilusError } from '../../core/errors.ts';
import { topics } from '../../domain/topics.ts';
import type { InstrumentRegistry } from '../../trading/instruments/registry.ts';
import { OrderIdGenerator } from '../../trading/orders/order-id.ts';
import { type OrderCommandPayload, submitCommand } from '../../trading/orders/order-messages.ts';
import type { EngineBus } from '../engine-bus.ts';
import { type OrderAnswer, OrderAnswers } from './order-answers.ts';
import { API_STRATEGY_ID } from './order-ids.ts';
import { CLOSED_STATUSES, type OrderView } from './order-records.ts';
import { type OrderBody, orderInitOfBody } from './order-request.ts';

export interface OrderDeskDeps {
  bus: EngineBus;
  clock: Clock;
  instruments: InstrumentRegistry;
  answerMs: number;
  orderOf: (orderId: string) => Promise<OrderView | undefined>;
}

/** Places and cancels orders as strategy `api`: commands to risk on the bus, like any strategy's. */
export class OrderDesk {
  readonly answers: OrderAnswers;
  private ids: OrderIdGenerator | undefined;

  constructor(private readonly deps: OrderDeskDeps) {
    this.answers = new OrderAnswers(deps.clock);
  }

  /** Ids continue after `counterStart` (see orderCounterStart). */
  open(counterStart: number): void {
    this.ids = new OrderIdGenerator(API_STRATEGY_ID, counterStart);
  }

  close(): void {
    this.ids = undefined;
    this.answers.releaseAll();
  }

  async place(body: OrderBody): Promise<OrderAnswer> {
    const ids = this.ids;
    if (!ids) throw new NautilusError('LIFECYCLE', 'the api engine is not running');
    const { bus, clock, instruments } = this.deps;
    const { init, instrument } = orderInitOfBody(body, instruments, () => ids.next(), clock.nowNs());
    // Waiting first: on a synchronous bus the answer arrives while publish() runs.
    const answer = this.answers.wait(init.id, this.deps.answerMs);
    try {
      bus.publish({
        topic: topics.order.submit(API_STRATEGY_ID),
        payload: submitCommand(init, instrument.symbol),
      });
    } catch (error) {
      this.answers.settle({ orderId: init.id, status: 'submitted' });
      throw error;
    }
    return answer;
  }

  /**
   * Cancels one of the API's own open orders (a strategy's orders are the strategy's to cancel);
   * the outcome arrives as order events.
   */
  async cancel(orderId: string): Promise<{ orderId: string; status: 'pending_cancel' }> {
    if (!this.ids) throw new NautilusError('LIFECYCLE', 'the api engine is not running');
    const order = await this.deps.orderOf(orderId);
    if (!order) throw new NautilusError('NOT_FOUND', `no order ${orderId}`);
    if (order.strategyId !== API_STRATEGY_ID)
      throw new NautilusError('FORBIDDEN', `order ${orderId} belongs to strategy ${order.strategyId}`);
    if (CLOSED_STATUSES.has(order.status))
      throw new NautilusError('LIFECYCLE', `order ${orderId} is ${order.status}: nothing to cancel`);
    const instrument = this.deps.instruments.find(order.symbol);
    if (!instrument)
      throw new NautilusError('BAD_REQUEST', `order ${orderId}: unknown symbol ${order.symbol}`);
    const command: OrderCommandPayload = {
      action: 'cancel',
      orderId,
      strategyId: order.strategyId,
      instrumentId: instrument.id,
      symbol: order.symbol,
    };
    this.deps.bus.publish({ topic: topics.order.cancel(API_STRATEGY_ID), payload: command });
    return { orderId, status: 'pending_cancel' };
  }
}
