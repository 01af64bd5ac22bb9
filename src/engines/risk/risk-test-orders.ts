import type { MessageBus } from '../../bus/message-bus.ts';
import type { Clock } from '../../core/clock.ts';
import { topics } from '../../domain/topics.ts';
import { Fixed } from '../../trading/money/fixed.ts';
import { Money } from '../../trading/money/money.ts';
import { eventPayload, submitCommand } from '../../trading/orders/order-messages.ts';
import type { OrderInit } from '../../trading/orders/order-types.ts';

/** Limit orders of strategy `t` on AAPL as a strategy submits them, and their fills as execution reports them. */
export function riskTestOrders(bus: Pick<MessageBus, 'publish'>, clock: Clock) {
  let n = 0;
  const submit = (side: 'buy' | 'sell', quantity: string, price = '190.00') => {
    const init: OrderInit = {
      id: `O-t-${++n}`,
      strategyId: 't',
      instrumentId: 'AAPL.SIM',
      side,
      type: 'limit',
      quantity: Fixed.parse(quantity),
      price: Fixed.parse(price),
      tsInitNs: clock.nowNs(),
    };
    bus.publish({
      engine: 'strategy',
      topic: topics.order.submit('t'),
      payload: submitCommand(init, 'AAPL'),
      eventTimeNs: clock.nowNs(),
    });
    return init;
  };
  const fill = (init: OrderInit) =>
    bus.publish({
      engine: 'execution',
      topic: topics.order.event('filled', 'AAPL'),
      payload: eventPayload(init, 'AAPL', {
        type: 'filled',
        orderId: init.id,
        tsNs: clock.nowNs(),
        fillId: `${init.id}-1`,
        lastPrice: init.price!,
        lastQty: init.quantity,
        commission: Money.of('1.00', 'USD'),
        liquidity: 'taker',
      }),
    });
  return { submit, fill };
}
