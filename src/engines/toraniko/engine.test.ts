import { describe, expect, it } from 'vitest';
import type { Envelope } from '../../domain/envelope.ts';
import { PAYLOAD_SCHEMAS } from '../../domain/payloads.ts';
import { topics } from '../../domain/topics.ts';
import { estimateFactorModel } from '../../signals/factor-model/estimate.ts';
import { startEngine } from '../testing/engine-test-kit.ts';
import { BarPanel } from './bar-panel.ts';
import { ToranikoEngine } from './engine.ts';
import { toranikoConfigSchema, toranikoManifest } from './manifest.ts';

const MIN = 60_000_000_000n;
const T0 = 28_333_002n * MIN; // a multiple of 3 minutes
const SYMBOLS = ['AAA', 'BBB', 'CCC', 'DDD', 'EEE', 'FFF'];
const CONFIG = {
  estimateEveryMs: 180_000,
  momentumWindow: 5,
  momentumHalfLife: 2,
  momentumLag: 1,
  assets: Object.fromEntries(
    SYMBOLS.map((s, i) => [
      s,
      { sector: i < 3 ? 'tech' : 'energy', shares: 1e6 * (i + 1), bookPerShare: 10 + i },
    ]),
  ),
};
const close = (i: number, m: number) => 100 + 10 * i + 3 * Math.sin(m * (0.7 + 0.3 * i)) + 0.2 * m;

async function start() {
  const config = toranikoConfigSchema.parse(CONFIG);
  const { bus, get } = await startEngine({
    manifest: toranikoManifest,
    create: (ctx) => new ToranikoEngine(ctx),
    config: config,
    startNs: T0,
  });
  const received: Envelope[] = [];
  await bus.subscribe('probe', topics.pattern('factor'), (envelope) => {
    received.push(envelope);
  });
  const bars = (minutes: number) => {
    for (let m = 1; m <= minutes; m++) {
      const endNs = T0 + BigInt(m) * MIN;
      SYMBOLS.forEach((symbol, i) => {
        const c = close(i, m);
        bus.publish({
          engine: 'marketdata',
          topic: topics.marketData.bar(symbol, '1m'),
          payload: {
            kind: 'bar',
            symbol,
            spec: '1m',
            open: c,
            high: c,
            low: c,
            close: c,
            volume: 1,
            startNs: endNs - MIN,
            endNs,
          },
          eventTimeNs: endNs,
        });
      });
    }
  };
  return { received, bars, get, config };
}

describe('toraniko engine', () => {
  it('re-estimates once per 3 minutes of event time and publishes every closed period', async () => {
    const { received, bars, config } = await start();
    bars(20);
    for (const envelope of received)
      expect(PAYLOAD_SCHEMAS.FACTOR_MODEL.safeParse(envelope.payload).success).toBe(true);
    const byTopic = (topic: string) => received.filter((e) => e.topic === topic);
    // Bar m closes period m - 1; estimates run at minutes 2, 3, 6, ..., 18, so periods 2..17 are out
    // (period 1 has no return: no earlier close) and 18, 19 wait for the next estimate.
    const market = byTopic('factor.return.market');
    expect(market.map((e) => (e.payload as { tsNs: bigint }).tsNs)).toEqual(
      Array.from({ length: 16 }, (_, k) => T0 + BigInt(k + 2) * MIN),
    );
    // Momentum (5 returns ending 1 period back) first exists for period 7.
    expect(byTopic('factor.return.momentum')).toHaveLength(11);
    expect(byTopic('factor.return.sector:tech')).toHaveLength(16);
    expect(byTopic('factor.model.toraniko')).toHaveLength(6);

    // The same numbers as the pure model on the panel of periods 1..17.
    const panel = new BarPanel(config.assets, 1000);
    for (let m = 1; m <= 18; m++)
      SYMBOLS.forEach((s, i) => {
        panel.observe(s, close(i, m), T0 + BigInt(m) * MIN);
      });
    const direct = estimateFactorModel(panel.toPanel(), {
      mode: 'two-stage',
      momentum: { window: 5, halfLife: 2, lag: 1 },
      momentumWinsor: 0.01,
      sizeQuantiles: { lower: 0.3, upper: 0.7 },
      valueWinsor: 0.05,
      returnsWinsor: 0.05,
      minAssets: 3,
    });
    expect(market.map((e) => (e.payload as { value: number }).value)).toEqual(direct.map((d) => d.market));

    const model = byTopic('factor.model.toraniko').at(-1)!.payload as {
      factorReturns: Record<string, number>;
      exposures: Record<string, { sector: string; value: number }>;
      residuals: Record<string, number>;
    };
    expect(model.factorReturns['sector:tech']! + model.factorReturns['sector:energy']!).toBeCloseTo(0, 15);
    expect(model.exposures.AAA).toMatchObject({ sector: 'tech' });
    expect(Object.keys(model.residuals)).toEqual(SYMBOLS);
  });

  it('serves GET /factor-returns, newest last, and refuses a bad limit', async () => {
    const { bars, get } = await start();
    expect((await get('/factor-returns')).body).toEqual({
      model: 'toraniko',
      mode: 'two-stage',
      periods: [],
    });
    bars(10);
    const { status, body } = await get('/factor-returns?limit=2');
    expect(status).toBe(200);
    expect(body.periods.map((p: { tsNs: string }) => p.tsNs)).toEqual([
      String(T0 + 7n * MIN),
      String(T0 + 8n * MIN),
    ]);
    expect(Object.keys(body.periods[1].returns)).toEqual([
      'market',
      'sector:energy',
      'sector:tech',
      'momentum',
      'size',
      'value',
    ]);
    const bad = await get('/factor-returns?limit=0');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('limit must be an integer >= 1');
  });
});
