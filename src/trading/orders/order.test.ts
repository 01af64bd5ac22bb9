import { describe, expect, it } from 'vitest';
import type { NautilusError } from '../../core/errors.ts';
import { fx } from '../money/fixed.ts';
import { Order } from './order.ts';
import { fillEvent, limitInit } from './test-helpers.ts';

const ID = 'O-S1-1';
function accepted(patch = {}): Order {
  return new Order(limitInit(patch))
    .apply({ type: 'submitted', orderId: ID, tsNs: 2_000n })
    .apply({ type: 'accepted', orderId: ID, tsNs: 3_000n, venueOrderId: 'V-1' });
}

describe('Order lifecycle', () => {
  it('starts initialized with full leaves', () => {
    const o = new Order(limitInit());
    expect(o.status).toBe('initialized');
    expect(o.leavesQty.toString()).toBe('100');
    expect(o.avgPx).toBeUndefined();
    expect(o.timeInForce).toBe('GTC');
  });

  it('fills partially then fully with exact avgPx, leaves and commissions', () => {
    const o = accepted();
    expect(o.venueOrderId).toBe('V-1');
    o.apply(fillEvent(ID, 1, '30', '190.00'));
    expect(o.status).toBe('partially_filled');
    expect(o.leavesQty.toString()).toBe('70');
    o.apply(fillEvent(ID, 2, '70', '189.99', 6_000n));
    expect(o.status).toBe('filled');
    expect(o.filledQty.toString()).toBe('100');
    expect(o.leavesQty.toString()).toBe('0');
    expect(o.filledNotional.toString()).toBe('18999.30');
    expect(o.avgPx?.toString()).toBe('189993/1000');
    expect(o.avgPxAt(2)?.toString()).toBe('189.99');
    expect(o.avgPxAt(3)?.toString()).toBe('189.993');
    expect(o.commissions.get('USD')?.toString()).toBe('1.00 USD');
    expect(o.isTerminal).toBe(true);
    expect(o.events.map((e) => e.type)).toEqual(['submitted', 'accepted', 'filled', 'filled']);
    expect(o.tsLastNs).toBe(6_000n);
  });

  it('keeps a non-terminating average exact', () => {
    const o = accepted({ quantity: fx('3') });
    o.apply(fillEvent(ID, 1, '1', '100.00')).apply(fillEvent(ID, 2, '2', '101.00'));
    expect(o.avgPx?.toString()).toBe('302/3');
    expect(o.avgPxAt(4)?.toString()).toBe('100.6667');
  });

  it('rejects overfill, duplicate fills and foreign events', () => {
    const o = accepted();
    expect(() => o.apply(fillEvent(ID, 1, '101', '190'))).toThrow('order O-S1-1: overfill, 101 > leaves 100');
    o.apply(fillEvent(ID, 1, '10', '190'));
    expect(() => o.apply(fillEvent(ID, 1, '10', '190'))).toThrow('duplicate fill O-S1-1-F1');
    expect(() => o.apply(fillEvent('O-X', 9, '1', '190'))).toThrow('event for O-X applied to order O-S1-1');
    expect(() => o.apply({ type: 'canceled', orderId: ID, tsNs: 10n })).toThrow('is before last event');
    expect(o.filledQty.toString()).toBe('10');
  });

  it('throws on illegal transitions, naming order, from and to', () => {
    const o = new Order(limitInit());
    expect(() => o.apply({ type: 'accepted', orderId: ID, tsNs: 2_000n })).toThrow(
      'order O-S1-1: illegal transition initialized -> accepted',
    );
    const done = accepted();
    done.apply(fillEvent(ID, 1, '100', '190'));
    expect(() => done.apply({ type: 'canceled', orderId: ID, tsNs: 9_000n })).toThrow(
      'order O-S1-1: illegal transition filled -> canceled',
    );
    expect(() => accepted().apply({ type: 'triggered', orderId: ID, tsNs: 9_000n })).toThrow(
      'limit order cannot be triggered',
    );
    expect(() => accepted().apply({ type: 'expired', orderId: ID, tsNs: 9_000n })).toThrow(
      'GTC order cannot expire',
    );
  });

  it('rejected records the reason', () => {
    const o = new Order(limitInit()).apply({ type: 'submitted', orderId: ID, tsNs: 2_000n });
    o.apply({ type: 'rejected', orderId: ID, tsNs: 3_000n, reason: 'INSUFFICIENT_FUNDS' });
    expect(o.status).toBe('rejected');
    expect(o.rejectReason).toBe('INSUFFICIENT_FUNDS');
  });

  it('pending cancel: fill race, cancel reject restores the prior status', () => {
    const o = accepted();
    o.apply({ type: 'pending_cancel', orderId: ID, tsNs: 4_000n });
    o.apply(fillEvent(ID, 1, '40', '190'));
    expect(o.status).toBe('pending_cancel');
    o.apply({ type: 'cancel_rejected', orderId: ID, tsNs: 6_000n, reason: 'too late' });
    expect(o.status).toBe('partially_filled');
    o.apply({ type: 'pending_cancel', orderId: ID, tsNs: 7_000n });
    o.apply({ type: 'canceled', orderId: ID, tsNs: 8_000n });
    expect(o.status).toBe('canceled');
    expect(o.leavesQty.toString()).toBe('60');
    expect(() =>
      accepted().apply({ type: 'cancel_rejected', orderId: ID, tsNs: 9_000n, reason: 'x' }),
    ).toThrow('cancel rejected while accepted');
  });

  it('stop-limit triggers, then fills; GTD expires', () => {
    const stop = accepted({ type: 'stop-limit', triggerPrice: fx('191.00') });
    stop.apply({ type: 'triggered', orderId: ID, tsNs: 4_000n });
    expect(stop.status).toBe('triggered');
    stop.apply(fillEvent(ID, 1, '100', '190.00'));
    expect(stop.status).toBe('filled');
    const gtd = accepted({ timeInForce: 'GTD', expireTimeNs: 10_000n });
    gtd.apply({ type: 'expired', orderId: ID, tsNs: 10_000n });
    expect(gtd.status).toBe('expired');
  });

  it('updates amend quantity and price without changing status', () => {
    const o = accepted();
    o.apply(fillEvent(ID, 1, '40', '190'));
    o.apply({ type: 'updated', orderId: ID, tsNs: 6_000n, quantity: fx('50'), price: fx('189.50') });
    expect(o.status).toBe('partially_filled');
    expect(o.quantity.toString()).toBe('50');
    expect(o.price?.toString()).toBe('189.50');
    expect(o.leavesQty.toString()).toBe('10');
    expect(() => o.apply({ type: 'updated', orderId: ID, tsNs: 7_000n, quantity: fx('40') })).toThrow(
      'new quantity 40 must exceed filled 40',
    );
    expect(() => o.apply({ type: 'updated', orderId: ID, tsNs: 7_000n, triggerPrice: fx('1') })).toThrow(
      'trigger price cannot be updated',
    );
    let caught: unknown;
    try {
      o.apply(fillEvent(ID, 2, '11', '190'));
    } catch (error) {
      caught = error;
    }
    expect((caught as NautilusError).code).toBe('LIFECYCLE');
  });
});
