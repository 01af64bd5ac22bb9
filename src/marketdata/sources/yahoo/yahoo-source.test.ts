import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NautilusError } from '../../../core/errors.ts';
import { TestClock } from '../../../core/test-clock.ts';
import type { DataSource } from '../source.ts';
import type { BarSeries } from '../source-types.ts';
import { type ReplayRequest, type ReplayResponse, ReplayServer } from '../testing/replay-server.ts';
import {
  CHART_AAPL_DAILY,
  CHART_AAPL_MINUTES,
  CHART_BAD_INTERVAL,
  CHART_NOT_FOUND,
  TOO_MANY_REQUESTS,
} from './yahoo-fixtures.ts';
import { createYahooSource, YAHOO_RATE_LIMIT } from './yahoo-source.ts';

const s = (seconds: number) => BigInt(seconds) * 1_000_000_000n;

function reply(request: ReplayRequest): ReplayResponse {
  const ticker = request.path.replace('/v8/finance/chart/', '');
  if (ticker === 'AAPLX') return { status: 404, body: CHART_NOT_FOUND };
  if (ticker === 'BADREQ') return { status: 400, body: CHART_BAD_INTERVAL };
  if (ticker === 'BUSY') return { status: 429, body: TOO_MANY_REQUESTS };
  if (ticker === 'HTML404') return { status: 404, body: '<html>gone</html>' };
  return { body: request.query.get('interval') === '1m' ? CHART_AAPL_MINUTES : CHART_AAPL_DAILY };
}

async function failure(promise: Promise<unknown>): Promise<NautilusError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(NautilusError);
  return error as NautilusError;
}

