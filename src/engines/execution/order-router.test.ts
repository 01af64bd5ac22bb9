import { describe, expect, it } from 'vitest';
import { Fixed } from '../../trading/money/fixed.ts';
import type { Order } from '../../trading/orders/order.ts';
import { submitCommand } from '../../trading/orders/order-messages.ts';
import type { OrderInit } from '../../trading/orders/order-types.ts';
import type { MarketData, VenueEvent } from '../../trading/venue/venue-types.ts';
import { OrderRouter } from './order-router.ts';
import type { VenueAdapter } from './venue-adapter.ts';

/** A venue that answers each call with the next scripted batch and records what it was asked. */
class ScriptedVenue implements VenueAdapter {
  readonly name = 'FAKE';
  readonly calls: string[] = [];
  constructor(private readonly script: VenueEvent[][]) {}
  submit(order: Order, nowNs: bigint) {
    this.calls.push(`submit ${order.id} ${order.status} @${nowNs}`);
    return this.script.shift() ?? [];
  }
  cancel(orderId: string, nowNs: bigint) {
    this.calls.push(`cancel ${orderId} @${nowNs}`);
    return this.script.shift() ?? [];
  }
  onMarketData(data: MarketData) {
    this.calls.push(`data ${data.kind}`);
    return this.script.shift() ?? [];
  }
  advanceTo(nowNs: bigint) {
    this.calls.push(`advance @${nowNs}`);
    return this.script.shift() ?? [];
  }
}

const init = (patch: Partial<OrderInit> = {}): OrderInit => ({
  id: 'O-1',
  strategyId: 's',
  instrumentId: 'AAPL.SIM',
  side: 'sell',
  type: 'limit',
  quantity: Fixed.parse('3'),
  price: Fixed.parse('101.50'),
  tsInitNs: 1n,
  ...patch,
});
const cancel = {
  action: 'cancel' as const,
  orderId: 'O-1',
  strategyId: 's',
  instrumentId: 'AAPL.SIM',
  symbol: 'AAPL',
};

function router(script: VenueEvent[][]) {
  const logged: string[] = [];
  const log = {
    warn: (obj: object, msg: string) => logged.push(`warn ${msg} ${JSON.stringify(obj)}`),
    error: (_obj: object, msg: string) => logged.push(`error ${msg}`),
  };
  const venue = new ScriptedVenue(script);
  return { venue, logged, router: new OrderRouter(venue, log) };
}

describe('OrderRouter', () => {
  it('maps a refused cancel to cancel_rejected only while the order is pending_cancel', () => {
    const { router: r, logged } = router([
      [
        { type: 'submitted', orderId: 'O-1', tsNs: 2n },
        { type: 'accepted', orderId: 'O-1', tsNs: 2n },
      ],
      [{ type: 'pending_cancel', orderId: 'O-1', tsNs: 3n }],
      [{ type: 'command_rejected', command: 'cancel', orderId: 'O-1', reason: 'too late', tsNs: 4n }],
    ]);
    r.onCommand(submitCommand(init(), 'AAPL'), 2n);
    expect(r.onCommand(cancel, 3n).map((p) => p.topic)).toEqual(['order.event.pending_cancel.AAPL']);
    const out = r.onCommand(cancel, 4n);
    expect(out).toEqual([
      {
        topic: 'order.event.cancel_rejected.AAPL',
        payload: {
          orderId: 'O-1',
          status: 'cancel_rejected',
          strategyId: 's',
          instrumentId: 'AAPL.SIM',
          symbol: 'AAPL',
          side: 'sell',
          event: { type: 'cancel_rejected', orderId: 'O-1', tsNs: 4n, reason: 'too late' },
        },
        eventTimeNs: 4n,
      },
    ]);
    expect(r.order('O-1')!.status).toBe('accepted');
    expect(r.stats.commandsRefused).toBe(1);
    expect(logged).toEqual([
      'warn venue refused command {"command":"cancel","orderId":"O-1","reason":"too late"}',
    ]);
  });

  it('logs and counts a refusal that no order event can express', () => {
    const { router: r, logged } = router([
      [
        { type: 'submitted', orderId: 'O-1', tsNs: 2n },
        { type: 'rejected', orderId: 'O-1', reason: 'no', tsNs: 2n },
      ],
      [
        {
          type: 'command_rejected',
          command: 'cancel',
          orderId: 'O-1',
          reason: 'order is rejected',
          tsNs: 3n,
        },
      ],
    ]);
    expect(r.onCommand(submitCommand(init(), 'AAPL'), 2n).map((p) => p.topic)).toEqual([
      'order.event.submitted.AAPL',
      'order.event.rejected.AAPL',
    ]);
    expect(r.onCommand(cancel, 3n)).toEqual([]);
    expect(r.stats).toEqual({ routed: 1, fills: 0, rejections: 1, commandsRefused: 1 });
    expect(r.openOrders).toBe(0);
    expect(logged).toHaveLength(1);
  });

  it('lets an ended order go but still refuses its submit when it is delivered again', () => {
    const { router: r, venue } = router([
      [
        { type: 'submitted', orderId: 'O-1', tsNs: 2n },
        { type: 'rejected', orderId: 'O-1', reason: 'no', tsNs: 2n },
      ],
    ]);
    r.onCommand(submitCommand(init(), 'AAPL'), 2n);
    expect(r.order('O-1')).toBeUndefined();
    expect(r.onCommand(submitCommand(init(), 'AAPL'), 3n)).toEqual([]);
    expect(venue.calls.filter((call) => call.startsWith('submit'))).toHaveLength(1);
    expect(r.stats.commandsRefused).toBe(1);
  });

  it('rejects an order that cannot be built without calling the venue, and refuses undecodable ones', () => {
    const { router: r, venue, logged } = router([]);
    const out = r.onCommand(submitCommand(init({ type: 'market', timeInForce: 'IOC' }), 'AAPL'), 5n);
    expect(out.map((p) => [p.topic, p.eventTimeNs])).toEqual([
      ['order.event.submitted.AAPL', 5n],
      ['order.event.rejected.AAPL', 5n],
    ]);
    expect(out[1]!.payload).toMatchObject({
      code: 'INVALID_ORDER',
      event: { reason: 'order O-1: market order takes no price' },
    });
    expect(r.onCommand({ ...submitCommand(init({ id: 'O-2' }), 'AAPL'), order: { id: 'O-2' } }, 6n)).toEqual(
      [],
    );
    expect(venue.calls).toEqual([]);
    expect(r.stats).toEqual({ routed: 0, fills: 0, rejections: 1, commandsRefused: 1 });
    expect(logged[1]).toMatch(/^warn command refused .*"orderId":"O-2","reason":"undecodable order/);
  });

  it('feeds market data then advances to the envelope time, and drops events for unknown orders', () => {
    const { router: r, venue, logged } = router([[{ type: 'canceled', orderId: 'X', tsNs: 9n }], []]);
    const quote = {
      kind: 'quote',
      symbol: 'AAPL',
      bid: 1,
      ask: 2,
      bidSize: 1,
      askSize: 1,
      tsNs: 8n,
    } as const;
    expect(r.onMarketData(quote, 9n)).toEqual([]);
    expect(r.onMarketData(undefined, 10n)).toEqual([]);
    expect(venue.calls).toEqual(['data quote', 'advance @9', 'advance @10']);
    expect(logged).toEqual(['error venue event for an order never routed here']);
  });
});
