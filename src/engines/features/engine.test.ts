import { describe, expect, it } from 'vitest';
import type { Envelope } from '../../domain/envelope.ts';
import { PAYLOAD_SCHEMAS } from '../../domain/payloads.ts';
import { topics } from '../../domain/topics.ts';
import { periodsPerYearOf } from '../../signals/features/periods-per-year.ts';
import { startEngine } from '../testing/engine-test-kit.ts';
import { FeaturesEngine } from './engine.ts';
import { featuresConfigSchema, featuresManifest } from './manifest.ts';

const MIN = 60_000_000_000n;
const T0 = 28_333_000n * MIN;

async function start(config: Record<string, unknown> = {}) {
  const { bus, get } = await startEngine({
    manifest: featuresManifest,
    create: (ctx) => new FeaturesEngine(ctx),
    config: featuresConfigSchema.parse(config),
    startNs: T0,
  });
  const published: Envelope[] = [];
  await bus.subscribe('probe', topics.pattern('feature'), (envelope) => {
    published.push(envelope);
  });
  const send = (payload: Record<string, unknown>, topic: string, eventTimeNs: bigint) =>
    bus.publish({ engine: 'marketdata', topic, payload, eventTimeNs });
  const bar = (symbol: string, spec: string, m: number, close: number) => {
    const endNs = T0 + BigInt(m) * MIN;
    send(
      {
        kind: 'bar',
        symbol,
        spec,
        open: close,
        high: close * 1.001,
        low: close * 0.999,
        close,
        volume: 10,
        startNs: endNs - MIN,
        endNs,
      },
      topics.marketData.bar(symbol, spec),
      endNs,
    );
  };
  return { published, send, bar, get };
}

describe('features engine', () => {
  it('publishes feature.calculation.<symbol> once per bar of its spec, with quote and book features', async () => {
    const { published, send, bar, get } = await start({ window: 3, returnHorizons: [1, 2] });
    expect((await get('/features/AAPL')).status).toBe(404);
    send(
      { kind: 'quote', symbol: 'AAPL', bid: 99, ask: 101, bidSize: 3, askSize: 1, tsNs: T0 },
      topics.marketData.quote('AAPL'),
      T0,
    );
    send(
      {
        kind: 'book',
        symbol: 'AAPL',
        bids: [
          [99, 3],
          [98, 5],
        ],
        asks: [
          [101, 1],
          [102, 1],
        ],
        tsNs: T0,
      },
      topics.marketData.book('AAPL'),
      T0,
    );
    for (const [m, close] of [
      [1, 100],
      [2, 110],
      [3, 99],
      [4, 99],
    ] as const) {
      bar('AAPL', '1m', m, close);
      bar('AAPL', '10s', m, close); // other specs are ignored
    }
    expect(published.map((e) => e.topic)).toEqual(Array(4).fill('feature.calculation.AAPL'));
    for (const e of published)
      expect(PAYLOAD_SCHEMAS.FEATURE_CALCULATION.safeParse(e.payload).success).toBe(true);
    const last = published.at(-1)!.payload as {
      values: Record<string, number | null>;
      bars: number;
      tsNs: bigint;
    };
    expect(last.bars).toBe(4);
    expect(last.tsNs).toBe(T0 + 4n * MIN);
    expect(last.values.return_1).toBe(0); // 99 / 99 - 1
    expect(last.values.return_2).toBeCloseTo(-0.1, 15); // 99 / 110 - 1
    expect(last.values.spread).toBe(2);
    expect(last.values.microprice).toBe(100.5);
    expect(last.values.book_imbalance).toBe(0.6);
    expect(last.values.rsi).toBeNull(); // RSI(14) is not stable after 4 bars
    const http = await get('/features/AAPL');
    expect(http.status).toBe(200);
    expect(http.body).toMatchObject({ symbol: 'AAPL', spec: '1m', bars: 4, tsNs: String(T0 + 4n * MIN) });
    expect((await get('/features')).body).toEqual({ spec: '1m', symbols: ['AAPL'] });
    const missing = await get('/features/ES');
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toContain(
      'no features for ES: no 1m bar seen (symbols with features: AAPL)',
    );
  });

  it('annualises by bars per year of the spec unless configured', () => {
    expect(periodsPerYearOf('1m', 0)).toBe(525_600); // 365 * 24 * 60
    expect(periodsPerYearOf('10s', 0)).toBe(3_153_600);
    expect(periodsPerYearOf('1d', 0)).toBe(252);
    expect(periodsPerYearOf('1m', 98_280)).toBe(98_280);
    expect(() => periodsPerYearOf('100t', 0)).toThrow('set periodsPerYear for tick bars');
  });
});
