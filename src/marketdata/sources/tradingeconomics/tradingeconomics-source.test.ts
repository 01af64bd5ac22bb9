import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NautilusError } from '../../../core/errors.ts';
import { TestClock } from '../../../core/test-clock.ts';
import type { DataSource } from '../source.ts';
import type { EconomicSeries } from '../source-types.ts';
import { type ReplayResponse, ReplayServer } from '../testing/replay-server.ts';
import {
  NO_ACCESS_TEXT,
  TOO_MANY_REQUESTS_TEXT,
  US_GDP_GROWTH,
  US_INDICATORS,
  WRONG_CREDENTIALS_TEXT,
} from './tradingeconomics-fixtures.ts';
import { type CountryIndicator, parseHistorical } from './tradingeconomics-parse.ts';
import { createTradingeconomicsSource } from './tradingeconomics-source.ts';

const KEY = 'te-client:te-secret-9f8e7d';
const utc = (iso: string) => BigInt(Date.parse(iso)) * 1_000_000n;

/** Keyed by the decoded path asked. */
const replies: Record<string, ReplayResponse> = {
  '/historical/country/united states/indicator/gdp growth rate': { body: US_GDP_GROWTH },
  '/historical/country/united states/indicator/gdp growth rate/2023-01-01': { body: US_GDP_GROWTH.slice(1) },
  '/historical/country/united states/indicator/no such thing': { body: [] },
  '/country/united states': { body: US_INDICATORS },
  '/country/brazil': { status: 403, body: NO_ACCESS_TEXT },
  '/country/atlantis': { body: [] },
  '/country/wrongkey': { status: 401, body: WRONG_CREDENTIALS_TEXT },
  '/country/busy': { status: 409, body: TOO_MANY_REQUESTS_TEXT },
  '/country/busier': { status: 429, body: TOO_MANY_REQUESTS_TEXT },
};

let server: ReplayServer;
let source: DataSource;

beforeAll(async () => {
  server = await ReplayServer.start(
    (request) => replies[decodeURIComponent(request.path)] ?? { status: 404, body: 'Not Found' },
  );
  source = createTradingeconomicsSource({
    clock: new TestClock(),
    baseUrl: server.url,
    apiKey: KEY,
    rateLimit: { capacity: 100, refillPerSecond: 100 },
  });
});

afterAll(async () => {
  await source.close();
  await server.close();
});

async function run<R>(name: string, params: Record<string, string>): Promise<R> {
  const operation = source.operations[name]!;
  return (await operation.run(operation.params.parse(params), {})) as R;
}

async function failure(promise: Promise<unknown>): Promise<NautilusError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(NautilusError);
  expect((error as Error).message).not.toContain(KEY);
  return error as NautilusError;
}

describe('tradingeconomics historical', () => {
  it('encodes the path segments, sends c=<key>&f=json and parses the series', async () => {
    const before = server.requests.length;
    const series = await run<EconomicSeries>('historical', {
      country: 'united states',
      indicator: 'gdp growth rate',
    });
    const request = server.requests[before]!;
    expect(request.path).toBe('/historical/country/united%20states/indicator/gdp%20growth%20rate');
    expect(Object.fromEntries(request.query)).toEqual({ c: KEY, f: 'json' });
    expect(series).toEqual({
      source: 'tradingeconomics',
      id: 'united states:gdp growth rate',
      title: 'United States GDP Growth Rate',
      frequency: 'Quarterly',
      observations: [
        { periodNs: utc('2022-12-31T00:00:00Z'), value: 2.6 },
        { periodNs: utc('2023-03-31T00:00:00Z'), value: 2.2 },
      ],
    });
  });

  it('appends the start date as a path segment', async () => {
    const series = await run<EconomicSeries>('historical', {
      country: 'united states',
      indicator: 'gdp growth rate',
      start: '2023-01-01',
    });
    expect(server.requests.at(-1)!.path).toBe(
      '/historical/country/united%20states/indicator/gdp%20growth%20rate/2023-01-01',
    );
    expect(series.observations).toEqual([{ periodNs: utc('2023-03-31T00:00:00Z'), value: 2.2 }]);
    expect(
      source.operations.historical!.params.safeParse({ country: 'x', indicator: 'y', start: '1/2/23' })
        .success,
    ).toBe(false);
  });

  it('an empty reply is NOT_FOUND naming the indicator and the country', async () => {
    const error = await failure(run('historical', { country: 'united states', indicator: 'no such thing' }));
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toBe('tradingeconomics: no data for indicator "no such thing" in "united states"');
  });

  it('a malformed reply is UPSTREAM_ERROR naming the field', () => {
    const broken = [{ ...US_GDP_GROWTH[0], DateTime: '31/12/2022' }];
    expect(() => parseHistorical(broken, 'united states', 'gdp growth rate')).toThrow(
      'tradingeconomics: historical united states:gdp growth rate [0].DateTime is not a timestamp: "31/12/2022"',
    );
  });

  it('is declared point-in-time unsafe (revised in place)', () => {
    expect(source.operations.historical!.pointInTime).toMatchObject({ safe: false });
    expect(source.operations.historical!.pointInTime.note).toContain('revised in place');
  });
});

