import { afterEach, describe, expect, it } from 'vitest';
import { NautilusError } from '../../../core/errors.ts';
import { LiveClock } from '../../../core/live-clock.ts';
import { TestClock } from '../../../core/test-clock.ts';
import type { DataSource } from '../source.ts';
import type { BarSeries, QuoteSnapshot } from '../source-types.ts';
import { type ReplayHandler, ReplayServer } from '../testing/replay-server.ts';
import {
  ERROR_CHART_UNAVAILABLE,
  ERROR_NOT_AUTHENTICATED,
  ERROR_TOO_MANY_REQUESTS,
  HISTORY_AAPL_1MIN,
  SEARCH_AAPL,
  SEARCH_EMPTY,
  SNAPSHOT_AAPL,
  SNAPSHOT_PREFLIGHT,
} from './ibkr-fixtures.ts';
import { createIbkrSource, IBKR_HOSTS, IBKR_RATE_LIMIT } from './ibkr-source.ts';

let server: ReplayServer | undefined;
let source: DataSource | undefined;

afterEach(async () => {
  await source?.close();
  await server?.close();
  source = undefined;
  server = undefined;
});

/** A gateway whose snapshot gives the pre-flight reply `preflights` times, then the quote. */
function gateway(preflights = 1): ReplayHandler {
  let snapshots = 0;
  return (request) => {
    if (request.path === '/v1/api/iserver/secdef/search')
      return { body: request.query.get('symbol') === 'AAPL' ? SEARCH_AAPL : SEARCH_EMPTY };
    if (request.path === '/v1/api/iserver/marketdata/snapshot')
      return { body: snapshots++ < preflights ? SNAPSHOT_PREFLIGHT : SNAPSHOT_AAPL };
    if (request.path === '/v1/api/iserver/marketdata/history') return { body: HISTORY_AAPL_1MIN };
    return { status: 404, body: { error: 'not found' } };
  };
}

async function start(handler: ReplayHandler, capacity = 100): Promise<DataSource> {
  server = await ReplayServer.start(handler);
  source = createIbkrSource({
    clock: new LiveClock(),
    baseUrl: `${server.url}/v1/api`,
    rateLimit: { capacity, refillPerSecond: capacity },
    snapshotRetryMs: 1,
  });
  return source;
}

async function run<R>(op: string, params: Record<string, unknown>, asOfNs?: bigint): Promise<R> {
  const operation = source!.operations[op]!;
  return (await operation.run(operation.params.parse(params), { asOfNs })) as R;
}

async function failure(promise: Promise<unknown>): Promise<NautilusError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(NautilusError);
  return error as NautilusError;
}

