import { describe, expect, it } from 'vitest';
import { fx } from '../money/fixed.ts';
import { type Bracket, contingentActions, createBracket, createOco } from './contingent.ts';
import type { Order } from './order.ts';
import { OrderIdGenerator } from './order-id.ts';
import { fillEvent } from './test-helpers.ts';

function bracket(): Bracket {
  return createBracket(new OrderIdGenerator('S1'), {
    strategyId: 'S1',
    instrumentId: 'ES.SIM',
    side: 'buy',
    quantity: fx('2'),
    entryPrice: fx('4500.00'),
    takeProfitPrice: fx('4520.00'),
    stopLossTriggerPrice: fx('4490.00'),
    tsInitNs: 1n,
  });
}
const lookupOf =
  (...orders: Order[]) =>
  (id: string) =>
    orders.find((o) => o.id === id);
const work = (o: Order) =>
  o
    .apply({ type: 'submitted', orderId: o.id, tsNs: 2n })
    .apply({ type: 'accepted', orderId: o.id, tsNs: 3n });

describe('bracket', () => {
  it('links entry (oto) to take-profit and stop-loss (oco)', () => {
    const { entry, takeProfit, stopLoss } = bracket();
    expect([entry.id, takeProfit.id, stopLoss.id]).toEqual(['O-S1-1', 'O-S1-2', 'O-S1-3']);
    expect(entry.contingency).toBe('oto');
    expect(entry.linkedOrderIds).toEqual(['O-S1-2', 'O-S1-3']);
    expect([takeProfit.side, takeProfit.type, takeProfit.price?.toString()]).toEqual([
      'sell',
      'limit',
      '4520.00',
    ]);
    expect([stopLoss.type, stopLoss.triggerPrice?.toString(), stopLoss.reduceOnly]).toEqual([
      'stop',
      '4490.00',
      true,
    ]);
    expect(stopLoss.linkedOrderIds).toEqual(['O-S1-2']);
    expect(takeProfit.parentOrderId).toBe('O-S1-1');
  });

  it('activates children only when the entry fills', () => {
    const b = bracket();
    const lookup = lookupOf(b.entry, b.takeProfit, b.stopLoss);
    work(b.entry).apply(fillEvent(b.entry.id, 1, '1', '4500.00'));
    expect(contingentActions(b.entry, lookup)).toEqual({ activate: [], cancel: [] });
    b.entry.apply(fillEvent(b.entry.id, 2, '1', '4500.00'));
    const actions = contingentActions(b.entry, lookup);
    expect(actions.cancel).toEqual([]);
    expect(actions.activate.map((a) => [a.orderId, a.quantity.toString()])).toEqual([
      ['O-S1-2', '2'],
      ['O-S1-3', '2'],
    ]);
  });

  it('partial entry then cancel activates children at the filled size; no fill cancels them', () => {
    const b = bracket();
    const lookup = lookupOf(b.entry, b.takeProfit, b.stopLoss);
    work(b.entry).apply(fillEvent(b.entry.id, 1, '1', '4500.00'));
    b.entry.apply({ type: 'canceled', orderId: b.entry.id, tsNs: 9_000n });
    expect(contingentActions(b.entry, lookup).activate.map((a) => a.quantity.toString())).toEqual(['1', '1']);
    const c = bracket();
    work(c.entry).apply({ type: 'canceled', orderId: c.entry.id, tsNs: 9n });
    expect(contingentActions(c.entry, lookupOf(c.entry, c.takeProfit, c.stopLoss))).toEqual({
      activate: [],
      cancel: ['O-S1-2', 'O-S1-3'],
    });
  });

  it('a child fill cancels its sibling; a terminal sibling is not canceled twice', () => {
    const b = bracket();
    const lookup = lookupOf(b.entry, b.takeProfit, b.stopLoss);
    work(b.takeProfit);
    work(b.stopLoss);
    b.takeProfit.apply(fillEvent(b.takeProfit.id, 1, '1', '4520.00'));
    expect(contingentActions(b.takeProfit, lookup).cancel).toEqual(['O-S1-3']);
    b.stopLoss.apply({ type: 'canceled', orderId: b.stopLoss.id, tsNs: 9_000n });
    expect(contingentActions(b.stopLoss, lookup).cancel).toEqual(['O-S1-2']);
    b.takeProfit.apply(fillEvent(b.takeProfit.id, 2, '1', '4520.00', 9_100n));
    expect(contingentActions(b.stopLoss, lookup).cancel).toEqual([]);
  });
});

describe('createOco', () => {
  it('links two legs both ways and cancels on the other leg terminating', () => {
    const leg = {
      strategyId: 'S2',
      instrumentId: 'AAPL.SIM',
      side: 'sell' as const,
      quantity: fx('10'),
      tsInitNs: 1n,
    };
    const [a, b] = createOco(
      new OrderIdGenerator('S2'),
      { ...leg, type: 'limit', price: fx('200.00') },
      { ...leg, type: 'stop', triggerPrice: fx('180.00') },
    );
    expect(a.linkedOrderIds).toEqual(['O-S2-2']);
    expect(b.linkedOrderIds).toEqual(['O-S2-1']);
    work(a);
    work(b);
    expect(contingentActions(a, lookupOf(a, b)).cancel).toEqual([]);
    b.apply({ type: 'triggered', orderId: b.id, tsNs: 4n }).apply(fillEvent(b.id, 1, '10', '179.90'));
    expect(contingentActions(b, lookupOf(a, b)).cancel).toEqual(['O-S2-1']);
  });
});
