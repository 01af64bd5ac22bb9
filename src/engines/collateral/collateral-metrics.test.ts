import { Registry } from 'prom-client';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryBus } from '../../bus/memory/memory-bus.ts';
import { createLogger } from '../../core/logger.ts';
import { TestClock } from '../../core/test-clock.ts';
import { topics } from '../../domain/topics.ts';
import { sampleValue } from '../../testing/prometheus-text.ts';
import { EngineBus } from '../engine-bus.ts';
import { CollateralEngine } from './engine.ts';
import { collateralConfigSchema, collateralManifest } from './manifest.ts';

const SEC = 1_000_000_000n;
const T0 = 1_700_000_000n * SEC;
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('collateral /metrics', () => {
  it('exposes equity, requirement, excess (negative in a call) and the call per account', async () => {
    const clock = new TestClock(T0);
    const bus = new MemoryBus({ mode: 'sync', clock });
    await bus.start();
    const metrics = new Registry();
    const engine = new CollateralEngine({
      manifest: collateralManifest,
      bus: new EngineBus(bus, collateralManifest),
      clock,
      logger: createLogger({ level: 'silent' }),
      metrics,
      config: collateralConfigSchema.parse({ startingCash: 10_000 }),
      instanceId: 'test',
    });
    await engine.onStart();
    cleanups.push(
      () => bus.stop(),
      () => engine.onStop(),
    );
    bus.publish({
      engine: 'portfolio',
      topic: topics.position.change('AAPL'),
      payload: {
        account: 'main',
        symbol: 'AAPL',
        quantity: '200',
        fillSide: 'buy',
        fillPrice: '150',
        fillQuantity: '200',
        commission: { amount: '0', currency: 'USD' },
      },
      eventTimeNs: T0,
    });
    const at = T0 + 60n * SEC;
    bus.publish({
      engine: 'marketdata',
      topic: topics.marketData.bar('AAPL', '1m'),
      payload: {
        kind: 'bar',
        symbol: 'AAPL',
        spec: '1m',
        open: 130,
        high: 130,
        low: 130,
        close: 130,
        volume: 1,
        startNs: at - 60n * SEC,
        endNs: at,
      },
      eventTimeNs: at,
    });
    // Cash 10000 - 200 × 150 = -20000; at 130 the position is worth 26000: equity 6000,
    // requirement 25% of 26000 = 6500, excess -500, call 500 (engine.test.ts, same scenario).
    const text = await metrics.metrics();
    expect(sampleValue(text, 'nautilus_collateral_equity', { account: 'main' })).toBe(6000);
    expect(sampleValue(text, 'nautilus_collateral_requirement', { account: 'main' })).toBe(6500);
    expect(sampleValue(text, 'nautilus_collateral_excess', { account: 'main' })).toBe(-500);
    expect(sampleValue(text, 'nautilus_collateral_call', { account: 'main' })).toBe(500);
  });
});
