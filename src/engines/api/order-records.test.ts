import { describe, expect, it } from 'vitest';
import type { OrderEventPayload } from '../../trading/orders/order-messages.ts';
import { orderCounterStart } from './order-ids.ts';
import { OrderRecords } from './order-records.ts';
import { mergeNewest } from './store-reads.ts';

const submit = (orderId: string, quantity: string) => ({
  action: 'submit' as const,
  orderId,
  strategyId: 'api',
  instrumentId: 'AAPL.SIM',
  symbol: 'AAPL',
  order: { type: 'limit', side: 'buy', quantity, price: '10' },
});
const event = (
  orderId: string,
  status: OrderEventPayload['status'],
  extra: Partial<OrderEventPayload> = {},
  body = {},
) =>
  ({
    orderId,
    status,
    strategyId: 'api',
    instrumentId: 'AAPL.SIM',
    symbol: 'AAPL',
    side: 'buy',
    event: { type: status, orderId, tsNs: '1', ...body },
    ...extra,
  }) as OrderEventPayload;
const fill = (orderId: string, n: number, price: string, qty: string) =>
  event(
    orderId,
    'filled',
    {},
    {
      fillId: `${orderId}-F${n}`,
      lastPrice: price,
      lastQty: qty,
      commission: { amount: '0.01', currency: 'USD' },
    },
  );

describe('order records', () => {
  it('follows partial fills to an exact average price, ignoring a repeated fill', () => {
    const records = new OrderRecords();
    records.applyCommand(submit('O-1', '3'), 1n);
    records.applyEvent(event('O-1', 'accepted'), 2n);
    records.applyEvent(fill('O-1', 1, '10.1', '1'), 3n);
    expect(records.getOrder('O-1')).toMatchObject({
      status: 'partially_filled',
      filledQty: '1',
      avgPx: '10.1',
    });
    records.applyEvent(fill('O-1', 1, '10.1', '1'), 4n);
    records.applyEvent(fill('O-1', 2, '10.25', '2'), 5n);
    expect(records.getOrder('O-1')).toMatchObject({
      status: 'filled',
      filledQty: '3',
      avgPx: '10.2',
      updatedNs: 5n,
    });
    expect(records.listFills().map((f) => f.fillId)).toEqual(['O-1-F2', 'O-1-F1']);
  });

  it('tells a risk denial (with a check code) from a venue rejection', () => {
    const records = new OrderRecords();
    records.applyCommand(submit('O-1', '1'), 1n);
    records.applyCommand(submit('O-2', '1'), 1n);
    records.applyEvent(event('O-1', 'rejected', { code: 'MAX_POSITION' }, { reason: 'too big' }), 2n);
    records.applyEvent(event('O-2', 'rejected', {}, { reason: 'no market' }), 2n);
    expect(records.getOrder('O-1')).toMatchObject({ status: 'denied', reason: 'too big' });
    expect(records.getOrder('O-2')).toMatchObject({ status: 'rejected', reason: 'no market' });
  });

  it('keeps a closed order closed and ignores events that are not a status', () => {
    const records = new OrderRecords();
    records.applyCommand(submit('O-1', '1'), 1n);
    records.applyEvent(event('O-1', 'updated'), 2n);
    expect(records.getOrder('O-1')!.status).toBe('submitted');
    records.applyEvent(event('O-1', 'canceled'), 3n);
    records.applyEvent(event('O-1', 'accepted'), 4n);
    expect(records.getOrder('O-1')!.status).toBe('canceled');
  });

  it('keeps only the newest orders beyond its capacity', () => {
    const records = new OrderRecords(2);
    for (const id of ['O-1', 'O-2', 'O-3']) records.applyCommand(submit(id, '1'), 1n);
    expect(records.listOrders().map((o) => o.orderId)).toEqual(['O-3', 'O-2']);
  });

  it('merges store rows with newer memory versions, newest first', () => {
    const stored = [
      { id: 'a', t: 5n, from: 'store' },
      { id: 'b', t: 9n, from: 'store' },
    ];
    const memory = [
      { id: 'a', t: 7n, from: 'memory' },
      { id: 'b', t: 8n, from: 'memory' },
      { id: 'c', t: 1n, from: 'memory' },
    ];
    const merged = mergeNewest(
      stored,
      memory,
      (x) => x.id,
      (x) => x.t,
      2,
    );
    expect(merged).toEqual([
      { id: 'b', t: 9n, from: 'store' },
      { id: 'a', t: 7n, from: 'memory' },
    ]);
  });

  it('without a store, starts the id counter at the time in ms so a restart counts on from later', async () => {
    expect(await orderCounterStart(undefined, 1_704_153_600_123_456_789n)).toBe(1_704_153_600_123);
  });
});
