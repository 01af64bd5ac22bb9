import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NautilusError } from '../../../core/errors.ts';
import { TestClock } from '../../../core/test-clock.ts';
import type { DataSource } from '../source.ts';
import type { EconomicSeries } from '../source-types.ts';
import { type ReplayResponse, ReplayServer } from '../testing/replay-server.ts';
import {
  EA19_UNEMPLOYMENT,
  EA19_UNEMPLOYMENT_EARLY,
  NO_SERIES,
  SERIES_NOT_FOUND,
} from './dbnomics-fixtures.ts';
import { parseSeries, splitSeriesId } from './dbnomics-parse.ts';
import { createDbnomicsSource } from './dbnomics-source.ts';

const utc = (iso: string) => BigInt(Date.parse(iso)) * 1_000_000n;

const replies: Record<string, ReplayResponse> = {
  '/v22/series/AMECO/ZUTN/EA19.1.0.0.0.ZUTN': { body: EA19_UNEMPLOYMENT },
  '/v22/series/AMECO/ZUTN/EMPTY': { body: NO_SERIES },
  '/v22/series/AMECO/ZUTN/XX.9': { status: 404, body: SERIES_NOT_FOUND },
  '/v22/series/AMECO/ZUTN/BUSY': {
    status: 429,
    headers: { 'retry-after': '2' },
    body: { message: 'Too Many Requests' },
  },
};

let server: ReplayServer;
let source: DataSource;

beforeAll(async () => {
  server = await ReplayServer.start(
    (request) => replies[request.path] ?? { status: 500, body: 'unexpected' },
  );
  source = createDbnomicsSource({
    clock: new TestClock(),
    baseUrl: `${server.url}/v22`,
    rateLimit: { capacity: 100, refillPerSecond: 100 },
  });
});

afterAll(async () => {
  await source.close();
  await server.close();
});

async function run(id: string): Promise<EconomicSeries> {
  const operation = source.operations.series!;
  return (await operation.run(operation.params.parse({ id }), {})) as EconomicSeries;
}

async function failure(promise: Promise<unknown>): Promise<NautilusError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(NautilusError);
  return error as NautilusError;
}

describe('dbnomics series', () => {
  it('asks /v22/series/<provider>/<dataset>/<series> with observations and parses the values', async () => {
    const before = server.requests.length;
    const series = await run('AMECO/ZUTN/EA19.1.0.0.0.ZUTN');
    const request = server.requests[before]!;
    expect(request.path).toBe('/v22/series/AMECO/ZUTN/EA19.1.0.0.0.ZUTN');
    expect(Object.fromEntries(request.query)).toEqual({ observations: '1', format: 'json' });
    expect(series).toEqual({
      source: 'dbnomics',
      id: 'AMECO/ZUTN/EA19.1.0.0.0.ZUTN',
      title: EA19_UNEMPLOYMENT.series.docs[0]!.series_name,
      frequency: 'annual',
      observations: [
        { periodNs: utc('2019-01-01T00:00:00Z'), value: 7.6 },
        { periodNs: utc('2020-01-01T00:00:00Z'), value: 8 },
        { periodNs: utc('2021-01-01T00:00:00Z'), value: 7.7 },
      ],
    });
  });

  it('turns "NA" into null', () => {
    const series = parseSeries(EA19_UNEMPLOYMENT_EARLY, 'AMECO/ZUTN/EA19.1.0.0.0.ZUTN');
    expect(series.observations).toEqual([
      { periodNs: utc('1960-01-01T00:00:00Z'), value: null },
      { periodNs: utc('1961-01-01T00:00:00Z'), value: null },
    ]);
  });

  it('rejects malformed ids with BAD_REQUEST before any request', async () => {
    const before = server.requests.length;
    for (const id of ['AMECO/ZUTN', 'AMECO//EA19', '/ZUTN/EA19', 'AMECO/ZUTN/EA19/extra', 'AMECO/ZUTN/ ']) {
      expect(source.operations.series!.params.safeParse({ id }).success).toBe(false);
      const error = await failure(source.operations.series!.run({ id }, {}));
      expect(error.code).toBe('BAD_REQUEST');
      expect(error.message).toContain('PROVIDER/DATASET/SERIES');
    }
    expect(splitSeriesId('IMF/WEO:2023-10/USA.NGDP_RPCH.pcent_change')).toEqual({
      provider: 'IMF',
      dataset: 'WEO:2023-10',
      series: 'USA.NGDP_RPCH.pcent_change',
    });
    expect(server.requests.length).toBe(before);
  });

  it('is declared point-in-time unsafe', () => {
    expect(source.operations.series!.pointInTime.safe).toBe(false);
  });
});

describe('dbnomics errors and connection', () => {
  it('HTTP 404 and num_found 0 are NOT_FOUND naming the id', async () => {
    const missing = await failure(run('AMECO/ZUTN/XX.9'));
    expect(missing.code).toBe('NOT_FOUND');
    expect(missing.message).toBe('dbnomics: series AMECO/ZUTN/XX.9 not found (HTTP 404)');
    const empty = await failure(run('AMECO/ZUTN/EMPTY'));
    expect(empty.code).toBe('NOT_FOUND');
    expect(empty.message).toBe('dbnomics: series AMECO/ZUTN/EMPTY not found');
  });

  it('429 is UPSTREAM_RATE_LIMITED with the retry delay', async () => {
    const error = await failure(run('AMECO/ZUTN/BUSY'));
    expect(error.code).toBe('UPSTREAM_RATE_LIMITED');
    expect(error.details).toEqual({ retryAfterS: 2 });
  });

  it('a malformed reply is UPSTREAM_ERROR naming the field', () => {
    const broken = {
      series: { docs: [{ ...EA19_UNEMPLOYMENT.series.docs[0], value: [7.6, 'n/a', 7.7] }], num_found: 1 },
    };
    expect(() => parseSeries(broken, 'AMECO/ZUTN/EA19.1.0.0.0.ZUTN')).toThrow(
      'dbnomics: unexpected series AMECO/ZUTN/EA19.1.0.0.0.ZUTN response at series.docs.0.value.1',
    );
  });

  it('reuses one connection across calls', async () => {
    for (let i = 0; i < 3; i++) await run('AMECO/ZUTN/EA19.1.0.0.0.ZUTN');
    expect(server.connections).toBe(1);
  });
});
