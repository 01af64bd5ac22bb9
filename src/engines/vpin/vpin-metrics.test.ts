import { Registry } from 'prom-client';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryBus } from '../../bus/memory/memory-bus.ts';
import { createLogger } from '../../core/logger.ts';
import { TestClock } from '../../core/test-clock.ts';
import { topics } from '../../domain/topics.ts';
import { parsePromText, sampleValue } from '../../testing/prometheus-text.ts';
import { EngineBus } from '../engine-bus.ts';
import { VpinEngine } from './engine.ts';
import { vpinConfigSchema, vpinManifest } from './manifest.ts';
import { toxicityLevel } from './vpin-metrics.ts';

const T0 = 1_700_000_000_000_000_000n;
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('toxicityLevel', () => {
  it('is the zone of the CDF: below warning 0, from warning 1, from critical 2', () => {
    const thresholds = { warning: 0.9, critical: 0.99 };
    expect([0, 0.899, 0.9, 0.98, 0.99, 1].map((cdf) => toxicityLevel(cdf, thresholds))).toEqual([
      0, 0, 1, 1, 2, 2,
    ]);
  });
});

describe('vpin /metrics', () => {
  it('exposes the latest VPIN, its CDF and toxicity level per symbol, and bucket/alert counts', async () => {
    const clock = new TestClock(T0);
    const bus = new MemoryBus({ mode: 'sync', clock });
    await bus.start();
    cleanups.push(() => bus.stop());
    const metrics = new Registry();
    const engine = new VpinEngine({
      manifest: vpinManifest,
      bus: new EngineBus(bus, vpinManifest),
      clock,
      logger: createLogger({ level: 'silent' }),
      metrics,
      config: vpinConfigSchema.parse({
        classification: 'aggressor',
        window: 1,
        bucketVolume: { X: 10 },
        cdfMinHistory: 3,
        warning: 0.5,
      }),
      instanceId: 'test',
    });
    await engine.onStart();
    expect(
      parsePromText(await metrics.metrics()).filter((s) => s.name.startsWith('nautilus_vpin_cdf')),
    ).toEqual([]);
    let t = T0;
    // Each bucket is 10 units: `buy` bought, the rest sold; with n = 1, VPIN = |2·buy − 10| / 10.
    for (const buy of [6, 4, 5, 7]) {
      for (const [size, aggressor] of [
        [buy, 'buy'],
        [10 - buy, 'sell'],
      ] as const) {
        t += 1_000_000n;
        bus.publish({
          engine: 'marketdata',
          topic: topics.marketData.trade('X'),
          payload: { kind: 'trade', symbol: 'X', price: 5, size, aggressor, tsNs: t },
          eventTimeNs: t,
        });
      }
    }
    // VPIN 0.2, 0.2, 0, 0.4: the last is the highest of four values, CDF 4/4 = 1 -> critical.
    const text = await metrics.metrics();
    expect(sampleValue(text, 'nautilus_vpin_value', { symbol: 'X' })).toBeCloseTo(0.4, 12);
    expect(sampleValue(text, 'nautilus_vpin_cdf', { symbol: 'X' })).toBe(1);
    expect(sampleValue(text, 'nautilus_vpin_toxicity_level', { symbol: 'X' })).toBe(2);
    expect(sampleValue(text, 'nautilus_vpin_buckets_total')).toBe(4);
    expect(sampleValue(text, 'nautilus_vpin_toxicity_alerts_total')).toBe(1);
  });
});
