import { Registry } from 'prom-client';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryBus } from '../../bus/memory/memory-bus.ts';
import { createLogger } from '../../core/logger.ts';
import { TestClock } from '../../core/test-clock.ts';
import type { Envelope } from '../../domain/envelope.ts';
import { topics } from '../../domain/topics.ts';
import { Fixed } from '../../trading/money/fixed.ts';
import { submitCommand } from '../../trading/orders/order-messages.ts';
import type { OrderInit } from '../../trading/orders/order-types.ts';
import { EngineBus } from '../engine-bus.ts';
import { defineManifest, type EngineManifest } from '../manifest.ts';
import { ExecutionEngine } from './engine.ts';
import { executionConfigSchema, executionManifest } from './manifest.ts';

const S = 1_000_000_000n;
const MS = 1_000_000n;
const T0 = 1_000n * S;
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function start(config: Record<string, unknown> = {}, manifest: EngineManifest = executionManifest) {
  const clock = new TestClock(T0);
  const bus = new MemoryBus({ mode: 'sync', clock });
  await bus.start();
  const engineBus = new EngineBus(bus, manifest);
  const engine = new ExecutionEngine({
    manifest,
    bus: engineBus,
    clock,
    logger: createLogger({ level: 'silent' }),
    metrics: new Registry(),
    config: executionConfigSchema.parse(config),
    instanceId: 'test',
  });
  await engine.onStart();
  const seen: Envelope[] = [];
  await bus.subscribe('probe', topics.everything, (envelope) => {
    if (envelope.source.engine === 'execution') seen.push(envelope);
  });
  cleanups.push(() => bus.stop());

  const approve = (patch: Partial<OrderInit> & Pick<OrderInit, 'id'>, symbol = 'AAPL') => {
    const init: OrderInit = {
      strategyId: 'ema',
      instrumentId: 'AAPL.SIM',
      side: 'buy',
      type: 'limit',
      quantity: Fixed.parse('10'),
      price: Fixed.parse('190.00'),
      tsInitNs: clock.nowNs(),
      ...patch,
    };
    bus.publish({
      engine: 'risk',
      topic: topics.order.approved('sim'),
      payload: submitCommand(init, symbol),
      eventTimeNs: clock.nowNs(),
    });
  };
  const cancel = (orderId: string) =>
    bus.publish({
      engine: 'risk',
      topic: topics.order.approved('sim'),
      payload: { action: 'cancel', orderId, strategyId: 'ema', instrumentId: 'AAPL.SIM', symbol: 'AAPL' },
      eventTimeNs: clock.nowNs(),
    });
  const quote = (bid: number, ask: number, askSize = 50) => {
    const tsNs = clock.nowNs();
    bus.publish({
      engine: 'marketdata',
      topic: topics.marketData.quote('AAPL'),
      payload: { kind: 'quote', symbol: 'AAPL', bid, ask, bidSize: 50, askSize, tsNs },
      eventTimeNs: tsNs,
    });
  };
  const bar = (open: number, high: number, low: number, close: number) => {
    const endNs = clock.nowNs();
    bus.publish({
      engine: 'marketdata',
      topic: topics.marketData.bar('AAPL', '1-MINUTE-LAST'),
      payload: {
        kind: 'bar',
        symbol: 'AAPL',
        spec: '1-MINUTE-LAST',
        open,
        high,
        low,
        close,
        volume: 1000,
        startNs: endNs - 60n * S,
        endNs,
      },
      eventTimeNs: endNs,
    });
  };
  const events = () =>
    seen
      .filter((e) => e.topic.startsWith('order.event.'))
      .map((e) => `${e.topic} @${(e.eventTimeNs - T0) / MS}ms`);
  return { bus, clock, engine, engineBus, seen, approve, cancel, quote, bar, events };
}

