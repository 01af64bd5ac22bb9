import { afterAll, describe, expect, it } from 'vitest';
import type { Envelope } from '../../domain/envelope.ts';
import { topics } from '../../domain/topics.ts';
import { openTempStore } from '../../store/testing/temp-store.ts';
import { startEngine } from '../testing/engine-test-kit.ts';
import { VpinEngine } from './engine.ts';
import { vpinConfigSchema, vpinManifest } from './manifest.ts';

const MIN = 60_000_000_000n;
const T0 = 28_333_000n * MIN;
const temp = await openTempStore(T0, 'nautilus-vpin-store-');
afterAll(() => temp.dispose());

describe('vpin engine with a store', () => {
  it('keeps every published reading in vpin_series', async () => {
    const { bus, engine } = await startEngine({
      manifest: vpinManifest,
      create: (ctx) => new VpinEngine(ctx),
      config: vpinConfigSchema.parse({ window: 2, sigmaWindow: 10, warmupSeconds: 60, bucketSeconds: 30 }),
      startNs: T0,
      store: temp.store,
    });
    const published: Envelope[] = [];
    await bus.subscribe('probe', topics.pattern('vpin.calculation'), (envelope) => {
      published.push(envelope);
    });
    for (let minute = 1; minute <= 40; minute++) {
      const endNs = T0 + BigInt(minute) * MIN;
      const close = 100 + Math.sin(minute) * 2;
      bus.publish({
        engine: 'marketdata',
        topic: topics.marketData.bar('AAPL', '1m'),
        payload: {
          kind: 'bar',
          symbol: 'AAPL',
          spec: '1m',
          open: 100,
          high: 103,
          low: 97,
          close,
          volume: 100,
          startNs: endNs - MIN,
          endNs,
        },
        eventTimeNs: endNs,
      });
    }
    await engine.onStop();
    const rows = await temp.store.read('vpin_series', { orderBy: 'tsNs' });
    expect(published.length).toBeGreaterThan(10);
    expect(rows.map((row) => row.vpin)).toEqual(published.map((e) => (e.payload as { vpin: number }).vpin));
    expect(rows.every((row) => row.symbol === 'AAPL')).toBe(true);
  });
});
