import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fx } from '../../money/fixed.ts';
import type { OrderEvent } from '../../orders/order-events.ts';
import { Strategy } from '../strategy.ts';
import { RecordingContext } from './recording-context.ts';
import { StrategyHarness } from './strategy-harness.ts';

const S = 1_000_000_000n;

describe('RecordingContext orders', () => {
  it('creates deterministic ids, snaps onto the grid and records submissions', () => {
    const ctx = new RecordingContext({ strategyId: 'S1', startNs: 5n });
    const m = ctx.orders.market('AAPL', 'buy', 10.4);
    const l = ctx.orders.limit('AAPL', 'sell', fx('3'), 190.123, { postOnly: true });
    const s = ctx.orders.stop('EURUSD', 'sell', 1499, 1.083456);
    const sl = ctx.orders.stopLimit('AAPL.SIM', 'buy', 1, fx('190.005'), 191);
    expect([m.id, l.id, s.id, sl.id]).toEqual(['O-S1-1', 'O-S1-2', 'O-S1-3', 'O-S1-4']);
    expect(ctx.orderLog()).toEqual([
      {
        id: 'O-S1-1',
        instrumentId: 'AAPL.SIM',
        side: 'buy',
        type: 'market',
        quantity: '10',
        timeInForce: 'IOC',
        tsInitNs: '5',
      },
      {
        id: 'O-S1-2',
        instrumentId: 'AAPL.SIM',
        side: 'sell',
        type: 'limit',
        quantity: '3',
        price: '190.12',
        timeInForce: 'GTC',
        tsInitNs: '5',
      },
      {
        id: 'O-S1-3',
        instrumentId: 'EURUSD.SIM',
        side: 'sell',
        type: 'stop',
        quantity: '1000',
        triggerPrice: '1.08346',
        timeInForce: 'GTC',
        tsInitNs: '5',
      },
      {
        id: 'O-S1-4',
        instrumentId: 'AAPL.SIM',
        side: 'buy',
        type: 'stop-limit',
        quantity: '1',
        price: '190.00',
        triggerPrice: '191.00',
        timeInForce: 'GTC',
        tsInitNs: '5',
      },
    ]);
    expect(m.status).toBe('submitted');
    expect(l.postOnly).toBe(true);
    expect(ctx.openOrders('AAPL').map((o) => o.id)).toEqual(['O-S1-1', 'O-S1-2', 'O-S1-4']);
  });

  it('refuses untradable quantities and prices with clear errors', () => {
    const ctx = new RecordingContext({ strategyId: 'S1' });
    expect(() => ctx.orders.market('AAPL', 'buy', 0.2)).toThrow(
      'cannot trade 0.2 of AAPL.SIM: quantity must be positive, got 0',
    );
    expect(() => ctx.orders.market('AAPL', 'buy', -1)).toThrow(
      'quantity must be positive, got -1 for AAPL.SIM',
    );
    expect(() => ctx.orders.limit('AAPL', 'buy', 1, 0.004)).toThrow(
      'price must be positive, got 0.004 for AAPL.SIM',
    );
    expect(() => ctx.orders.market('NOPE', 'buy', 1)).toThrow('unknown instrument: NOPE');
    expect(() => ctx.orders.limit('AAPL', 'buy', 1, 100, { timeInForce: 'GTD' })).toThrow(
      'order O-S1-1: GTD order needs expireTimeNs',
    );
    expect(ctx.submitted).toEqual([]);
  });

  it('tracks a netting position from fills, flipping through flat', () => {
    const ctx = new RecordingContext({ strategyId: 'S1' });
    const buy = ctx.orders.market('AAPL', 'buy', 10);
    ctx.fill(buy.id, 190, 4);
    ctx.fill(buy.id, 191);
    expect(buy.status).toBe('filled');
    let pos = ctx.position('AAPL');
    expect(pos.quantity.toString()).toBe('10');
    expect(pos.avgPrice?.toString()).toBe('190.600000');
    const sell = ctx.orders.market('AAPL', 'sell', 15);
    ctx.fill(sell.id, 192);
    pos = ctx.position('AAPL');
    expect(pos.quantity.toString()).toBe('-5');
    expect(pos.avgPrice?.toString()).toBe('192.000000');
    expect(ctx.position('EURUSD')).toEqual({
      symbol: 'EURUSD',
      instrumentId: 'EURUSD.SIM',
      quantity: fx('0'),
      avgPrice: undefined,
    });
    expect(ctx.events.map((e) => e.type)).toEqual([
      'submitted',
      'accepted',
      'filled',
      'filled',
      'submitted',
      'accepted',
      'filled',
    ]);
    expect(ctx.events.filter((e) => e.type === 'filled').map((e) => e.fillId)).toEqual([
      'O-S1-1-F1',
      'O-S1-1-F2',
      'O-S1-2-F1',
    ]);
  });

  it('cancels one order, all of a symbol, and refuses unknown or terminal ones', () => {
    const ctx = new RecordingContext({ strategyId: 'S1', startNs: 7n });
    const a = ctx.orders.limit('AAPL', 'buy', 1, 100);
    const b = ctx.orders.limit('AAPL', 'buy', 1, 101);
    const c = ctx.orders.limit('EURUSD', 'buy', 1000, 1.1);
    expect(ctx.orders.cancel(a.id)).toBe(true);
    expect(ctx.orders.cancel(a.id)).toBe(false);
    expect(ctx.orders.cancel('O-S1-99')).toBe(false);
    expect(ctx.orders.cancelAll('AAPL')).toEqual([b.id]);
    expect(ctx.openOrders().map((o) => o.id)).toEqual([c.id]);
    expect(ctx.orders.cancelAll()).toEqual([c.id]);
    expect(ctx.cancels).toEqual([
      { orderId: a.id, tsNs: 7n },
      { orderId: b.id, tsNs: 7n },
      { orderId: c.id, tsNs: 7n },
    ]);
    expect([a.status, b.status, c.status]).toEqual(['canceled', 'canceled', 'canceled']);
  });

  it('runs a bracket: exits activate on the entry fill and cancel each other', () => {
    const ctx = new RecordingContext({ strategyId: 'S1' });
    const { entry, takeProfit, stopLoss } = ctx.orders.bracket({
      symbol: 'AAPL',
      side: 'buy',
      quantity: 10,
      entry: 190,
      takeProfit: 195,
      stopLoss: 185,
    });
    expect(ctx.submitted.map((o) => o.id)).toEqual([entry.id]);
    expect(ctx.openOrders().map((o) => o.id)).toEqual(['O-S1-1', 'O-S1-2', 'O-S1-3']);
    ctx.fill(entry.id, 190, 6);
    expect(ctx.submitted.map((o) => o.id)).toEqual([entry.id]);
    ctx.fill(entry.id, 190);
    expect(ctx.submitted.map((o) => o.id)).toEqual(['O-S1-1', 'O-S1-2', 'O-S1-3']);
    expect([takeProfit.status, stopLoss.status]).toEqual(['submitted', 'submitted']);
    ctx.fill(takeProfit.id, 195);
    expect(stopLoss.status).toBe('canceled');
    expect(ctx.position('AAPL').quantity.isZero()).toBe(true);
    expect(ctx.openOrders()).toEqual([]);
  });

  it('records signals and log lines with the clock time', () => {
    const ctx = new RecordingContext({ strategyId: 'S1', startNs: 42n });
    const signal = ctx.publishSignal({ symbol: 'AAPL', direction: 'long', strength: 0.5 });
    ctx.log.info('hello', { a: 1 });
    expect(signal).toEqual({ symbol: 'AAPL', direction: 'long', strength: 0.5, strategy: 'S1', tsNs: 42n });
    expect(ctx.signals).toEqual([signal]);
    expect(ctx.logs).toEqual([{ level: 'info', message: 'hello', fields: { a: 1 }, tsNs: 42n }]);
  });
});