describe('ibkr source', () => {
  it('declares the published pacing limit, the hosted API host and point-in-time verdicts', async () => {
    await start(gateway());
    expect(IBKR_HOSTS).toEqual(['api.ibkr.com']);
    expect(IBKR_RATE_LIMIT).toMatchObject({ capacity: 10, refillPerSecond: 10 });
    expect(source!.operations.quote!.pointInTime.safe).toBe(false);
    expect(source!.operations.bars!.pointInTime.safe).toBe(true);
  });

  it('quote: resolves the conid, rides out the pre-flight reply and parses the snapshot', async () => {
    await start(gateway(1));
    const quote = await run<QuoteSnapshot>('quote', { symbol: 'aapl' });
    expect(quote).toEqual({
      source: 'ibkr',
      symbol: 'AAPL',
      last: 193.18,
      bid: 193.16,
      ask: 193.2,
      bidSize: 1200,
      askSize: 4,
      volume: 42_270_000,
      tsNs: 1702328400123_000_000n,
    });
    const [search] = server!.requestsTo('/v1/api/iserver/secdef/search');
    expect(search!.query.get('symbol')).toBe('AAPL');
    const snapshots = server!.requestsTo('/v1/api/iserver/marketdata/snapshot');
    expect(snapshots).toHaveLength(2);
    expect(snapshots[1]!.query.get('conids')).toBe('265598');
    expect(snapshots[1]!.query.get('fields')).toBe('31,84,85,86,88,87,7059');
  });

  it('quote: caches the conid and reuses one connection', async () => {
    await start(gateway(0));
    await run('quote', { symbol: 'AAPL' });
    await run('quote', { symbol: 'AAPL' });
    await run('bars', { symbol: 'AAPL' });
    expect(server!.requestsTo('/v1/api/iserver/secdef/search')).toHaveLength(1);
    expect(server!.requests).toHaveLength(4);
    expect(server!.connections).toBe(1);
  });

  it('quote: fails clearly when every snapshot is still the pre-flight reply', async () => {
    await start(gateway(99));
    const error = await failure(run('quote', { symbol: 'AAPL' }));
    expect(error.code).toBe('UPSTREAM_ERROR');
    expect(error.message).toContain('snapshot for AAPL (conid 265598) still had no fields after 3 tries');
    expect(server!.requestsTo('/v1/api/iserver/marketdata/snapshot')).toHaveLength(3);
  });

  it('an unknown symbol (search returns []) is NOT_FOUND', async () => {
    await start(gateway());
    const error = await failure(run('quote', { symbol: 'NOSUCHSYM' }));
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toBe('ibkr: no contract found for symbol NOSUCHSYM');
  });

  it('a gateway that is not logged in is UPSTREAM_AUTH with a hint to log in', async () => {
    await start(() => ({ status: 401, body: ERROR_NOT_AUTHENTICATED }));
    const error = await failure(run('quote', { symbol: 'AAPL' }));
    expect(error.code).toBe('UPSTREAM_AUTH');
    expect(error.message).toContain('HTTP 401');
    expect(error.message).toContain('not authenticated');
    expect(error.message).toContain('log in to the Client Portal gateway');
  });

  it('429 Too Many Requests is UPSTREAM_RATE_LIMITED and mentions the penalty box', async () => {
    await start(() => ({ status: 429, body: ERROR_TOO_MANY_REQUESTS }));
    const error = await failure(run('bars', { symbol: 'AAPL' }));
    expect(error.code).toBe('UPSTREAM_RATE_LIMITED');
    expect(error.message).toContain('Too Many Requests');
    expect(error.message).toContain('penalty box');
  });

  it('bars: builds the history request and parses bars exactly', async () => {
    await start(gateway());
    const series = await run<BarSeries>('bars', { symbol: 'AAPL', outsideRth: 'true' });
    const [history] = server!.requestsTo('/v1/api/iserver/marketdata/history');
    expect(Object.fromEntries(history!.query)).toEqual({
      conid: '265598',
      period: '1d',
      bar: '1min',
      outsideRth: 'true',
    });
    expect(series.interval).toBe('1m');
    expect(series.bars).toHaveLength(3);
    expect(series.bars[0]).toEqual({
      startNs: 1702305000000_000_000n,
      open: 193.11,
      high: 193.49,
      low: 193.11,
      close: 193.4,
      volume: 10234,
    });
    expect(series.bars[2]!.volume).toBe(5112.5);
  });

  it('bars: given asOf, returns only bars that had closed by then', async () => {
    await start(gateway());
    // The second bar (start 14:31 UTC) closes exactly at 14:32; the third is still forming.
    const series = await run<BarSeries>('bars', { symbol: 'AAPL' }, 1702305120000_000_000n);
    expect(series.bars.map((bar) => bar.startNs)).toEqual([1702305000000_000_000n, 1702305060000_000_000n]);
  });

  it('bars: "Chart data unavailable" (HTTP 500) is UPSTREAM_ERROR naming the source', async () => {
    await start((request) =>
      request.path.endsWith('/secdef/search')
        ? { body: SEARCH_AAPL }
        : { status: 500, body: ERROR_CHART_UNAVAILABLE },
    );
    const error = await failure(run('bars', { symbol: 'AAPL', period: '1w', bar: '1h' }));
    expect(error.code).toBe('UPSTREAM_ERROR');
    expect(error.message).toMatch(/^ibkr: .*HTTP 500.*Chart data unavailable/);
  });

  it('params are strict and validated', async () => {
    await start(gateway());
    const bars = source!.operations.bars!.params;
    expect(bars.safeParse({ symbol: 'AAPL', bar: '7sec' }).success).toBe(false);
    expect(bars.safeParse({ symbol: 'AAPL', extra: 1 }).success).toBe(false);
    expect(bars.parse({ symbol: 'msft', period: '1y', bar: '1d' })).toEqual({
      symbol: 'MSFT',
      period: '1y',
      bar: '1d',
      outsideRth: false,
    });
  });

  it('the limiter holds calls beyond the burst until tokens refill', async () => {
    server = await ReplayServer.start(gateway(0));
    const clock = new TestClock(1_000_000_000n);
    source = createIbkrSource({ clock, baseUrl: `${server.url}/v1/api`, rateLimit: { capacity: 2 } });
    const quote = run<QuoteSnapshot>('quote', { symbol: 'AAPL' });
    await expect(quote).resolves.toMatchObject({ last: 193.18 });
    const pending = run('bars', { symbol: 'AAPL' });
    await new Promise((resolve) => setImmediate(resolve));
    expect(source.limiter.queued).toBe(1);
    clock.advanceTo(2_000_000_000n);
    await pending;
    expect(server.requests).toHaveLength(3);
  });
});
