import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NautilusError } from '../../../core/errors.ts';
import { TestClock } from '../../../core/test-clock.ts';
import type { DataSource } from '../source.ts';
import { dateToNs, type EconomicSeries } from '../source-types.ts';
import { type ReplayRequest, type ReplayResponse, ReplayServer } from '../testing/replay-server.ts';
import {
  API_KEY_NOT_REGISTERED,
  DGS10_OBSERVATIONS,
  DGS10_SERIES,
  GNPCA_VINTAGE_DATES,
  gnpcaObservations,
  gnpcaSeries,
  SERIES_DOES_NOT_EXIST,
  TOO_MANY_REQUESTS,
} from './fred-fixtures.ts';
import type { FredVintages } from './fred-parse.ts';
import { createFredSource, FRED_RATE_LIMIT } from './fred-source.ts';

const KEY = 'abcdef0123456789abcdef0123456789';
const iso = (text: string) => BigInt(Date.parse(text)) * 1_000_000n;

function reply(request: ReplayRequest): ReplayResponse {
  const q = request.query;
  if (q.get('api_key') !== KEY) return { status: 400, body: API_KEY_NOT_REGISTERED };
  const id = q.get('series_id');
  if (id === 'NOPE') return { status: 400, body: SERIES_DOES_NOT_EXIST };
  if (id === 'BUSY') return { status: 429, body: TOO_MANY_REQUESTS };
  if (request.path === '/fred/series/vintagedates') return { body: GNPCA_VINTAGE_DATES };
  const observations = request.path === '/fred/series/observations';
  if (id === 'DGS10') return { body: observations ? DGS10_OBSERVATIONS : DGS10_SERIES };
  // LEAKY ignores the real-time period asked for, as a misbehaving upstream would.
  const realtime = (id !== 'LEAKY' && q.get('realtime_start')) || '2013-08-14';
  return { body: observations ? gnpcaObservations(realtime) : gnpcaSeries(realtime) };
}

async function failure(promise: Promise<unknown>): Promise<NautilusError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(NautilusError);
  return error as NautilusError;
}

const gnpca = (realtime: string) =>
  [
    ['1929-01-01', 1065.9],
    ['1930-01-01', 975.5],
    ['1931-01-01', 912.1],
  ].map(([date, value]) => ({
    periodNs: dateToNs(date as string),
    value,
    realtimeStartNs: dateToNs(realtime),
    realtimeEndNs: dateToNs(realtime),
  }));