class Probe extends Strategy<{ every: number }> {
  readonly seen: string[] = [];
  constructor() {
    super('P1', z.object({ every: z.number().default(1) }), {});
  }
  override onStart(): void {
    this.ctx.clock.setTimer('tick', BigInt(this.params.every) * S);
    this.ctx.clock.setTimeAlert('once', 2n * S + 500n);
  }
  override onTimer(name: string): void {
    this.seen.push(`${name}@${this.ctx.clock.nowNs()}`);
    if (name === 'once') this.ctx.orders.market('AAPL', 'buy', 1);
  }
  override onOrderEvent(event: OrderEvent): void {
    this.seen.push(`${event.type}:${event.orderId}`);
  }
}

describe('StrategyHarness', () => {
  it('fires timers in time order and delivers order events after the handler', () => {
    const h = new StrategyHarness(new Probe()).start();
    h.advanceTo(3n * S);
    expect(h.strategy.seen).toEqual([
      'tick@1000000000',
      'tick@2000000000',
      'once@2000000500',
      'submitted:O-P1-1',
      'tick@3000000000',
    ]);
    expect(h.ctx.clock.timerNames()).toEqual(['tick']);
    expect(h.ctx.clock.cancel('tick')).toBe(true);
    h.fillMarketOrders(190);
    expect(h.strategy.seen.slice(5)).toEqual(['accepted:O-P1-1', 'filled:O-P1-1']);
  });
});