describe('tradingeconomics indicators', () => {
  it('lists the latest value of each indicator of a country', async () => {
    const rows = await run<CountryIndicator[]>('indicators', { country: 'united states' });
    expect(server.requests.at(-1)!.path).toBe('/country/united%20states');
    expect(rows).toHaveLength(2);
    expect(rows[0]).toEqual({
      country: 'United States',
      category: 'Unemployment Rate',
      title: 'United States Unemployment Rate',
      latestValue: 3.4,
      latestValueDateNs: utc('2023-04-30T00:00:00Z'),
      previousValue: 3.5,
      previousValueDateNs: utc('2023-03-31T00:00:00Z'),
      unit: 'percent',
      frequency: 'Monthly',
      source: 'U.S. Bureau of Labor Statistics',
      categoryGroup: 'Labour',
      symbol: 'USURTOT',
    });
  });

  it('an unknown country is NOT_FOUND', async () => {
    expect((await failure(run('indicators', { country: 'atlantis' }))).code).toBe('NOT_FOUND');
  });
});

describe('tradingeconomics errors', () => {
  it('a free-user refusal is UPSTREAM_AUTH naming the country and the guest limits', async () => {
    const error = await failure(run('indicators', { country: 'brazil' }));
    expect(error.code).toBe('UPSTREAM_AUTH');
    expect(error.message).toContain(
      'no access to "brazil" (HTTP 403: No Access to this country as free user.)',
    );
    expect(error.message).toContain('TRADINGECONOMICS_API_KEY');
    const wrong = await failure(run('indicators', { country: 'wrongkey' }));
    expect(wrong.code).toBe('UPSTREAM_AUTH');
    expect(wrong.message).toContain('Wrong credentials');
  });

  it('409 and 429 "Too Many Requests" are UPSTREAM_RATE_LIMITED', async () => {
    for (const country of ['busy', 'busier']) {
      const error = await failure(run('indicators', { country }));
      expect(error.code).toBe('UPSTREAM_RATE_LIMITED');
      expect(error.message).toContain('Too Many Requests');
    }
  });
});

describe('tradingeconomics key and connection', () => {
  it('falls back to the guest key, and keeps one connection for many calls', async () => {
    const guestServer = await ReplayServer.start(() => ({ body: US_INDICATORS }));
    const guest = createTradingeconomicsSource({
      clock: new TestClock(),
      baseUrl: guestServer.url,
      rateLimit: { capacity: 10 },
    });
    for (const country of ['sweden', 'mexico', 'thailand'])
      await guest.operations.indicators!.run({ country }, {});
    expect(guestServer.requests.map((r) => r.query.get('c'))).toEqual([
      'guest:guest',
      'guest:guest',
      'guest:guest',
    ]);
    expect(guestServer.connections).toBe(1);
    await guest.close();
    await guestServer.close();
  });
});
