import { afterAll, describe, expect, it } from 'vitest';
import { mergeOrderUpdates, OrderUpdateWriter } from './order-update-writer.ts';
import type { OrderRow } from './rows.ts';
import { NOW_NS } from './testing/store-conformance.ts';
import { openTempStore } from './testing/temp-store.ts';

const temp = await openTempStore(NOW_NS, 'nautilus-order-writer-');
const { store } = temp;
afterAll(() => temp.dispose());

const order = (orderId: string, status: string, updatedNs: bigint): OrderRow => ({
  orderId,
  strategyId: 's',
  instrumentId: 'AAPL.SIM',
  side: 'buy',
  orderType: 'market',
  quantity: '10',
  status,
  filledQty: status === 'filled' ? '10' : '0',
  createdNs: 1n,
  updatedNs,
});

describe('OrderUpdateWriter', () => {
  it('merges queued updates: history kept in order, the last state of each order wins', () => {
    const merged = mergeOrderUpdates([
      { orders: [order('a', 'submitted', 1n)], events: [{ orderId: 'a', eventType: 'submitted', tsNs: 1n }] },
      { orders: [order('a', 'filled', 2n)], events: [{ orderId: 'a', eventType: 'filled', tsNs: 2n }] },
    ]);
    expect(merged.orders?.map((row) => row.status)).toEqual(['filled']);
    expect(merged.events?.map((row) => row.eventType)).toEqual(['submitted', 'filled']);
  });

  it('resolves each write once committed, however many were queued together', async () => {
    const writer = new OrderUpdateWriter(store);
    const writes = Array.from({ length: 50 }, (_, i) =>
      writer.write({
        orders: [order('burst', i === 49 ? 'filled' : 'accepted', BigInt(i + 1))],
        events: [{ orderId: 'burst', eventType: `e${i}`, tsNs: BigInt(i + 1) }],
      }),
    );
    await Promise.all(writes);
    const [row] = await store.read('orders', { where: { orderId: 'burst' } });
    expect(row?.status).toBe('filled');
    expect(await store.read('order_events', { where: { orderId: 'burst' } })).toHaveLength(50);
    const counters = writer.counters();
    expect(counters).toMatchObject({ accepted: 50, written: 50, givenUp: 0, pending: 0 });
    expect(counters.transactions).toBeLessThan(50);
    await writer.close();
    await expect(writer.write({ orders: [order('late', 'accepted', 1n)] })).rejects.toThrow(/closed/);
    expect(writer.counters().refusedClosed).toBe(1);
  });

  it('retries a failing transaction, then gives it up, counted and reported, and keeps writing', async () => {
    const givenUp: string[] = [];
    const writer = new OrderUpdateWriter(store, {
      maxAttempts: 3,
      retryBaseMs: 1,
      onGiveUp: (_update, error) => givenUp.push(error.message),
    });
    // The side CHECK constraint refuses this row on every attempt: a real store error, not a fake.
    const bad = { ...order('bad', 'accepted', 1n), side: 'hold' as 'buy' };
    await expect(writer.write({ orders: [bad] })).rejects.toThrow(/side/);
    expect(givenUp).toHaveLength(1);
    expect(writer.counters()).toMatchObject({ retries: 2, givenUp: 1, written: 0 });
    await writer.write({ orders: [order('good', 'accepted', 1n)] });
    expect(await store.read('orders', { where: { orderId: 'good' } })).toHaveLength(1);
    expect(await store.read('orders', { where: { orderId: 'bad' } })).toHaveLength(0);
    await writer.close();
  });
});
