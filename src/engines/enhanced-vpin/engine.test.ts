import { describe, expect, it } from 'vitest';
import type { MemoryBus } from '../../bus/memory/memory-bus.ts';
import type { Envelope } from '../../domain/envelope.ts';
import { PAYLOAD_SCHEMAS } from '../../domain/payloads.ts';
import { topics } from '../../domain/topics.ts';
import { startEngine } from '../testing/engine-test-kit.ts';
import { EnhancedVpinEngine } from './engine.ts';
import { AGGREGATE_SYMBOL, enhancedVpinConfigSchema, enhancedVpinManifest } from './manifest.ts';

const MIN = 60_000_000_000n;
const T0 = 28_333_000n * MIN;

async function start(config: Record<string, unknown>) {
  const { bus, engine, get } = await startEngine({
    manifest: enhancedVpinManifest,
    create: (ctx) => new EnhancedVpinEngine(ctx),
    config: enhancedVpinConfigSchema.parse(config),
    startNs: T0,
  });
  const seen: Envelope[] = [];
  await bus.subscribe('probe', topics.everything, (envelope) => {
    if (!envelope.topic.startsWith('market_data')) seen.push(envelope);
  });
  return { bus, engine, seen, get };
}

function trade(
  bus: MemoryBus,
  symbol: string,
  atNs: bigint,
  price: number,
  size: number,
  aggressor?: 'buy' | 'sell',
) {
  bus.publish({
    engine: 'marketdata',
    topic: topics.marketData.trade(symbol),
    payload: { kind: 'trade', symbol, price, size, ...(aggressor ? { aggressor } : {}), tsNs: atNs },
    eventTimeNs: atNs,
  });
}

const vpinOf = (e: Envelope) => (e.payload as { vpin: number }).vpin;

describe('enhanced-vpin engine', () => {
  it('classifies by tick rule per symbol and publishes the notional-weighted cross-symbol aggregate', async () => {
    const { bus, seen, get } = await start({
      classification: 'tick',
      window: 1,
      bucketVolume: { A: 10, B: 10 },
    });
    trade(bus, 'A', T0 + 1n, 10, 10); // first trade: share 1/2 -> VPIN 0, notional 100
    trade(bus, 'A', T0 + 2n, 11, 10); // uptick: all buys -> VPIN 1, notional 110
    trade(bus, 'B', T0 + 3n, 20, 10); // VPIN 0, notional 200
    trade(bus, 'B', T0 + 4n, 19, 10); // downtick: all sells -> VPIN 1, notional 190
    expect(seen.filter((e) => e.topic === topics.vpin.enhanced('A')).map(vpinOf)).toEqual([0, 1]);
    // 0; 1; (1·110 + 0·200) / 310; 1
    expect(seen.filter((e) => e.topic === topics.vpin.enhanced(AGGREGATE_SYMBOL)).map(vpinOf)).toEqual([
      0,
      1,
      110 / 310,
      1,
    ]);
    for (const envelope of seen.filter((e) => e.topic.startsWith('vpin.enhanced')))
      expect(PAYLOAD_SCHEMAS.VPIN_CALCULATION.safeParse(envelope.payload).success).toBe(true);
    expect(seen.find((e) => e.topic === topics.vpin.enhanced('B'))!.payload).toMatchObject({
      classification: 'tick',
      clock: 'volume',
      windowNotional: 200,
    });
    const summary = await get('/vpin');
    expect(summary.body.aggregate).toMatchObject({ vpin: 1, symbols: 2, totalWeight: 300 });
    expect(summary.body.symbols.map((s: { symbol: string }) => s.symbol)).toEqual(['A', 'B']);
    expect((await get('/vpin/B')).body.recent).toHaveLength(2);
  });

  it('runs the time clock on aggressor-classified trades', async () => {
    const { bus, seen } = await start({
      classification: 'aggressor',
      clock: 'time',
      intervalSeconds: 1,
      window: 5,
    });
    const S = 1_000_000_000n;
    trade(bus, 'A', T0 + S / 10n, 10, 3, 'buy');
    trade(bus, 'A', T0 + S / 2n, 10, 1, 'sell');
    trade(bus, 'A', T0 + S + S / 5n, 10, 2, 'buy'); // closes [T0, T0 + 1 s): |3 - 1| / 4
    const readings = seen.filter((e) => e.topic === topics.vpin.enhanced('A'));
    expect(readings.map((e) => e.payload)).toEqual([
      expect.objectContaining({ vpin: 0.5, tsNs: T0 + S, clock: 'time', full: false }),
    ]);
  });

  it('classifies bars with Student-t BVC', async () => {
    const { bus, seen } = await start({
      classification: 'bvc-t',
      degreesOfFreedom: 2,
      window: 2,
      bucketVolume: { A: 100 },
    });
    for (const [minute, close] of [
      [1, 100],
      [2, 101],
    ] as const) {
      const endNs = T0 + BigInt(minute) * MIN;
      bus.publish({
        engine: 'marketdata',
        topic: topics.marketData.bar('A', '1m'),
        payload: {
          kind: 'bar',
          symbol: 'A',
          spec: '1m',
          open: 100,
          high: close,
          low: 100,
          close,
          volume: 100,
          startNs: endNs - MIN,
          endNs,
        },
        eventTimeNs: endNs,
      });
    }
    // Changes {0, 1}: s = √0.5, share t₂(√2) = 1/2 + √2 / (2·√4) -> imbalance 100·|2·share - 1|
    const share = 0.5 + Math.SQRT2 / 4;
    expect(seen.filter((e) => e.topic === topics.vpin.enhanced('A')).map(vpinOf)).toEqual([
      0,
      expect.closeTo((100 * Math.abs(2 * share - 1)) / 200, 12),
    ]);
  });
});
