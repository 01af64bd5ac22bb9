import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NautilusError } from '../../../core/errors.ts';
import { TestClock } from '../../../core/test-clock.ts';
import type { DataSource } from '../source.ts';
import type { DatasetSearch, DatasetSummary } from '../source-types.ts';
import { type ReplayResponse, ReplayServer } from '../testing/replay-server.ts';
import {
  API_KEY_INVALID_REPLY,
  NOT_FOUND_REPLY,
  OVER_RATE_LIMIT_REPLY,
  SEARCH_REPLY,
  SHOW_REPLY,
  VALIDATION_REPLY,
} from './datagov-fixtures.ts';
import { ckanError, parseSearch } from './datagov-parse.ts';
import { createDatagovSource } from './datagov-source.ts';

const KEY = 'dg-secret-key-0123456789';
/** Keyed by the `q` or `id` asked, so each test picks its reply. */
const replies: Record<string, ReplayResponse> = {
  nope: { status: 404, body: NOT_FOUND_REPLY },
  throttled: { status: 429, body: OVER_RATE_LIMIT_REPLY },
  badkey: { status: 403, body: API_KEY_INVALID_REPLY },
  invalid: { status: 409, body: VALIDATION_REPLY },
};

let server: ReplayServer;
let source: DataSource;

beforeAll(async () => {
  server = await ReplayServer.start((request) => {
    const asked = request.query.get('q') ?? request.query.get('id') ?? '';
    if (replies[asked]) return replies[asked];
    return { body: request.path.endsWith('package_show') ? SHOW_REPLY : SEARCH_REPLY };
  });
  source = createDatagovSource({
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
  return error as NautilusError;
}

const EV_SUMMARY: DatasetSummary = {
  id: '2a1e6c4b-5b6f-4f0e-9a6e-4a8f2d7c9b11',
  name: 'electric-vehicle-population-data',
  title: 'Electric Vehicle Population Data',
  organization: 'State of Washington',
  modifiedNs: 1_704_164_645_678_901_000n,
  resources: [
    {
      name: 'Comma Separated Values File',
      format: 'CSV',
      url: 'https://data.wa.gov/api/views/f6w7-q2d2/rows.csv?accessType=DOWNLOAD',
    },
    {
      name: 'JSON',
      format: 'JSON',
      url: 'https://data.wa.gov/api/views/f6w7-q2d2/rows.json?accessType=DOWNLOAD',
    },
  ],
};

describe('datagov search', () => {
  it('builds package_search with rows, start, an organization filter and the X-Api-Key header', async () => {
    const before = server.requests.length;
    const result = await run<DatasetSearch>('search', {
      q: 'electric vehicle',
      rows: '1',
      start: '20',
      organization: 'state-of-washington',
    });
    const request = server.requests[before]!;
    expect(request.path).toBe('/api/3/action/package_search');
    expect(Object.fromEntries(request.query)).toEqual({
      q: 'electric vehicle',
      rows: '1',
      start: '20',
      fq: 'organization:state-of-washington',
    });
    expect(request.headers['x-api-key']).toBe(KEY);
    expect(result).toEqual({ source: 'datagov', count: 1234, datasets: [EV_SUMMARY] });
  });

  it('defaults rows to 10 and start to 0, and rejects out-of-range or unsafe params', async () => {
    const before = server.requests.length;
    await run('search', { q: 'census' });
    expect(Object.fromEntries(server.requests[before]!.query)).toEqual({
      q: 'census',
      rows: '10',
      start: '0',
    });
    const params = source.operations.search!.params;
    expect(params.safeParse({ q: 'x', rows: '1001' }).success).toBe(false);
    expect(params.safeParse({ q: 'x', organization: 'a OR b:c' }).success).toBe(false);
    expect(params.safeParse({ q: 'x', extra: '1' }).success).toBe(false);
  });

  it('declares itself point-in-time unsafe and files results under the economic data type', () => {
    expect(source.operations.search!.pointInTime.safe).toBe(false);
    expect(source.operations.search!.dataType).toBe('economic');
  });
});

describe('datagov dataset', () => {
  it('asks package_show by id and returns the summary', async () => {
    const before = server.requests.length;
    const result = await run<DatasetSummary>('dataset', { id: 'electric-vehicle-population-data' });
    expect(server.requests[before]!.path).toBe('/api/3/action/package_show');
    expect(server.requests[before]!.query.get('id')).toBe('electric-vehicle-population-data');
    expect(result).toEqual(EV_SUMMARY);
  });
});

describe('datagov errors', () => {
  it('CKAN 404 is NOT_FOUND, 409 Validation Error is BAD_REQUEST', async () => {
    const missing = await failure(run('dataset', { id: 'nope' }));
    expect(missing.code).toBe('NOT_FOUND');
    expect(missing.message).toContain('datagov: dataset nope: not found in the catalog (HTTP 404: {"help"');
    const invalid = await failure(run('search', { q: 'invalid' }));
    expect(invalid.code).toBe('BAD_REQUEST');
    expect(invalid.message).toContain('Validation Error');
  });

  it('api.data.gov throttling is UPSTREAM_RATE_LIMITED and a bad key UPSTREAM_AUTH, never showing the key', async () => {
    const throttled = await failure(run('search', { q: 'throttled' }));
    expect(throttled.code).toBe('UPSTREAM_RATE_LIMITED');
    expect(throttled.message).toContain('OVER_RATE_LIMIT');
    const badKey = await failure(run('search', { q: 'badkey' }));
    expect(badKey.code).toBe('UPSTREAM_AUTH');
    expect(badKey.message).toContain('DATAGOV_API_KEY');
    for (const error of [throttled, badKey]) expect(error.message).not.toContain(KEY);
  });

  it('a success:false envelope in a 200 reply is classified by its CKAN error type', () => {
    const error = (() => {
      try {
        parseSearch(NOT_FOUND_REPLY, 'search "x"');
      } catch (e) {
        return e as NautilusError;
      }
    })();
    expect(error?.code).toBe('NOT_FOUND');
    expect(ckanError('Validation Error', 'bad', 'search').code).toBe('BAD_REQUEST');
    expect(() => parseSearch({ success: true, result: { count: 'many' } }, 'search "x"')).toThrow(
      'datagov: unexpected package_search search "x" response at count',
    );
  });
});

describe('datagov connection', () => {
  it('sends no key header without a key, and keeps one connection for many calls', async () => {
    const keyless = await ReplayServer.start(() => ({ body: SEARCH_REPLY }));
    const plain = createDatagovSource({ clock: new TestClock(), baseUrl: keyless.url });
    for (const q of ['a', 'b', 'c']) await plain.operations.search!.run({ q, rows: 10, start: 0 }, {});
    expect(keyless.requests.map((r) => r.headers['x-api-key'])).toEqual([undefined, undefined, undefined]);
    expect(keyless.connections).toBe(1);
    await plain.close();
    await keyless.close();
  });
});
