import { describe, expect, it } from 'vitest';
import { createLogger } from '../../core/logger.ts';
import { TestClock } from '../../core/test-clock.ts';
import { defaultInstrumentRegistry } from '../../trading/instruments/defaults.ts';
import { Fixed } from '../../trading/money/fixed.ts';
import { Money } from '../../trading/money/money.ts';
import type { OrderFilled } from '../../trading/orders/order-events.ts';
import { type OrderCommandPayload, orderOfCommand } from '../../trading/orders/order-messages.ts';
import { BusStrategyClock } from './bus-strategy-clock.ts';
import { BusStrategyContext } from './bus-strategy-context.ts';
import { EventTime } from './event-time.ts';
import { strategyLog } from './strategy-log.ts';

function context() {
  const clock = new TestClock(5n);
  const time = new EventTime(clock);
  const sent: Array<[string, object]> = [];
  const ctx = new BusStrategyContext({
    strategyId: 's1',
    instruments: defaultInstrumentRegistry(),
    clock: new BusStrategyClock('s1', clock, time, () => {}),
    log: strategyLog(createLogger({ level: 'silent' }), 's1'),
    publish: (topic, payload) => sent.push([topic, payload]),
  });
  return { ctx, sent, time };
}

const filled = (orderId: string, qty: string, fillNo = 1): OrderFilled => ({
  type: 'filled',
  orderId,
  fillId: `${orderId}-${fillNo}`,
  lastPrice: Fixed.parse('190.00'),
  lastQty: Fixed.parse(qty),
  commission: Money.of('0.10', 'USD'),
  liquidity: 'taker',
  tsNs: 7n,
});

describe('bus strategy context', () => {
  it('publishes a submit command at event time and counts the order as working', () => {
    const { ctx, sent, time } = context();
    const order = time.run(7n, () => ctx.orders.limit('AAPL', 'buy', 10, 189.5));
    expect(sent.map(([topic]) => topic)).toEqual(['order.command.submit.s1']);
    const command = sent[0]![1] as OrderCommandPayload;
    const init = orderOfCommand(command);
    expect([command.symbol, init.id, init.price!.toString(), init.tsInitNs]).toEqual([
      'AAPL',
      'O-s1-1',
      '189.50',
      7n,
    ]);
    expect(order.status).toBe('submitted');
    expect(ctx.openOrders('AAPL').map((o) => o.id)).toEqual(['O-s1-1']);
  });

  it('applies events once: the venue echo of submitted and a repeated fill change nothing', () => {
    const { ctx } = context();
    const order = ctx.orders.market('AAPL', 'buy', 10);
    expect(ctx.applyEvent({ type: 'submitted', orderId: order.id, tsNs: 6n })).toBe(false);
    expect(ctx.applyEvent({ type: 'accepted', orderId: order.id, tsNs: 6n })).toBe(true);
    expect(ctx.applyEvent(filled(order.id, '4'))).toBe(true);
    expect(ctx.applyEvent(filled(order.id, '4'))).toBe(false);
    expect(ctx.applyEvent({ type: 'canceled', orderId: 'O-s1-99', tsNs: 8n })).toBe(false);
    expect(ctx.position('AAPL.SIM').quantity.toString()).toBe('4');
    expect(ctx.position('AAPL').avgPrice?.toString()).toBe('190.000000');
    expect(ctx.stats).toEqual({ sent: 1, cancelsSent: 0, filled: 0, rejected: 0, signals: 0, ignored: 2 });
    expect(ctx.applyEvent(filled(order.id, '6', 2))).toBe(true);
    expect(ctx.stats.filled).toBe(1);
    expect(ctx.openOrders()).toEqual([]);
  });

  it('sends a cancel command and a bracket entry together with its waiting exits', () => {
    const { ctx, sent } = context();
    const order = ctx.orders.limit('AAPL', 'buy', 10, 189);
    expect(ctx.orders.cancel(order.id)).toBe(true);
    expect(sent[1]).toEqual([
      'order.command.cancel.s1',
      { action: 'cancel', orderId: 'O-s1-1', strategyId: 's1', instrumentId: 'AAPL.SIM', symbol: 'AAPL' },
    ]);
    const bracket = ctx.orders.bracket({
      symbol: 'AAPL',
      side: 'buy',
      quantity: 5,
      takeProfit: 200,
      stopLoss: 180,
    });
    const submits = sent.slice(2).map(([, payload]) => orderOfCommand(payload as OrderCommandPayload));
    expect(submits.map((o) => [o.id, o.contingency, o.parentOrderId])).toEqual([
      ['O-s1-2', 'oto', undefined],
      ['O-s1-3', 'oco', 'O-s1-2'],
      ['O-s1-4', 'oco', 'O-s1-2'],
    ]);
    expect([bracket.entry.status, bracket.takeProfit.status, bracket.stopLoss.status]).toEqual([
      'submitted',
      'initialized',
      'initialized',
    ]);
  });

  it('publishes signals on the bare symbol', () => {
    const { ctx, sent, time } = context();
    const signal = time.run(9n, () =>
      ctx.publishSignal({ symbol: 'AAPL.SIM', direction: 'short', strength: 0.5 }),
    );
    expect(sent).toEqual([
      [
        'strategy.signal.s1.AAPL',
        { symbol: 'AAPL', direction: 'short', strength: 0.5, strategy: 's1', tsNs: 9n },
      ],
    ]);
    expect(signal.tsNs).toBe(9n);
  });
});
