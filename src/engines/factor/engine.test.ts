import { describe, expect, it } from 'vitest';
import type { MemoryBus } from '../../bus/memory/memory-bus.ts';
import { NautilusError } from '../../core/errors.ts';
import type { Envelope } from '../../domain/envelope.ts';
import { PAYLOAD_SCHEMAS } from '../../domain/payloads.ts';
import { topics } from '../../domain/topics.ts';
import { DGS10_OBSERVATIONS } from '../../marketdata/sources/fred/fred-fixtures.ts';
import { parseFredObservations } from '../../marketdata/sources/fred/fred-parse.ts';
import { APPLE_FACTS } from '../../marketdata/sources/sec-edgar/sec-edgar-fixtures.ts';
import { parseCompanyFacts } from '../../marketdata/sources/sec-edgar/sec-edgar-parse.ts';
import { startEngine } from '../testing/engine-test-kit.ts';
import { type FactorCalculation, FactorEngine } from './engine.ts';
import { factorConfigSchema, factorManifest } from './manifest.ts';

const MIN = 60_000_000_000n;
const DAY = 1440n * MIN;
const T0 = 19_750n * DAY + 600n * MIN; // 2024-01-28 10:00 UTC

/** DGS2 in FRED's observation reply shape (as DGS10_OBSERVATIONS), through the hub's own parser. */
const DGS2 = {
  observations: [
    { realtime_start: '2024-01-10', realtime_end: '2024-01-10', date: '2024-01-02', value: '4.33' },
    { realtime_start: '2024-01-10', realtime_end: '2024-01-10', date: '2024-01-03', value: '4.33' },
  ],
};

/** Answers the hub's `fetch` endpoint like the market-data engine, from fixtures. */
async function fakeHub(bus: MemoryBus, requests: Array<Record<string, unknown>>) {
  await bus.endpoint('marketdata', 'fetch', (body) => {
    const request = body as { source: string; operation: string; params: Record<string, string> };
    requests.push(body as Record<string, unknown>);
    const { id, taxonomy } = request.params;
    if (request.source === 'fred' && id === 'DGS10')
      return { source: 'fred', id, observations: parseFredObservations(DGS10_OBSERVATIONS, id) };
    if (request.source === 'fred' && id === 'DGS2')
      return { source: 'fred', id, observations: parseFredObservations(DGS2, id) };
    if (request.source === 'fred')
      throw new NautilusError('NOT_FOUND', `fred: series ${id}: Bad Request. The series does not exist.`);
    return parseCompanyFacts(APPLE_FACTS, { taxonomy: taxonomy! });
  });
}

async function start(config: Record<string, unknown>, hub: boolean) {
  const requests: Array<Record<string, unknown>> = [];
  const { bus, engine, get, clock } = await startEngine({
    manifest: factorManifest,
    create: (ctx) => new FactorEngine(ctx),
    config: factorConfigSchema.parse(config),
    startNs: T0,
    beforeStart: async (bus) => {
      if (hub) await fakeHub(bus, requests);
    },
  });
  const published: Envelope[] = [];
  await bus.subscribe('probe', topics.pattern('factor'), (envelope) => {
    published.push(envelope);
  });
  const bars = (symbol: string, closes: number[]) =>
    closes.forEach((close, i) => {
      const endNs = T0 - BigInt(closes.length - i) * MIN;
      const trade = {
        kind: 'trade',
        symbol,
        price: close,
        size: 2,
        aggressor: i % 3 === 0 ? 'sell' : 'buy',
        tsNs: endNs - 1n,
      };
      bus.publish({
        engine: 'marketdata',
        topic: topics.marketData.trade(symbol),
        payload: trade,
        eventTimeNs: endNs - 1n,
      });
      const payload = {
        kind: 'bar',
        symbol,
        spec: '1m',
        open: close,
        high: close,
        low: close,
        close,
        volume: 2,
        startNs: endNs - MIN,
        endNs,
      };
      bus.publish({
        engine: 'marketdata',
        topic: topics.marketData.bar(symbol, '1m'),
        payload,
        eventTimeNs: endNs,
      });
    });
  const byFactor = () =>
    new Map(published.map((e) => [(e.payload as FactorCalculation).factor, e.payload as FactorCalculation]));
  return { engine, clock, bars, get, published, byFactor, requests };
}