describe('fred source', () => {
  let server: ReplayServer;
  let source: DataSource;
  const run = (op: string, params: unknown, asOfNs?: bigint) => {
    const operation = source.operations[op]!;
    return operation.run(operation.params.parse(params), { asOfNs });
  };

  beforeAll(async () => {
    server = await ReplayServer.start(reply);
    source = createFredSource({
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

  it('series reads fred/series and fred/series/observations with the key and file_type=json', async () => {
    const series = await run('series', { id: 'GNPCA' });
    const [info, observations] = server.requests.slice(-2);
    expect(info!.path).toBe('/fred/series');
    expect(Object.fromEntries(info!.query)).toEqual({ series_id: 'GNPCA', api_key: KEY, file_type: 'json' });
    expect(observations!.path).toBe('/fred/series/observations');
    expect(Object.fromEntries(observations!.query)).toEqual({
      series_id: 'GNPCA',
      api_key: KEY,
      file_type: 'json',
    });
    expect(series).toEqual({
      source: 'fred',
      id: 'GNPCA',
      title: 'Real Gross National Product',
      frequency: 'Annual',
      units: 'Billions of Chained 2009 Dollars',
      observations: gnpca('2013-08-14'),
    });
  });

  it('observation bounds are sent, and "." becomes null', async () => {
    const series = (await run('series', {
      id: 'DGS10',
      observationStart: '2024-01-01',
      observationEnd: '2024-01-03',
    })) as EconomicSeries;
    const request = server.requests.at(-1)!;
    expect(request.query.get('observation_start')).toBe('2024-01-01');
    expect(request.query.get('observation_end')).toBe('2024-01-03');
    expect(series.units).toBe('Percent');
    expect(series.observations.map((row) => [row.periodNs, row.value])).toEqual([
      [dateToNs('2024-01-01'), null],
      [dateToNs('2024-01-02'), 3.95],
      [dateToNs('2024-01-03'), 3.91],
    ]);
  });

  it('as of an instant, both calls ask ALFRED for the last whole St. Louis day before it', async () => {
    // 2013-08-14 00:00 UTC is 2013-08-13 19:00 in St. Louis: 08-13 is not over, so vintage 08-12.
    const asOfNs = iso('2013-08-14T00:00:00Z');
    const series = await run('series', { id: 'GNPCA' }, asOfNs);
    for (const request of server.requests.slice(-2)) {
      expect(request.query.get('realtime_start')).toBe('2013-08-12');
      expect(request.query.get('realtime_end')).toBe('2013-08-12');
    }
    expect(series).toEqual({
      source: 'fred',
      id: 'GNPCA',
      title: 'Real Gross National Product',
      frequency: 'Annual',
      units: 'Billions of Chained 2009 Dollars',
      asOfNs,
      observations: gnpca('2013-08-12'),
    });
    expect(source.operations.series!.pointInTime.safe).toBe(true);
  });

  it('values published after the vintage are dropped even if the upstream sends them', async () => {
    const series = (await run('series', { id: 'LEAKY' }, iso('2013-08-14T00:00:00Z'))) as EconomicSeries;
    expect(series.observations).toEqual([]);
  });

  it('vintages lists the vintage dates; as of an instant only the whole days before it', async () => {
    const all = (await run('vintages', { id: 'GNPCA' })) as FredVintages;
    const request = server.requests.at(-1)!;
    expect(request.path).toBe('/fred/series/vintagedates');
    expect(Object.fromEntries(request.query)).toEqual({
      series_id: 'GNPCA',
      api_key: KEY,
      file_type: 'json',
    });
    expect(all).toEqual({
      source: 'fred',
      id: 'GNPCA',
      vintageDatesNs: GNPCA_VINTAGE_DATES.vintage_dates.map((d) => dateToNs(d)),
    });

    const known = (await run('vintages', { id: 'GNPCA' }, iso('1959-07-20T10:00:00Z'))) as FredVintages;
    expect(server.requests.at(-1)!.query.get('realtime_end')).toBe('1959-07-19');
    expect(known.vintageDatesNs).toEqual([
      dateToNs('1958-12-21'),
      dateToNs('1959-02-19'),
      dateToNs('1959-07-19'),
    ]);
    const sameDay = (await run('vintages', { id: 'GNPCA' }, iso('1959-07-19T23:00:00Z'))) as FredVintages;
    expect(sameDay.vintageDatesNs).toEqual([dateToNs('1958-12-21'), dateToNs('1959-02-19')]);
  });

  it('params are strict and dates checked', () => {
    const params = source.operations.series!.params;
    expect(params.safeParse({ id: 'GNPCA', observationStart: '2024/01/01' }).success).toBe(false);
    expect(params.safeParse({ id: 'GNPCA', limit: '5' }).success).toBe(false);
    expect(params.safeParse({ id: '' }).success).toBe(false);
  });

  it('"The series does not exist." (HTTP 400) is NOT_FOUND naming the id', async () => {
    const error = await failure(run('series', { id: 'NOPE' }));
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toBe('fred: series NOPE: Bad Request. The series does not exist.');
    expect((await failure(run('vintages', { id: 'NOPE' }))).code).toBe('NOT_FOUND');
  });

  it('"Exceeded Rate Limit" (HTTP 429) is UPSTREAM_RATE_LIMITED', async () => {
    const error = await failure(run('series', { id: 'BUSY' }));
    expect(error.code).toBe('UPSTREAM_RATE_LIMITED');
    expect(error.message).toBe('fred: series BUSY: Too Many Requests. Exceeded Rate Limit');
  });

  it('every call went over one connection', () => {
    expect(server.requests.length).toBe(14);
    expect(server.connections).toBe(1);
  });

  it('an unregistered key is UPSTREAM_AUTH, and the key never shows', async () => {
    const wrongKey = 'fedcba9876543210fedcba9876543210';
    const wrong = createFredSource({ clock: new TestClock(), baseUrl: server.url, apiKey: wrongKey });
    try {
      const op = wrong.operations.series!;
      const error = await failure(op.run(op.params.parse({ id: 'GNPCA' }), {}));
      expect(error.code).toBe('UPSTREAM_AUTH');
      expect(error.message).toContain('api_key is not registered');
      expect(error.message).not.toContain(wrongKey);
    } finally {
      await wrong.close();
    }
  });

  it('without a key it names FRED_API_KEY', async () => {
    const keyless = createFredSource({ clock: new TestClock(), baseUrl: server.url });
    const op = keyless.operations.vintages!;
    const error = await failure(op.run(op.params.parse({ id: 'GNPCA' }), {}));
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toContain('FRED_API_KEY');
    await keyless.close();
  });

  it('publishes 120 per minute', () => {
    expect(FRED_RATE_LIMIT).toMatchObject({ capacity: 10, refillPerSecond: 2 });
    expect(FRED_RATE_LIMIT.published).toContain('120 requests per minute');
    expect(source.hosts).toEqual(['api.stlouisfed.org']);
  });
});
