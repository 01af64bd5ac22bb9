import { resolve } from 'node:path';
import Fastify from 'fastify';
import { Registry } from 'prom-client';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryBus } from '../../bus/memory/memory-bus.ts';
import type { PublishInput } from '../../bus/message-bus.ts';
import { waitFor } from '../../bus/testing/wait-for.ts';
import { errorBody, toNautilusError } from '../../core/errors.ts';
import { createLogger } from '../../core/logger.ts';
import { TestClock } from '../../core/test-clock.ts';
import { NS_PER_SECOND } from '../../domain/time.ts';
import { ReplayServer } from '../../marketdata/sources/testing/replay-server.ts';
import { SHARED_DATA } from '../../testing/shared-data.ts';
import { EngineBus } from '../engine-bus.ts';
import { MarketDataEngine } from './engine.ts';
import { marketdataConfigSchema, marketdataManifest } from './manifest.ts';

const START_NS = 1_700_000_000n * NS_PER_SECOND;
const DATA = SHARED_DATA;
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function start(config: Record<string, unknown> = {}) {
  const bus = new MemoryBus();
  await bus.start();
  const clock = new TestClock(START_NS);
  const engineBus = new EngineBus(bus, marketdataManifest);
  const published: Omit<PublishInput<unknown>, 'engine'>[] = [];
  const publish = engineBus.publish.bind(engineBus);
  engineBus.publish = <P>(input: Omit<PublishInput<P>, 'engine'>) => {
    published.push(input);
    return publish(input);
  };
  const metrics = new Registry();
  const engine = new MarketDataEngine({
    manifest: marketdataManifest,
    bus: engineBus,
    clock,
    logger: createLogger({ level: 'silent' }),
    metrics,
    config: marketdataConfigSchema.parse(config),
    instanceId: 'test',
  });
  const app = Fastify();
  app.setErrorHandler((error, _request, reply) => {
    const normalised = toNautilusError(error);
    reply.status(normalised.status).send(errorBody(normalised));
  });
  engine.registerRoutes(app, () => true);
  await engine.onStart();
  cleanups.push(
    () => bus.stop(),
    () => engine.onStop(),
    () => app.close(),
  );
  const get = async (url: string) => {
    const response = await app.inject({ method: 'GET', url });
    return { status: response.statusCode, body: response.json() };
  };
  return { bus, clock, engine, published, metrics, get };
}

const seconds = (s: number) => START_NS + BigInt(s) * NS_PER_SECOND;

