import { Registry } from 'prom-client';
import { afterEach, describe, expect, it } from 'vitest';
import { monteCarloVar } from '../../analytics/index.ts';
import { MemoryBus } from '../../bus/memory/memory-bus.ts';
import { createLogger } from '../../core/logger.ts';
import { TestClock } from '../../core/test-clock.ts';
import type { Envelope } from '../../domain/envelope.ts';
import { topics } from '../../domain/topics.ts';
import { EngineBus } from '../engine-bus.ts';
import { RiskEngine } from './engine.ts';
import { riskConfigSchema, riskManifest } from './manifest.ts';
import { riskTestOrders } from './risk-test-orders.ts';

const S = 1_000_000_000n;
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function start(config: Record<string, unknown>) {
  const clock = new TestClock(1_000n * S);
  const bus = new MemoryBus({ mode: 'sync', clock });
  await bus.start();
  const engine = new RiskEngine({
    manifest: riskManifest,
    bus: new EngineBus(bus, riskManifest),
    clock,
    logger: createLogger({ level: 'silent' }),
    metrics: new Registry(),
    config: riskConfigSchema.parse(config),
    instanceId: 'test',
  });
  await engine.onStart();
  const seen: Envelope[] = [];
  await bus.subscribe('probe', topics.everything, (envelope) => {
    seen.push(envelope);
  });
  cleanups.push(() => bus.stop());
  const { submit, fill } = riskTestOrders(bus, clock);
  const onTopic = (prefix: string) => seen.filter((e) => e.topic.startsWith(prefix));
  return { bus, clock, engine, submit, fill, onTopic };
}

