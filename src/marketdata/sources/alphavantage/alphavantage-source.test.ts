import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NautilusError } from '../../../core/errors.ts';
import { TestClock } from '../../../core/test-clock.ts';
import type { DataSource } from '../source.ts';
import { dateToNs } from '../source-types.ts';
import { type ReplayRequest, ReplayServer } from '../testing/replay-server.ts';
import {
  DAILY_IBM,
  GLOBAL_QUOTE_EMPTY,
  GLOBAL_QUOTE_IBM,
  INTRADAY_IBM_5MIN,
  INTRADAY_IBM_60MIN_MARCH,
  INVALID_CALL,
  INVALID_KEY,
  RATE_LIMIT_NOTE,
  rateLimitInformation,
} from './alphavantage-fixtures.ts';
import { ALPHAVANTAGE_RATE_LIMIT, createAlphaVantageSource } from './alphavantage-source.ts';

const KEY = 'AVKEY-12345';
const iso = (text: string) => BigInt(Date.parse(text)) * 1_000_000n;

function reply(request: ReplayRequest): { body: unknown } {
  const q = request.query;
  if (q.get('apikey') !== KEY) return { body: INVALID_KEY };
  const symbol = q.get('symbol');
  if (symbol === 'IBMX') return { body: INVALID_CALL };
  if (symbol === 'NOTE') return { body: RATE_LIMIT_NOTE };
  if (symbol === 'DAILYCAP') return { body: rateLimitInformation(KEY) };
  if (q.get('function') === 'GLOBAL_QUOTE')
    return { body: symbol === 'IBM' ? GLOBAL_QUOTE_IBM : GLOBAL_QUOTE_EMPTY };
  if (q.get('function') === 'TIME_SERIES_DAILY') return { body: DAILY_IBM };
  return { body: q.get('interval') === '60min' ? INTRADAY_IBM_60MIN_MARCH : INTRADAY_IBM_5MIN };
}

async function failure(promise: Promise<unknown>): Promise<NautilusError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(NautilusError);
  return error as NautilusError;
}