describe('market-data hub engine', () => {
  it('answers /quote/:symbol with the latest live quote and /health fields with its symbols', async () => {
    const { clock, engine, published, get } = await start();
    clock.advanceTo(seconds(2));
    const lastQuote = published.filter((p) => p.topic === 'market_data.quote.AAPL').at(-1)!.payload as {
      bid: number;
      ask: number;
      tsNs: bigint;
    };
    const { status, body } = await get('/quote/AAPL');
    expect(status).toBe(200);
    expect(body).toMatchObject({
      source: 'live:synthetic',
      symbol: 'AAPL',
      bid: lastQuote.bid,
      ask: lastQuote.ask,
      quoteNs: lastQuote.tsNs.toString(),
      stale: false,
    });
    expect(body.mid).toBeCloseTo((lastQuote.bid + lastQuote.ask) / 2, 10);
    expect(engine.healthFields()).toEqual({
      symbols: ['AAPL', 'BTCUSDT', 'ES', 'EURUSD', 'GC'],
      feed: 'synthetic',
    });
    expect(await get('/quote/NOPE')).toMatchObject({
      status: 404,
      body: {
        error: {
          code: 'NOT_FOUND',
          message: expect.stringContaining('NOPE is not a live symbol (live: AAPL, BTCUSDT'),
        },
      },
    });
  });

  it('builds bars from live trades, publishes them and serves them at /bars/:symbol', async () => {
    const { clock, published, get } = await start({ bars: ['1m', '20t'], symbols: ['ES'] });
    for (let s = 1; s <= 130; s++) clock.advanceTo(seconds(s));
    const minuteBars = published
      .filter((p) => p.topic === 'market_data.bar.ES.1m')
      .map((p) => p.payload as { startNs: bigint; endNs: bigint; volume: number });
    expect(minuteBars.length).toBeGreaterThanOrEqual(2);
    for (const bar of minuteBars) expect(bar.endNs - bar.startNs).toBe(60n * NS_PER_SECOND);
    const trades = published
      .filter((p) => p.topic === 'market_data.trade.ES')
      .map((p) => p.payload as { size: number; tsNs: bigint });
    const first = minuteBars[0]!;
    const inFirst = trades.filter((t) => t.tsNs >= first.startNs && t.tsNs < first.endNs);
    expect(first.volume).toBeCloseTo(
      inFirst.reduce((sum, t) => sum + t.size, 0),
      6,
    );
    const tickBars = published.filter((p) => p.topic === 'market_data.bar.ES.20t');
    expect(tickBars).toHaveLength(Math.floor(trades.length / 20));
    const { status, body } = await get('/bars/ES?spec=20t&limit=3');
    expect(status).toBe(200);
    expect(body.bars).toHaveLength(Math.min(3, tickBars.length));
    expect(body.bars.at(-1)).toMatchObject({ spec: '20t', symbol: 'ES' });
    expect((await get('/bars/ES?spec=5m')).status).toBe(404);
    expect((await get('/bars/ES?limit=-1')).status).toBe(400);
  });

  it('raises one stale alert when a live symbol goes silent and one when it resumes, on the bus and in /metrics', async () => {
    // The tape's first two USDJPY ticks are 155.6 s apart: at speed 1 the feed is silent in between.
    const { clock, published, metrics, engine } = await start({
      feed: 'replay',
      replay: { files: [resolve(DATA, 'usdjpy-ticks.csv')], speed: 1 },
      staleAfterMs: 2_000,
    });
    const symbol = (engine.healthFields().symbols as string[])[0]!;
    await waitFor(() => published.length > 0, 'the first tick', 5_000);
    for (let ms = 250; ms <= 6_000; ms += 250) clock.advanceTo(START_NS + BigInt(ms) * 1_000_000n);
    const alerts = () =>
      published.filter((p) => p.topic === `market_data.status.${symbol}`).map((p) => p.payload);
    expect(alerts()).toEqual([
      expect.objectContaining({ kind: 'status', symbol, feed: 'replay', state: 'stale' }),
    ]);
    const text = await metrics.metrics();
    expect(text).toContain('nautilus_marketdata_stale_alerts_total 1');
    expect(text).toMatch(
      new RegExp(
        `nautilus_marketdata_subscription_staleness_seconds\\{feed="replay",symbol="${symbol}"\\} 6\\n`,
      ),
    );
    for (let ms = 6_250; ms <= 157_000; ms += 250) {
      clock.advanceTo(START_NS + BigInt(ms) * 1_000_000n);
      await new Promise((done) => setImmediate(done));
    }
    expect(alerts().map((alert) => (alert as { state: string }).state)).toEqual(['stale', 'live']);
  });

  it('serves other engines on the bus: quote, bars and fetch (with clear errors)', async () => {
    const { bus, clock } = await start({ symbols: ['EURUSD'] });
    clock.advanceTo(seconds(1));
    const quote = (await bus.request('marketdata', 'quote', { symbol: 'EURUSD' })) as {
      symbol: string;
      bid: number;
    };
    expect(quote.symbol).toBe('EURUSD');
    expect(quote.bid).toBeGreaterThan(0);
    await expect(
      bus.request('marketdata', 'fetch', {
        source: 'fred',
        operation: 'series',
        params: { id: 'GDP' },
        asOfNs: '1',
      }),
    ).rejects.toThrow(/FRED_API_KEY/);
    await expect(bus.request('marketdata', 'fetch', 'nonsense')).rejects.toThrow(/body must be an object/);
  });

  it('goes through the hub to a source: /series, /fetch and ?source= share one cache and limiter', async () => {
    const server = await ReplayServer.start((request) => {
      if (request.path === '/v22/series/AMECO/ZUTN/EA19.1.0.0.0.ZUTN')
        return {
          body: {
            series: {
              docs: [
                {
                  '@frequency': 'annual',
                  provider_code: 'AMECO',
                  dataset_code: 'ZUTN',
                  dataset_name: 'Unemployment rate',
                  series_code: 'EA19.1.0.0.0.ZUTN',
                  series_name: 'Euro area',
                  period: ['2019', '2020'],
                  period_start_day: ['2019-01-01', '2020-01-01'],
                  value: [7.6, 'NA'],
                },
              ],
              limit: 1000,
              num_found: 1,
              offset: 0,
            },
          },
        };
      return { status: 404, body: { message: 'not found' } };
    });
    cleanups.push(() => server.close());
    const { get, metrics } = await start({
      feed: 'none',
      sources: { dbnomics: { baseUrl: `${server.url}/v22` } },
    });
    const first = await get('/series/dbnomics/AMECO%2FZUTN%2FEA19.1.0.0.0.ZUTN');
    expect(first.status).toBe(200);
    expect(first.body.observations).toEqual([
      { periodNs: '1546300800000000000', value: 7.6 },
      { periodNs: '1577836800000000000', value: null },
    ]);
    const again = await get('/fetch/dbnomics/series?id=AMECO/ZUTN/EA19.1.0.0.0.ZUTN');
    expect(again.body).toEqual(first.body);
    expect(server.requests).toHaveLength(1);
    expect(
      (await get('/series/dbnomics/AMECO%2FZUTN%2FEA19.1.0.0.0.ZUTN?asOf=2020-06-01')).body.error.code,
    ).toBe('POINT_IN_TIME_UNSAFE');
    expect((await get('/series/yahoo/X')).status).toBe(404);
    expect((await get('/fetch/dbnomics/series?id=bad')).body.error.code).toBe('BAD_REQUEST');
    const text = await metrics.metrics();
    expect(text).toContain('nautilus_marketdata_upstream_calls_total{source="dbnomics"} 1');
    expect(text).toContain('nautilus_marketdata_cache_served_total{how="fresh"} 1');
    expect(text).toMatch(/nautilus_marketdata_source_budget_remaining\{source="dbnomics"\} 4(\.\d+)?\n/);
    const sources = (await get('/sources')).body as { name: string; operations: unknown }[];
    expect(sources.map((source) => source.name)).toEqual([
      'ibkr',
      'alphavantage',
      'yahoo',
      'fred',
      'sec-edgar',
      'datagov',
      'tradingeconomics',
      'dbnomics',
    ]);
  });

  it('replays a file through the hub: trades, price updates and tick bars on the bus', async () => {
    const { published, engine } = await start({
      feed: 'replay',
      replay: { files: [resolve(DATA, 'btcusdt-trades.parquet')], speed: 'max' },
      bars: ['50t'],
    });
    await waitFor(() => engine.healthDetail().includes('finished'), 'replay to finish', 20_000);
    const trades = published.filter((p) => p.topic.startsWith('market_data.trade.'));
    expect(trades.length).toBeGreaterThan(100);
    expect(published.filter((p) => p.topic.startsWith('price.update.'))).toHaveLength(trades.length);
    expect(published.filter((p) => p.topic.startsWith('market_data.bar.'))).toHaveLength(
      Math.floor(trades.length / 50),
    );
    expect(engine.healthDetail()).toMatch(new RegExp(`finished, ${trades.length} records, 0 bad rows`));
  });
});
