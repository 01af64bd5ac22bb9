import { describe, expect, it } from 'vitest';
import type { MemoryBus } from '../../bus/memory/memory-bus.ts';
import type { Envelope } from '../../domain/envelope.ts';
import { PAYLOAD_SCHEMAS } from '../../domain/payloads.ts';
import { topics } from '../../domain/topics.ts';
import { normalCdf } from '../../signals/vpin/distributions.ts';
import { startEngine } from '../testing/engine-test-kit.ts';
import { VpinEngine } from './engine.ts';
import { vpinConfigSchema, vpinManifest } from './manifest.ts';

const MIN = 60_000_000_000n;
const T0 = 28_333_000n * MIN;

async function start(config: Record<string, unknown>) {
  const { bus, engine, get } = await startEngine({
    manifest: vpinManifest,
    create: (ctx) => new VpinEngine(ctx),
    config: vpinConfigSchema.parse(config),
    startNs: T0,
  });
  const seen: Envelope[] = [];
  await bus.subscribe('probe', topics.everything, (envelope) => {
    if (!envelope.topic.startsWith('market_data')) seen.push(envelope);
  });
  return { bus, engine, seen, get };
}

function bar(bus: MemoryBus, symbol: string, spec: string, minute: number, close: number, volume: number) {
  const endNs = T0 + BigInt(minute) * MIN;
  bus.publish({
    engine: 'marketdata',
    topic: topics.marketData.bar(symbol, spec),
    payload: {
      kind: 'bar',
      symbol,
      spec,
      open: close,
      high: close,
      low: close,
      close,
      volume,
      startNs: endNs - MIN,
      endNs,
    },
    eventTimeNs: endNs,
  });
}

describe('vpin engine', () => {
  it('estimates V over the warm-up and publishes a VPIN per completed bucket of BVC-classified bars', async () => {
    const { bus, seen, get, engine } = await start({
      window: 2,
      sigmaWindow: 10,
      warmupSeconds: 60,
      bucketSeconds: 30,
      recent: 4,
    });
    const closes = [100, 101, 100.5, 102, 101];
    closes.forEach((close, i) => {
      bar(bus, 'AAPL', '1m', i + 1, close, 100);
      bar(bus, 'AAPL', '10s', i + 1, close, 999); // another bar spec: ignored
    });
    const published = seen.filter((e) => e.topic === topics.vpin.calculation('AAPL'));
    // 100 per minute -> V = 100 · 30 / 60 = 50: each bar fills two buckets.
    expect(published).toHaveLength(10);
    for (const envelope of published)
      expect(PAYLOAD_SCHEMAS.VPIN_CALCULATION.safeParse(envelope.payload).success).toBe(true);
    // Bar 1: one change (close - open = 0), share 1/2: balanced buckets. Bar 2: changes {0, 1},
    // s² = 1/2, share Φ(1/√0.5) = Φ(√2) in both of its buckets, imbalance 50·|2Φ(√2) - 1|.
    const imbalance = 50 * Math.abs(2 * normalCdf(Math.SQRT2) - 1);
    expect(published.slice(0, 4).map((e) => (e.payload as { vpin: number }).vpin)).toEqual([
      0,
      0,
      expect.closeTo(imbalance / 100, 14), // window {0, imbalance} / (2 · 50)
      expect.closeTo((2 * imbalance) / 100, 14),
    ]);
    expect((published[5]!.payload as { vpin: number; bucketVolume: number }).bucketVolume).toBe(50);
    expect(published[5]!.payload).toMatchObject({ bucket: 6, full: true, classification: 'bvc' });
    const latest = await get('/vpin/AAPL');
    expect(latest.status).toBe(200);
    expect(latest.body).toMatchObject({ symbol: 'AAPL', bucketVolume: 50, latest: { index: 10 } });
    expect(latest.body.recent.map((r: { index: number }) => r.index)).toEqual([7, 8, 9, 10]); // `recent: 4`
    expect((await get('/vpin')).body).toEqual([
      expect.objectContaining({ symbol: 'AAPL', bucketVolume: 50 }),
    ]);
    const missing = await get('/vpin/NOPE');
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toMatch(/no VPIN for NOPE \(symbols: AAPL\)/);
    expect(engine.healthFields()).toEqual({ symbols: 1, buckets: 10, alerts: 0 });
  });

  it('alerts on toxicity: critical ones with FLASH_CRASH priority on toxicity.alert.<symbol>', async () => {
    const { bus, seen } = await start({
      classification: 'aggressor',
      window: 1,
      bucketVolume: { X: 10 },
      cdfMinHistory: 3,
      warning: 0.5,
    });
    let t = T0;
    const bucket = (buy: number) => {
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
    };
    // VPIN (n = 1): 0.2, 0.2, 0 (CDF 1/3), 0.4 (CDF 4/4: critical), 0.2 (CDF 2/5 -> re-arms), 0.6 (critical)
    for (const buy of [6, 4, 5, 7, 6, 8]) bucket(buy);
    const alerts = seen.filter((e) => e.topic === topics.toxicity.alert('X'));
    expect(
      alerts.map((e) => [e.priority, (e.payload as { level: string; cdf: number }).cdf, e.payload]),
    ).toEqual([
      [
        'FLASH_CRASH',
        1,
        expect.objectContaining({ level: 'critical', vpin: 0.4, bucket: 4, source: 'vpin' }),
      ],
      [
        'FLASH_CRASH',
        1,
        expect.objectContaining({ level: 'critical', vpin: expect.closeTo(0.6, 12), bucket: 6 }),
      ],
    ]);
    for (const alert of alerts)
      expect(PAYLOAD_SCHEMAS.TOXICITY_ALERT.safeParse(alert.payload).success).toBe(true);
  });

  it('refuses a warning threshold above the critical one', async () => {
    await expect(start({ warning: 0.995, critical: 0.99 })).rejects.toThrow(
      /warning \(0.995\) must not exceed critical/,
    );
  });
});
