import { Registry } from 'prom-client';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryBroker } from '../../bus/memory/memory-broker.ts';
import { MemoryBus } from '../../bus/memory/memory-bus.ts';
import { createLogger } from '../../core/logger.ts';
import { TestClock } from '../../core/test-clock.ts';
import type { Envelope } from '../../domain/envelope.ts';
import { partitionOfSymbol } from '../../domain/symbol-partition.ts';
import { bigintAsText } from '../../domain/time.ts';
import { topics } from '../../domain/topics.ts';
import { EngineBus } from '../engine-bus.ts';
import { VpinEngine } from './engine.ts';
import { vpinConfigSchema, vpinManifest } from './manifest.ts';

const MIN = 60_000_000_000n;
const T0 = 28_333_000n * MIN;
const SYMBOLS = ['AAPL', 'MSFT', 'NVDA', 'BTCUSDT', 'ETHUSDT', 'ES', 'EURUSD', 'USDJPY'];
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const options = { window: 2, sigmaWindow: 10, warmupSeconds: 60, bucketSeconds: 30, recent: 4 };

/** VPIN instances on one broker; each reading is collected with the instance that published it. */
async function run(partitions: { index: number; count: number }[]) {
  const clock = new TestClock(T0);
  const broker = new MemoryBroker({
    mode: 'sync',
    maxDeliveries: 5,
    deadLetterLimit: 100,
    now: () => clock.nowNs(),
  });
  for (const [i, partition] of partitions.entries()) {
    const id = `vpin-${i}`;
    const bus = new MemoryBus({ mode: 'sync', clock, broker, instanceId: id });
    await bus.start();
    cleanups.push(() => bus.stop());
    const ctx = {
      manifest: vpinManifest,
      bus: new EngineBus(bus, vpinManifest, { stableInstanceId: id }),
      clock,
      logger: createLogger({ level: 'silent' }),
      metrics: new Registry(),
      config: vpinConfigSchema.parse({ ...options, partition }),
      instanceId: id,
    };
    await new VpinEngine(ctx).onStart();
  }
  const feed = new MemoryBus({ mode: 'sync', clock, broker, instanceId: 'feed' });
  await feed.start();
  cleanups.push(() => feed.stop());
  const readings: Envelope[] = [];
  await feed.subscribe('probe', topics.pattern('vpin'), (envelope) => {
    readings.push(envelope);
  });
  for (let minute = 1; minute <= 6; minute++) {
    for (const [s, symbol] of SYMBOLS.entries()) {
      const close = 100 + s + Math.sin(minute * (s + 1));
      const endNs = T0 + BigInt(minute) * MIN;
      feed.publish({
        engine: 'marketdata',
        topic: topics.marketData.bar(symbol, '1m'),
        payload: {
          kind: 'bar',
          symbol,
          spec: '1m',
          open: 100 + s,
          high: close + 1,
          low: 99 + s,
          close,
          volume: 100 + s,
          startNs: endNs - MIN,
          endNs,
        },
        eventTimeNs: endNs,
      });
    }
  }
  return readings;
}

describe('vpin instances partitioned by symbol', () => {
  it('publish, between them, exactly the readings one instance publishes alone, each symbol from one instance', async () => {
    const alone = await run([{ index: 0, count: 1 }]);
    const split = await run([
      { index: 0, count: 2 },
      { index: 1, count: 2 },
    ]);
    expect(alone.length).toBeGreaterThan(SYMBOLS.length);
    const key = (e: Envelope) => `${e.topic} ${JSON.stringify(e.payload, bigintAsText)}`;
    expect(split.map(key).sort()).toEqual(alone.map(key).sort());
    for (const envelope of split) {
      const { symbol } = envelope.payload as { symbol: string };
      expect(envelope.source.instance).toBe(`vpin-${partitionOfSymbol(symbol, 2)}`);
    }
    expect(new Set(split.map((e) => e.source.instance)).size).toBe(2);
  });
});