describe('alphavantage source', () => {
  let server: ReplayServer;
  let source: DataSource;
  const run = (op: string, params: unknown, asOfNs?: bigint) => {
    const operation = source.operations[op]!;
    return operation.run(operation.params.parse(params), { asOfNs });
  };

  beforeAll(async () => {
    server = await ReplayServer.start(reply);
    source = createAlphaVantageSource({
      clock: new TestClock(),
      baseUrl: server.url,
      apiKey: KEY,
      rateLimit: { capacity: 100 },
    });
  });
  afterAll(async () => {
    await source.close();
    await server.close();
  });

  it('quote asks GLOBAL_QUOTE with the key and reads price, volume and trading day', async () => {
    const quote = await run('quote', { symbol: 'IBM' });
    const request = server.requests.at(-1)!;
    expect(request.path).toBe('/query');
    expect(Object.fromEntries(request.query)).toEqual({
      function: 'GLOBAL_QUOTE',
      symbol: 'IBM',
      apikey: KEY,
    });
    expect(quote).toEqual({
      source: 'alphavantage',
      symbol: 'IBM',
      last: 160.19,
      volume: 3852621,
      tsNs: dateToNs('2024-01-05'),
    });
    expect(source.operations.quote!.pointInTime.safe).toBe(false);
  });

  it('an empty Global Quote is NOT_FOUND naming the symbol', async () => {
    const error = await failure(run('quote', { symbol: 'NOPE' }));
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toContain('NOPE');
  });

  it('daily bars come from TIME_SERIES_DAILY, ascending, at UTC midnight of each day', async () => {
    const series = await run('bars', { symbol: 'IBM' });
    expect(Object.fromEntries(server.requests.at(-1)!.query)).toEqual({
      function: 'TIME_SERIES_DAILY',
      symbol: 'IBM',
      outputsize: 'compact',
      apikey: KEY,
    });
    expect(series).toEqual({
      source: 'alphavantage',
      symbol: 'IBM',
      interval: '1d',
      bars: [
        {
          startNs: dateToNs('2024-01-03'),
          open: 161,
          high: 161.73,
          low: 160.08,
          close: 160.64,
          volume: 4086058,
        },
        {
          startNs: dateToNs('2024-01-04'),
          open: 160.3,
          high: 161.12,
          low: 159.59,
          close: 160.1,
          volume: 4137245,
        },
        {
          startNs: dateToNs('2024-01-05'),
          open: 160.35,
          high: 161.28,
          low: 159.5,
          close: 160.19,
          volume: 3852621,
        },
      ],
    });
  });

  it('intraday bars are unadjusted and their US/Eastern stamps become UTC (EST)', async () => {
    const series = await run('bars', { symbol: 'IBM', interval: '5min', outputsize: 'full' });
    expect(Object.fromEntries(server.requests.at(-1)!.query)).toEqual({
      function: 'TIME_SERIES_INTRADAY',
      symbol: 'IBM',
      interval: '5min',
      outputsize: 'full',
      adjusted: 'false',
      apikey: KEY,
    });
    expect((series as { interval: string }).interval).toBe('5m');
    expect((series as { bars: { startNs: bigint; close: number }[] }).bars).toEqual([
      {
        startNs: iso('2024-01-06T00:50:00Z'),
        open: 159.95,
        high: 159.98,
        low: 159.95,
        close: 159.98,
        volume: 25,
      },
      { startNs: iso('2024-01-06T00:55:00Z'), open: 159.98, high: 160, low: 159.98, close: 160, volume: 102 },
    ]);
  });

  it('intraday conversion follows the DST switch, and month is sent', async () => {
    const series = (await run('bars', { symbol: 'IBM', interval: '60min', month: '2024-03' })) as {
      interval: string;
      bars: { startNs: bigint }[];
    };
    expect(server.requests.at(-1)!.query.get('month')).toBe('2024-03');
    expect(series.interval).toBe('1h');
    expect(series.bars.map((bar) => bar.startNs)).toEqual([
      iso('2024-03-09T00:00:00Z'),
      iso('2024-03-11T08:00:00Z'),
    ]);
  });

  it('as of an instant, only bars whose period had ended are returned', async () => {
    // 2024-01-04 counts as ended at 2024-01-05 12:00 UTC (inclusive); 2024-01-05 not yet.
    const daily = (await run('bars', { symbol: 'IBM' }, iso('2024-01-05T12:00:00Z'))) as {
      bars: { startNs: bigint }[];
    };
    expect(daily.bars.map((bar) => bar.startNs)).toEqual([dateToNs('2024-01-03'), dateToNs('2024-01-04')]);
    const intraday = (await run(
      'bars',
      { symbol: 'IBM', interval: '5min' },
      iso('2024-01-06T00:59:59Z'),
    )) as {
      bars: { startNs: bigint }[];
    };
    expect(intraday.bars.map((bar) => bar.startNs)).toEqual([iso('2024-01-06T00:50:00Z')]);
  });

  it('params are strict: unknown names, bad intervals and month with daily are refused', () => {
    const params = source.operations.bars!.params;
    expect(params.safeParse({ symbol: 'IBM', extra: '1' }).success).toBe(false);
    expect(params.safeParse({ symbol: 'IBM', interval: '2min' }).success).toBe(false);
    expect(params.safeParse({ symbol: 'IBM', month: '2024-03' }).success).toBe(false);
    expect(params.parse({ symbol: 'IBM' })).toEqual({
      symbol: 'IBM',
      interval: 'daily',
      outputsize: 'compact',
    });
  });

  it('"Error Message" for a bad symbol is NOT_FOUND naming it', async () => {
    const error = await failure(run('bars', { symbol: 'IBMX' }));
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toContain('alphavantage: bars IBMX');
    expect(error.message).toContain('Invalid API call');
  });

  it('the "Note" throttling reply is UPSTREAM_RATE_LIMITED', async () => {
    const error = await failure(run('quote', { symbol: 'NOTE' }));
    expect(error.code).toBe('UPSTREAM_RATE_LIMITED');
    expect(error.message).toContain('5 calls per minute');
  });

  it('the daily-limit "Information" reply is UPSTREAM_RATE_LIMITED and the key it quotes is redacted', async () => {
    const error = await failure(run('bars', { symbol: 'DAILYCAP' }));
    expect(error.code).toBe('UPSTREAM_RATE_LIMITED');
    expect(error.message).toContain('25 requests per day');
    expect(error.message).not.toContain(KEY);
  });

  it('all calls above went over one connection', () => {
    expect(server.requests.length).toBe(10);
    expect(server.connections).toBe(1);
  });

  it('a refused key is UPSTREAM_AUTH without the key in the message', async () => {
    const wrong = createAlphaVantageSource({
      clock: new TestClock(),
      baseUrl: server.url,
      apiKey: 'WRONG-KEY-9',
    });
    try {
      const op = wrong.operations.quote!;
      const error = await failure(op.run(op.params.parse({ symbol: 'IBM' }), {}));
      expect(error.code).toBe('UPSTREAM_AUTH');
      expect(error.message).not.toContain('WRONG-KEY-9');
    } finally {
      await wrong.close();
    }
  });

  it('without a key it names the env variable and sends nothing', async () => {
    const before = server.requests.length;
    const keyless = createAlphaVantageSource({ clock: new TestClock(), baseUrl: server.url });
    const op = keyless.operations.quote!;
    const error = await failure(op.run(op.params.parse({ symbol: 'IBM' }), {}));
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toContain('ALPHAVANTAGE_API_KEY');
    expect(server.requests.length).toBe(before);
    await keyless.close();
  });
});

describe('alphavantage rate limit', () => {
  it('publishes 5 per minute and spaces calls beyond the burst', async () => {
    expect(ALPHAVANTAGE_RATE_LIMIT).toMatchObject({ capacity: 5, refillPerSecond: 5 / 60 });
    expect(ALPHAVANTAGE_RATE_LIMIT.published).toContain('25 API requests per day');
    const server = await ReplayServer.start(reply);
    const clock = new TestClock();
    const source = createAlphaVantageSource({
      clock,
      baseUrl: server.url,
      apiKey: KEY,
      rateLimit: { capacity: 1 },
    });
    try {
      const op = source.operations.quote!;
      const params = op.params.parse({ symbol: 'IBM' });
      await op.run(params, {});
      const second = op.run(params, {});
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(server.requests.length).toBe(1);
      clock.advanceTo(12_000_000_000n); // one token refills in 60/5 = 12 s
      await second;
      expect(server.requests.length).toBe(2);
      expect(server.connections).toBe(1);
    } finally {
      await source.close();
      await server.close();
    }
  });
});
