import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { MemoryBus } from '../../bus/memory/memory-bus.ts';
import { createLogger } from '../../core/logger.ts';
import { TestClock } from '../../core/test-clock.ts';
import type { Envelope } from '../../domain/envelope.ts';
import { topics } from '../../domain/topics.ts';
import { EngineBus } from '../engine-bus.ts';
import { AnalyticsEngine } from './engine.ts';
import { analyticsConfigSchema, analyticsManifest } from './manifest.ts';

const DAY = 86_400_000_000_000n;

describe('analytics engine', () => {
  it('publishes performance of each account from its equity updates', async () => {
    const clock = new TestClock(DAY);
    const bus = new MemoryBus({ mode: 'sync', clock });
    await bus.start();
    const engine = new AnalyticsEngine({
      manifest: analyticsManifest,
      bus: new EngineBus(bus, analyticsManifest),
      clock,
      logger: createLogger({ level: 'silent' }),
      metrics: new Registry(),
      config: analyticsConfigSchema.parse({ every: 3 }),
      instanceId: 'test',
    });
    await engine.onStart();
    const results: Envelope[] = [];
    await bus.subscribe('probe', topics.pattern('analytics.result'), (envelope) => {
      results.push(envelope);
    });
    for (const [day, equity] of [
      [1n, 110_000],
      [2n, 99_000],
      [3n, 108_900],
    ] as const)
      bus.publish({
        engine: 'portfolio',
        topic: topics.portfolio.update('main'),
        payload: { account: 'main', equity, startingCapital: 100_000 },
        eventTimeNs: day * DAY,
      });
    expect(results).toHaveLength(1);
    expect(results[0]!.payload).toMatchObject({
      kind: 'performance',
      account: 'main',
      finalEquity: 108_900,
      tradingDays: 3,
    });
    const payload = results[0]!.payload as { totalReturn: number; maxDrawdown: number };
    expect(payload.totalReturn).toBeCloseTo(0.089, 12);
    expect(payload.maxDrawdown).toBeCloseTo(-0.1, 12);
    expect(engine.healthDetail()).toBe('main: return 8.90%, max drawdown -10.00%');
    await bus.stop();
  });
});