describe('risk engine', () => {
  it('approves orders within limits and publishes denials as order events with the reason', async () => {
    const { submit, fill, onTopic, engine, bus } = await start({ limits: { maxPosition: { '*': '150' } } });
    bus.publish({
      engine: 'marketdata',
      topic: topics.marketData.trade('AAPL'),
      payload: { kind: 'trade', symbol: 'AAPL', price: 190.004, size: 5, tsNs: 1n },
    });
    const first = submit('buy', '100');
    expect(onTopic('order.approved.sim').map((e) => (e.payload as { orderId: string }).orderId)).toEqual([
      first.id,
    ]);
    fill(first);
    submit('buy', '60');
    const rejected = onTopic('order.event.rejected.AAPL');
    expect(rejected).toHaveLength(1);
    expect(rejected[0]!.payload).toMatchObject({
      orderId: 'O-t-2',
      status: 'rejected',
      code: 'MAX_POSITION',
      event: { type: 'rejected', reason: 'O-t-2: position would be 160, beyond the limit 150 for AAPL.SIM' },
    });
    submit('sell', '100');
    expect(onTopic('order.approved.sim')).toHaveLength(2);
    expect(engine.healthDetail()).toBe('trading ACTIVE; orders approved 2, denied 1');
  });

  it('changes the trading state on request, halts on a FLASH_CRASH message, and announces it', async () => {
    const { bus, submit, onTopic } = await start({});
    expect(
      await bus.request('risk', 'trading-state', {
        state: 'REDUCING',
        reason: 'drawdown 10%',
        requestedBy: 'portfolio',
      }),
    ).toEqual({ state: 'REDUCING', changed: true });
    submit('buy', '10');
    expect(onTopic('order.event.rejected')[0]!.payload).toMatchObject({ code: 'REDUCING_ONLY' });
    bus.publish({
      engine: 'vpin',
      topic: topics.marketData.trade('AAPL'),
      priority: 'FLASH_CRASH',
      payload: { kind: 'trade', symbol: 'AAPL', price: 150, size: 1, tsNs: 2n },
    });
    expect(onTopic('risk.state').map((e) => e.payload)).toEqual([
      { state: 'REDUCING', reason: 'drawdown 10%' },
      { state: 'HALTED', reason: 'flash crash: market_data.trade.AAPL from vpin' },
    ]);
    await expect(bus.request('risk', 'trading-state', { state: 'NOPE' })).rejects.toThrow(/expected \{state/);
  });

  it('moves to the configured state on a critical toxicity alert with FLASH_CRASH priority, never relaxing', async () => {
    const alert = (
      bus: MemoryBus,
      level: 'warning' | 'critical',
      priority: 'FLASH_CRASH' | 'HIGH',
      cdf: number,
    ) =>
      bus.publish({
        engine: 'vpin',
        topic: topics.toxicity.alert('AAPL'),
        priority,
        payload: { symbol: 'AAPL', level, vpin: 0.4321, cdf, tsNs: 5n },
        eventTimeNs: 5n,
      });
    const reducing = await start({});
    alert(reducing.bus, 'warning', 'HIGH', 0.95);
    alert(reducing.bus, 'critical', 'HIGH', 0.995); // not sent as FLASH_CRASH: ignored
    expect(reducing.onTopic('risk.state')).toEqual([]);
    alert(reducing.bus, 'critical', 'FLASH_CRASH', 0.995);
    expect(reducing.onTopic('risk.state').map((e) => [e.payload, e.priority])).toEqual([
      [{ state: 'REDUCING', reason: 'critical toxicity: AAPL VPIN 0.432, CDF 0.995 from vpin' }, 'URGENT'],
    ]);
    reducing.submit('buy', '10');
    expect(reducing.onTopic('order.event.rejected')[0]!.payload).toMatchObject({ code: 'REDUCING_ONLY' });
    await reducing.bus.request('risk', 'trading-state', { state: 'HALTED', reason: 'operator' });
    alert(reducing.bus, 'critical', 'FLASH_CRASH', 1); // HALTED is stricter than REDUCING: kept
    expect(reducing.onTopic('risk.state')).toHaveLength(2);

    const halting = await start({ onToxicity: 'HALTED' });
    await halting.bus.request('risk', 'trading-state', { state: 'REDUCING', reason: 'drawdown' });
    alert(halting.bus, 'critical', 'FLASH_CRASH', 1);
    await halting.bus.request('risk', 'trading-state', { state: 'HALTED', reason: 'operator' });
    alert(halting.bus, 'critical', 'FLASH_CRASH', 1); // already HALTED: nothing to change
    expect(halting.onTopic('risk.state').map((e) => (e.payload as { state: string }).state)).toEqual([
      'REDUCING',
      'HALTED',
    ]);
  });

  it('lifts a toxicity-imposed state after the cool-off without critical alerts, never an operator state', async () => {
    const MIN = 60n * S;
    const critical = (bus: MemoryBus, atNs: bigint) =>
      bus.publish({
        engine: 'vpin',
        topic: topics.toxicity.alert('AAPL'),
        priority: 'FLASH_CRASH',
        payload: { symbol: 'AAPL', level: 'critical', vpin: 0.5, cdf: 0.995, tsNs: atNs },
        eventTimeNs: atNs,
      });
    const trade = (bus: MemoryBus, atNs: bigint) =>
      bus.publish({
        engine: 'marketdata',
        topic: topics.marketData.trade('AAPL'),
        payload: { kind: 'trade', symbol: 'AAPL', price: 190, size: 1, tsNs: atNs },
        eventTimeNs: atNs,
      });
    const states = (onTopic: (prefix: string) => Envelope[]) =>
      onTopic('risk.state').map((e) => (e.payload as { state: string; reason: string }).state);

    const { bus, onTopic } = await start({ toxicityCoolOffMs: 30 * 60_000 });
    critical(bus, 0n);
    trade(bus, 20n * MIN);
    critical(bus, 25n * MIN); // a fresh critical alert restarts the cool-off
    trade(bus, 50n * MIN);
    expect(states(onTopic)).toEqual(['REDUCING']);
    trade(bus, 55n * MIN);
    expect(states(onTopic)).toEqual(['REDUCING', 'ACTIVE']);
    expect(onTopic('risk.state').at(-1)!.payload).toEqual({
      state: 'ACTIVE',
      reason: 'toxicity cool-off: no critical alert for 30 min',
    });

    const held = await start({ toxicityCoolOffMs: 30 * 60_000 });
    critical(held.bus, 0n);
    // The operator confirms REDUCING (no change): the state is the operator's now, not toxicity's.
    await held.bus.request('risk', 'trading-state', { state: 'REDUCING', reason: 'operator: drawdown' });
    trade(held.bus, 120n * MIN);
    expect(states(held.onTopic)).toEqual(['REDUCING']);

    const sticky = await start({ toxicityCoolOffMs: 0 });
    critical(sticky.bus, 0n);
    trade(sticky.bus, 1_000n * MIN);
    expect(states(sticky.onTopic)).toEqual(['REDUCING']);
  });

  it('publishes portfolio VaR and ES from equity updates', async () => {
    const { bus, onTopic } = await start({
      var: { every: 30, window: 250, confidence: 0.95, horizonDays: 1 },
    });
    let equity = 100_000;
    const equities: number[] = [];
    for (let i = 0; i < 30; i++) {
      equity *= i % 3 === 0 ? 0.99 : 1.006;
      equities.push(equity);
      bus.publish({
        engine: 'portfolio',
        topic: topics.portfolio.update('main'),
        payload: { account: 'main', equity },
      });
    }
    const names = onTopic('portfolio.risk').map((e) => (e.payload as { name: string }).name);
    expect(names).toEqual([
      'var_historical',
      'es_historical',
      'var_parametric',
      'es_parametric',
      'var_monte-carlo',
      'es_monte-carlo',
    ]);
    const values = Object.fromEntries(
      onTopic('portfolio.risk').map((e) => [
        (e.payload as { name: string }).name,
        (e.payload as { value: number }).value,
      ]),
    );
    expect(values.var_historical).toBeCloseTo(0.01, 10);
    expect(values.es_historical! >= values.var_historical!).toBe(true);
    const returns = equities.slice(1).map((e, i) => [e / equities[i]! - 1]);
    const simulated = monteCarloVar([1], returns, {
      confidence: 0.95,
      horizonDays: 1,
      paths: 2_000,
      seed: 42,
    });
    expect(values['var_monte-carlo']).toBe(simulated.var);
    expect(values['es_monte-carlo']).toBe(simulated.es);
  });
});