describe('factor engine', () => {
  it('evaluates every factor per instrument on the clock and publishes factor.calculation.<factor>', async () => {
    const { engine, clock, bars, byFactor, published, get, requests } = await start(
      {
        factors: [
          'order_imbalance',
          'rsi_14',
          'term_spread',
          'credit_spread',
          'sales_to_price',
          'earnings_yield',
        ],
      },
      true,
    );
    await engine.refreshExternal(T0);
    // ES: 21 bars of one 2-lot trade each; the aggressor is a sell on every third bar (7 of 21):
    // signed volume (14 * 2 - 7 * 2) / (21 * 2) = 1/3. AAPL: two bars at 100.
    bars(
      'ES',
      Array.from({ length: 21 }, (_, i) => 5000 + i),
    );
    bars('AAPL', [100, 100]);
    expect(published).toEqual([]);
    clock.advanceTo(T0 + MIN);
    expect(published.map((e) => e.topic)).toEqual([
      'factor.calculation.rsi_14',
      'factor.calculation.order_imbalance',
      'factor.calculation.term_spread',
      'factor.calculation.credit_spread',
      'factor.calculation.earnings_yield',
      'factor.calculation.sales_to_price',
    ]);
    for (const e of published)
      expect(PAYLOAD_SCHEMAS.FACTOR_CALCULATION.safeParse(e.payload).success).toBe(true);
    const results = byFactor();
    expect(results.get('order_imbalance')).toMatchObject({
      values: { ES: expect.closeTo(1 / 3, 12) },
      unavailable: { AAPL: 'needs 21 bars, has 2' },
      tsNs: T0 + MIN,
    });
    // FRED answers through the hub: DGS10 3.91 - DGS2 4.33 on 2024-01-03; BAA is not in the fixture.
    expect(results.get('term_spread')!.value).toBeCloseTo(-0.42, 12);
    expect(results.get('credit_spread')).toMatchObject({
      value: null,
      reason: 'FRED BAA unavailable: fred: series BAA: Bad Request. The series does not exist.',
    });
    // Apple's FY2010 SalesRevenueNet 65,225,000,000 / (100 * 895,816,758 shares) = 0.7281064952.
    expect(results.get('sales_to_price')!.values!.AAPL).toBeCloseTo(0.7281064952, 9);
    expect(results.get('sales_to_price')!.unavailable!.ES).toBe(
      'no EDGAR facts for this instrument (not a configured equity)',
    );
    expect(results.get('earnings_yield')!.unavailable!.AAPL).toBe('no annual NetIncomeLoss in EDGAR facts');
    // every request went to the hub, as of the start of the UTC day
    expect(requests).toContainEqual({
      source: 'fred',
      operation: 'series',
      params: { id: 'DGS10' },
      asOfNs: String(19_750n * DAY),
    });
    expect(requests).toContainEqual({
      source: 'sec-edgar',
      operation: 'facts',
      params: { symbol: 'AAPL', taxonomy: 'dei' },
      asOfNs: String(19_750n * DAY),
    });
    clock.advanceTo(T0 + 3n * MIN);
    expect(published.length).toBe(18); // three evaluations of six factors

    const list = await get('/factors');
    expect(list.body.count).toBe(20);
    expect(list.body.factors.find((f: { name: string }) => f.name === 'kyle_lambda')).toMatchObject({
      category: 'microstructure',
      enabled: false,
      formula: expect.stringContaining('cov(dC[i], S[i]) / var(S[i])'),
    });
    const one = await get('/factors/order_imbalance');
    expect(one.body).toMatchObject({
      name: 'order_imbalance',
      enabled: true,
      latest: { tsNs: String(T0 + 3n * MIN) },
    });
    const unknown = await get('/factors/nope');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toContain('unknown factor nope (factors: momentum_12_1,');
  });

  it('without a hub, macro and fundamental factors are unavailable with the reason, and the engine keeps going', async () => {
    const { engine, clock, bars, byFactor } = await start({ fetchTimeoutMs: 20 }, false);
    await engine.refreshExternal(T0);
    bars('AAPL', [100, 101]);
    clock.advanceTo(T0 + MIN);
    const results = byFactor();
    expect(results.size).toBe(20);
    expect(results.get('term_spread')).toMatchObject({
      value: null,
      reason: 'FRED DGS10 unavailable: request to endpoint "fetch" timed out after 20 ms',
    });
    expect(results.get('book_to_price')!.unavailable!.AAPL).toBe(
      'EDGAR facts unavailable: request to endpoint "fetch" timed out after 20 ms',
    );
    expect(results.get('momentum_12_1')!.unavailable!.AAPL).toBe('needs 253 closes, has 2');
  });

  it('refuses unknown factor names in its config', async () => {
    await expect(start({ factors: ['momentum'] }, false)).rejects.toThrow('factor.factors: unknown momentum');
  });
});