describe('yahoo source', () => {
  let server: ReplayServer;
  let source: DataSource;
  const clock = new TestClock(s(1_704_600_000));
  const run = async (op: string, params: unknown, asOfNs?: bigint) => {
    const operation = source.operations[op]!;
    return operation.run(operation.params.parse(params), { asOfNs });
  };

  beforeAll(async () => {
    server = await ReplayServer.start(reply);
    source = createYahooSource({ clock, baseUrl: server.url, rateLimit: { capacity: 100 } });
  });
  afterAll(async () => {
    await source.close();
    await server.close();
  });

  it('bars between epoch seconds: exact request, OHLCV at each bar start, no adjclose', async () => {
    const series = await run('bars', { symbol: 'AAPL', period1: '1704171600', period2: '1704517200' });
    const request = server.requests.at(-1)!;
    expect(request.path).toBe('/v8/finance/chart/AAPL');
    expect(Object.fromEntries(request.query)).toEqual({
      interval: '1d',
      period1: '1704171600',
      period2: '1704517200',
    });
    expect(request.headers['user-agent']).toContain('Mozilla/5.0');
    expect(series).toEqual({
      source: 'yahoo',
      symbol: 'AAPL',
      interval: '1d',
      bars: [
        {
          startNs: s(1704205800),
          open: 187.14999389648438,
          high: 188.44000244140625,
          low: 183.88999938964844,
          close: 185.63999938964844,
          volume: 82488700,
        },
        {
          startNs: s(1704292200),
          open: 184.22000122070312,
          high: 185.8800048828125,
          low: 183.42999267578125,
          close: 184.25,
          volume: 58414500,
        },
        {
          startNs: s(1704378600),
          open: 182.14999389648438,
          high: 183.08999633789062,
          low: 180.8800048828125,
          close: 181.91000366210938,
          volume: 71983600,
        },
        {
          startNs: s(1704465000),
          open: 181.99000549316406,
          high: 182.75999450683594,
          low: 180.1699981689453,
          close: 181.17999267578125,
          volume: 62303300,
        },
      ],
    });
  });

  it('bars over a range (default 1mo); period2 defaults to the clock', async () => {
    await run('bars', { symbol: 'AAPL' });
    expect(Object.fromEntries(server.requests.at(-1)!.query)).toEqual({ interval: '1d', range: '1mo' });
    await run('bars', { symbol: 'AAPL', interval: '1wk', range: '5y' });
    expect(Object.fromEntries(server.requests.at(-1)!.query)).toEqual({ interval: '1wk', range: '5y' });
    await run('bars', { symbol: 'AAPL', period1: 1704171600 });
    expect(server.requests.at(-1)!.query.get('period2')).toBe('1704600000');
  });

  it('intervals with no trade (nulls) are skipped, not zero-filled', async () => {
    const series = (await run('bars', { symbol: 'AAPL', interval: '1m', range: '1d' })) as BarSeries;
    expect(series.interval).toBe('1m');
    expect(series.bars.map((bar) => [bar.startNs, bar.close, bar.volume])).toEqual([
      [s(1704465000), 181.6199951171875, 1953102],
      [s(1704465120), 181.72000122070312, 401377],
    ]);
  });

  it('as of an instant only ended bars are kept, yet bars stay declared unsafe (split-adjusted)', async () => {
    const minutes = (await run('bars', { symbol: 'AAPL', interval: '1m' }, s(1704465180) - 1n)) as BarSeries;
    expect(minutes.bars.map((bar) => bar.startNs)).toEqual([s(1704465000)]);
    const daily = (await run('bars', { symbol: 'AAPL' }, s(1704378600))) as BarSeries;
    expect(daily.bars.map((bar) => bar.startNs)).toEqual([s(1704205800), s(1704292200)]);
    expect(source.operations.bars!.pointInTime.safe).toBe(false);
    expect(source.operations.bars!.pointInTime.note).toContain('split-adjusted');
  });

  it('quote reads regularMarketPrice/Time from the 1d/1d chart meta', async () => {
    const quote = await run('quote', { symbol: 'AAPL' });
    expect(server.requests.at(-1)!.path).toBe('/v8/finance/chart/AAPL');
    expect(Object.fromEntries(server.requests.at(-1)!.query)).toEqual({ interval: '1d', range: '1d' });
    expect(quote).toEqual({
      source: 'yahoo',
      symbol: 'AAPL',
      last: 181.18,
      volume: 62303300,
      tsNs: s(1704488401),
    });
    expect(source.operations.quote!.pointInTime.safe).toBe(false);
  });

  it('params: strict, range excludes periods, bad interval refused', () => {
    const params = source.operations.bars!.params;
    expect(params.safeParse({ symbol: 'AAPL', interval: '7m' }).success).toBe(false);
    expect(params.safeParse({ symbol: 'AAPL', range: '1y', period1: '1' }).success).toBe(false);
    expect(params.safeParse({ symbol: 'AAPL', period2: '5' }).success).toBe(false);
    expect(params.safeParse({ symbol: 'AAPL', foo: '1' }).success).toBe(false);
  });

  it('404 "No data found" is NOT_FOUND naming the symbol', async () => {
    const error = await failure(run('bars', { symbol: 'AAPLX' }));
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toBe('yahoo: bars AAPLX: No data found, symbol may be delisted');
    const quoteError = await failure(run('quote', { symbol: 'AAPLX' }));
    expect(quoteError.message).toBe('yahoo: quote AAPLX: No data found, symbol may be delisted');
  });

  it('a 404 without the chart envelope is still NOT_FOUND', async () => {
    expect((await failure(run('quote', { symbol: 'HTML404' }))).code).toBe('NOT_FOUND');
  });

  it('400 "Bad Request" is BAD_REQUEST with the description', async () => {
    const error = await failure(run('bars', { symbol: 'BADREQ' }));
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.message).toContain('interval=7m is not supported');
  });

  it('429 "Too Many Requests" is UPSTREAM_RATE_LIMITED', async () => {
    const error = await failure(run('bars', { symbol: 'BUSY' }));
    expect(error.code).toBe('UPSTREAM_RATE_LIMITED');
    expect(error.message).toContain('Too Many Requests');
  });

  it('every call went over one connection', () => {
    expect(server.requests.length).toBe(13);
    expect(server.connections).toBe(1);
  });

  it('publishes its unofficial limit', () => {
    expect(YAHOO_RATE_LIMIT).toMatchObject({ capacity: 10, refillPerSecond: 2000 / 3600 });
    expect(YAHOO_RATE_LIMIT.published).toMatch(/unofficial/i);
    expect(source.hosts).toEqual(['query1.finance.yahoo.com', 'query2.finance.yahoo.com']);
  });
});
