import { describe, expect, it } from 'vitest';
import { defaultInstrumentRegistry } from '../../trading/instruments/defaults.ts';
import { Fixed } from '../../trading/money/fixed.ts';
import { Money } from '../../trading/money/money.ts';
import { eventPayload, submitCommand } from '../../trading/orders/order-messages.ts';
import { OrderFactory } from '../../trading/strategy/order-factory.ts';
import { orderInitOf } from '../strategy/order-init.ts';
import { OrderJournal } from './order-journal.ts';

const factory = new OrderFactory('s', defaultInstrumentRegistry(), { nowNs: () => 5n });

describe('OrderJournal', () => {
  it('keeps a denied order with its reason and code, and a filled one with its fill and average price', () => {
    const journal = new OrderJournal();
    const denied = factory.market('AAPL', 'buy', 10);
    expect(journal.onSubmit(submitCommand(orderInitOf(denied), 'AAPL'), 6n)?.orders?.[0]?.status).toBe(
      'submitted',
    );
    const rejected = journal.onEvent(
      eventPayload(
        denied,
        'AAPL',
        { type: 'rejected', orderId: denied.id, reason: 'too big', tsNs: 7n },
        'MAX_POSITION',
      ),
      7n,
    );
    expect(rejected.orders?.[0]).toMatchObject({
      status: 'rejected',
      data: { reason: 'too big', code: 'MAX_POSITION' },
    });

    const filled = factory.market('AAPL', 'buy', 10);
    journal.onSubmit(submitCommand(orderInitOf(filled), 'AAPL'), 8n);
    journal.onEvent(eventPayload(filled, 'AAPL', { type: 'accepted', orderId: filled.id, tsNs: 9n }), 9n);
    const fill = journal.onEvent(
      eventPayload(filled, 'AAPL', {
        type: 'filled',
        orderId: filled.id,
        fillId: `${filled.id}-F1`,
        lastPrice: Fixed.parse('190.00'),
        lastQty: Fixed.parse('10'),
        commission: Money.of('0.38', 'USD'),
        liquidity: 'taker',
        tsNs: 10n,
      }),
      10n,
    );
    expect(fill.orders?.[0]).toMatchObject({ status: 'filled', filledQty: '10', data: { avgPx: '190' } });
    expect(fill.fills).toEqual([
      expect.objectContaining({
        fillId: `${filled.id}-F1`,
        price: '190.00',
        quantity: '10',
        commission: '0.38',
      }),
    ]);
    expect(fill.events?.[0]?.data).toMatchObject({ status: 'filled', orderId: filled.id });
    expect(journal.openOrders()).toHaveLength(0);
  });

  it('writes history only for events of an order it never saw submitted, and counts them', () => {
    const journal = new OrderJournal();
    const stranger = factory.market('AAPL', 'sell', 1);
    const update = journal.onEvent(
      eventPayload(stranger, 'AAPL', { type: 'canceled', orderId: stranger.id, tsNs: 3n }),
      3n,
    );
    expect(update.orders).toBeUndefined();
    expect(update.events).toHaveLength(1);
    expect(journal.unknownOrderEvents).toBe(1);
  });
});