describe('execution engine', () => {
  it('routes an approved limit buy to the venue: accepted, then filled when a quote crosses it', async () => {
    const { approve, quote, clock, seen, events, engine } = await start();
    approve({ id: 'O-1' });
    clock.advanceTo(T0 + 5n * MS);
    quote(189.98, 190.05);
    expect(events()).toEqual(['order.event.submitted.AAPL @0ms', 'order.event.accepted.AAPL @0ms']);
    clock.advanceTo(T0 + 10n * MS);
    quote(189.97, 189.99, 4);
    clock.advanceTo(T0 + 20n * MS);
    quote(189.96, 189.98, 50);
    expect(events().slice(2)).toEqual(['order.event.filled.AAPL @10ms', 'order.event.filled.AAPL @20ms']);
    const fills = seen.filter((e) => e.topic === 'order.event.filled.AAPL').map((e) => e.payload);
    expect(fills[0]).toEqual({
      orderId: 'O-1',
      status: 'filled',
      strategyId: 'ema',
      instrumentId: 'AAPL.SIM',
      symbol: 'AAPL',
      side: 'buy',
      event: {
        type: 'filled',
        orderId: 'O-1',
        tsNs: T0 + 10n * MS,
        fillId: 'O-1-F1',
        lastPrice: '190.00',
        lastQty: '4',
        commission: { amount: '0.08', currency: 'USD' },
        liquidity: 'maker',
      },
    });
    expect(fills[1]).toMatchObject({
      event: { lastPrice: '190.00', lastQty: '6', commission: { amount: '0.11', currency: 'USD' } },
    });
    const executions = seen.filter((e) => e.topic.startsWith('trade.execution'));
    expect(executions.map((e) => [e.topic, e.type, e.eventTimeNs])).toEqual([
      ['trade.execution.AAPL', 'TRADE_EXECUTION', T0 + 10n * MS],
      ['trade.execution.AAPL', 'TRADE_EXECUTION', T0 + 20n * MS],
    ]);
    expect(executions[1]!.payload).toEqual({
      orderId: 'O-1',
      fillId: 'O-1-F2',
      strategyId: 'ema',
      instrumentId: 'AAPL.SIM',
      symbol: 'AAPL',
      side: 'buy',
      price: '190.00',
      quantity: '6',
      commission: { amount: '0.11', currency: 'USD' },
      liquidity: 'maker',
      venueOrderId: 'SIM-1',
      tsNs: T0 + 20n * MS,
    });
    expect(engine.healthDetail()).toBe(
      'venue SIM: orders routed 1, fills 2, rejections 0, commands refused 0, open orders 0',
    );
  });

  it('fills a market order at the next bar open, never at the bar it was sent after', async () => {
    const { approve, bar, clock, seen, events } = await start();
    clock.advanceTo(T0 + 60n * S);
    bar(190, 191, 189, 190.5);
    approve({ id: 'O-2', type: 'market', price: undefined, quantity: Fixed.parse('5'), timeInForce: 'DAY' });
    clock.advanceTo(T0 + 120n * S);
    bar(190.4, 192, 190, 191);
    expect(events()).toEqual([
      'order.event.submitted.AAPL @60000ms',
      'order.event.accepted.AAPL @60000ms',
      'order.event.filled.AAPL @120000ms',
    ]);
    expect(seen.find((e) => e.topic === 'trade.execution.AAPL')!.payload).toMatchObject({
      price: '190.40',
      quantity: '5',
      commission: { amount: '0.19', currency: 'USD' },
      liquidity: 'taker',
    });
  });

  it('cancels a resting order: pending_cancel now, canceled when the latency has passed', async () => {
    const { approve, cancel, quote, clock, events, seen, engine } = await start({ latencyMs: 5 });
    approve({ id: 'O-3' });
    expect(events()).toEqual(['order.event.submitted.AAPL @0ms']);
    clock.advanceTo(T0 + 5n * MS);
    quote(189.98, 190.05);
    clock.advanceTo(T0 + 7n * MS);
    cancel('O-3');
    clock.advanceTo(T0 + 12n * MS);
    quote(189.97, 190.04);
    expect(events()).toEqual([
      'order.event.submitted.AAPL @0ms',
      'order.event.accepted.AAPL @5ms',
      'order.event.pending_cancel.AAPL @7ms',
      'order.event.canceled.AAPL @12ms',
    ]);
    expect(seen.at(-1)!.payload).toMatchObject({ orderId: 'O-3', status: 'canceled', side: 'buy' });
    cancel('O-3');
    cancel('nope');
    clock.advanceTo(T0 + 20n * MS);
    quote(189.97, 190.04);
    expect(events()).toHaveLength(4);
    expect(engine.healthDetail()).toBe(
      'venue SIM: orders routed 1, fills 0, rejections 0, commands refused 2, open orders 0',
    );
  });

  it('an order for an unknown instrument comes back rejected', async () => {
    const { approve, seen, engine } = await start();
    approve({ id: 'O-4', instrumentId: 'XYZ.SIM' }, 'XYZ');
    expect(seen.map((e) => e.topic)).toEqual(['order.event.submitted.XYZ', 'order.event.rejected.XYZ']);
    expect(seen[1]!.payload).toMatchObject({
      orderId: 'O-4',
      status: 'rejected',
      event: { type: 'rejected', reason: 'unknown instrument XYZ.SIM' },
    });
    expect(engine.healthDetail()).toContain('rejections 1');
  });

  it('ignores commands for another venue and refuses a redelivered submit', async () => {
    const { approve, bus, seen, engine } = await start({ venue: 'ib' });
    approve({ id: 'O-5' });
    expect(seen).toEqual([]);
    const payload = submitCommand(
      {
        id: 'O-6',
        strategyId: 'ema',
        instrumentId: 'AAPL.SIM',
        side: 'sell',
        type: 'limit',
        quantity: Fixed.parse('1'),
        price: Fixed.parse('200.00'),
        tsInitNs: T0,
      },
      'AAPL',
    );
    for (let i = 0; i < 2; i++) bus.publish({ engine: 'risk', topic: topics.order.approved('ib'), payload });
    expect(seen.map((e) => e.topic)).toEqual(['order.event.submitted.AAPL', 'order.event.accepted.AAPL']);
    expect((seen[1]!.payload as { event: { venueOrderId: string } }).event.venueOrderId).toBe('IB-1');
    expect(engine.healthDetail()).toBe(
      'venue IB: orders routed 1, fills 0, rejections 0, commands refused 1, open orders 1',
    );
  });

  it('fails to publish a topic its manifest does not declare', async () => {
    const narrow = defineManifest({ ...executionManifest, publishes: [topics.pattern('order.event')] });
    const { approve, quote, engineBus, seen } = await start({}, narrow);
    approve({ id: 'O-7' });
    quote(189.97, 189.99);
    expect(engineBus.counters.handlerFailures).toBe(1);
    expect(seen.map((e) => e.topic)).toEqual([
      'order.event.submitted.AAPL',
      'order.event.accepted.AAPL',
      'order.event.filled.AAPL',
    ]);
    expect(() =>
      engineBus.publish({ topic: topics.trade.execution('AAPL'), payload: {}, eventTimeNs: T0 }),
    ).toThrow(/published "trade.execution.AAPL", which its manifest does not declare/);
  });
});
