import { describe, expect, it } from 'vitest';
import { Fixed } from '../money/fixed.ts';
import { Money } from '../money/money.ts';
import type { OrderEvent } from './order-events.ts';
import type { OrderInit } from './order-types.ts';
import { orderEventFromWire, orderEventToWire, orderInitFromWire, orderInitToWire } from './order-wire.ts';

const init: OrderInit = {
  id: 'O-ema-1',
  strategyId: 'ema',
  instrumentId: 'USDJPY.SIM',
  side: 'sell',
  type: 'stop-limit',
  quantity: Fixed.parse('10000'),
  price: Fixed.parse('86.650'),
  triggerPrice: Fixed.parse('86.700'),
  timeInForce: 'GTD',
  expireTimeNs: 1_357_077_600_295_000_000n,
  reduceOnly: true,
  tsInitNs: 1_357_077_600_000_000_000n,
};

describe('order wire format', () => {
  it('round-trips an order with exact decimals and ns, through JSON', () => {
    const wire = orderInitToWire(init);
    expect(wire).toMatchObject({ quantity: '10000', price: '86.650', triggerPrice: '86.700' });
    const json = JSON.stringify(wire, (_k, v) => (typeof v === 'bigint' ? v.toString() : v));
    const back = orderInitFromWire(JSON.parse(json));
    expect(back.price?.toString()).toBe('86.650');
    expect(back.expireTimeNs).toBe(init.expireTimeNs);
    expect(orderInitToWire(back)).toEqual(wire);
  });

  it('round-trips a fill with its commission as money', () => {
    const fill: OrderEvent = {
      type: 'filled',
      orderId: 'O-ema-1',
      tsNs: 5n,
      fillId: 'O-ema-1-F1',
      lastPrice: Fixed.parse('86.655'),
      lastQty: Fixed.parse('4000'),
      commission: Money.of('120', 'JPY'),
      liquidity: 'taker',
    };
    const wire = orderEventToWire(fill);
    expect(wire).toEqual({
      type: 'filled',
      orderId: 'O-ema-1',
      tsNs: 5n,
      fillId: 'O-ema-1-F1',
      lastPrice: '86.655',
      lastQty: '4000',
      commission: { amount: '120', currency: 'JPY' },
      liquidity: 'taker',
    });
    const back = orderEventFromWire(wire) as Extract<OrderEvent, { type: 'filled' }>;
    expect(back.commission.amount.toString()).toBe('120');
    expect(back.lastQty.eq(Fixed.parse('4000'))).toBe(true);
  });

  it('names what is wrong in a malformed message', () => {
    expect(() => orderInitFromWire({ ...orderInitToWire(init), quantity: 1e4 })).toThrow(/quantity/);
    expect(() => orderInitFromWire({ ...orderInitToWire(init), extra: 1 })).toThrow(/extra/);
    expect(() => orderEventFromWire({ type: 'filled', orderId: 'x', tsNs: '1' })).toThrow(/fillId/);
  });
});
