import { afterEach, describe, expect, it, vi } from 'vitest';
import { NautilusError } from '../../../core/errors.ts';
import { TestClock } from '../../../core/test-clock.ts';
import type { DataSource } from '../source.ts';
import type { CompanyFacts, CompanyFilings } from '../source-types.ts';
import { type ReplayResponse, ReplayServer } from '../testing/replay-server.ts';
import {
  APPLE_FACTS,
  APPLE_SUBMISSIONS,
  RATE_THRESHOLD_PAGE,
  TICKERS,
  UNDECLARED_TOOL_PAGE,
} from './sec-edgar-fixtures.ts';
import { createSecEdgarSource, SEC_EDGAR_USER_AGENT_ENV } from './sec-edgar-source.ts';

const UA = 'Nautilus research admin@example.com';
const DAY_NS = 86_400_000_000_000n;
const utc = (iso: string) => BigInt(Date.parse(iso)) * 1_000_000n;

interface Setup {
  data: ReplayServer;
  www: ReplayServer;
  source: DataSource;
  /** Replaces the data.sec.gov answer for every later request. */
  reply: (response: ReplayResponse) => void;
}

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
  vi.unstubAllEnvs();
});

async function setup(rateLimit = { capacity: 100, refillPerSecond: 100 }): Promise<Setup> {
  let override: ReplayResponse | undefined;
  const data = await ReplayServer.start((request) => {
    if (override) return override;
    if (request.path === '/api/xbrl/companyfacts/CIK0000320193.json') return { body: APPLE_FACTS };
    if (request.path === '/submissions/CIK0000320193.json') return { body: APPLE_SUBMISSIONS };
    return {
      status: 404,
      body: '<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>',
    };
  });
  const www = await ReplayServer.start(() => ({ body: TICKERS }));
  const source = createSecEdgarSource({
    clock: new TestClock(utc('2024-03-01T00:00:00Z')),
    baseUrl: data.url,
    tickerBaseUrl: www.url,
    userAgent: UA,
    rateLimit,
  });
  cleanup = async () => {
    await source.close();
    await data.close();
    await www.close();
  };
  return { data, www, source, reply: (response) => (override = response) };
}

async function run<R>(source: DataSource, op: string, params: Record<string, string>, asOfNs?: bigint) {
  const operation = source.operations[op]!;
  return (await operation.run(operation.params.parse(params), { asOfNs })) as R;
}

async function failure(promise: Promise<unknown>): Promise<NautilusError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(NautilusError);
  return error as NautilusError;
}

describe('sec-edgar configuration', () => {
  it('refuses to start without a User-Agent that has a contact email, naming the env var', () => {
    vi.stubEnv(SEC_EDGAR_USER_AGENT_ENV, '');
    const clock = new TestClock();
    for (const userAgent of [undefined, 'Nautilus research']) {
      const error = (() => {
        try {
          createSecEdgarSource({ clock, userAgent });
        } catch (e) {
          return e as NautilusError;
        }
      })();
      expect(error?.code).toBe('CONFIG_INVALID');
      expect(error?.message).toContain('SEC_EDGAR_USER_AGENT');
      expect(error?.message).toContain('contact email');
    }
  });

  it('takes the User-Agent from the environment and sends it to both hosts', async () => {
    const { data, www, source } = await setup();
    await source.close();
    vi.stubEnv(SEC_EDGAR_USER_AGENT_ENV, 'Env Fund ops@env.example');
    const fromEnv = createSecEdgarSource({
      clock: new TestClock(),
      baseUrl: data.url,
      tickerBaseUrl: www.url,
    });
    await run(fromEnv, 'filings', { symbol: 'AAPL' });
    await fromEnv.close();
    expect(www.requests[0]?.headers['user-agent']).toBe('Env Fund ops@env.example');
    expect(data.requests[0]?.headers['user-agent']).toBe('Env Fund ops@env.example');
  });
});

describe('sec-edgar facts', () => {
  it('resolves the ticker once, asks companyfacts by 10-digit CIK and parses every fact', async () => {
    const { data, www, source } = await setup();
    const result = await run<CompanyFacts>(source, 'facts', { symbol: 'aapl' });
    await run(source, 'facts', { symbol: 'AAPL', concept: 'SalesRevenueNet' });
    expect(www.requestsTo('/files/company_tickers.json')).toHaveLength(1);
    expect(data.requestsTo('/api/xbrl/companyfacts/CIK0000320193.json')).toHaveLength(2);
    expect(data.requests[0]?.headers['user-agent']).toBe(UA);
    expect(result.cik).toBe('0000320193');
    expect(result.entityName).toBe('Apple Inc.');
    expect(result.facts.map((f) => [f.concept, f.value])).toEqual([
      ['AccountsPayableCurrent', 5520000000],
      ['AccountsPayableCurrent', 12015000000],
      ['SalesRevenueNet', 65225000000],
    ]);
    expect(result.facts[2]).toEqual({
      concept: 'SalesRevenueNet',
      unit: 'USD',
      value: 65225000000,
      periodStartNs: utc('2009-09-27T00:00:00Z'),
      periodEndNs: utc('2010-09-25T00:00:00Z'),
      filedNs: utc('2010-10-27T00:00:00Z'),
      form: '10-K',
      fiscalYear: 2010,
      fiscalPeriod: 'FY',
      accession: '0001193125-10-238044',
    });
  });

  it('filters by taxonomy and concept, and says when a concept is absent', async () => {
    const { source } = await setup();
    const dei = await run<CompanyFacts>(source, 'facts', { symbol: '320193', taxonomy: 'dei' });
    expect(dei.facts.map((f) => [f.concept, f.unit, f.value])).toEqual([
      ['EntityCommonStockSharesOutstanding', 'shares', 895816758],
    ]);
    const error = await failure(run(source, 'facts', { symbol: '320193', concept: 'Revenues' }));
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toBe('sec-edgar: CIK 0000320193 has no us-gaap concept Revenues');
  });

  it('as of an instant returns only facts known by then (from the day after the filing date)', async () => {
    const { source } = await setup();
    const filedDay = utc('2010-10-27T00:00:00Z');
    const before = await run<CompanyFacts>(source, 'facts', { symbol: 'AAPL' }, filedDay + DAY_NS - 1n);
    expect(before.facts.map((f) => f.accession)).toEqual(['0001193125-09-214859']);
    const after = await run<CompanyFacts>(source, 'facts', { symbol: 'AAPL' }, filedDay + DAY_NS);
    expect(after.facts).toHaveLength(3);
  });
});

describe('sec-edgar filings', () => {
  it('reads the submissions columns, filters by form and by filing date as of an instant', async () => {
    const { data, source } = await setup();
    const all = await run<CompanyFilings>(source, 'filings', { symbol: 'AAPL' });
    expect(data.requestsTo('/submissions/CIK0000320193.json')).toHaveLength(1);
    expect(all).toMatchObject({ cik: '0000320193', name: 'Apple Inc.', tickers: ['AAPL'] });
    expect(all.filings[0]).toEqual({
      accession: '0000320193-24-000006',
      form: '10-Q',
      filingDateNs: utc('2024-02-02T00:00:00Z'),
      reportDateNs: utc('2023-12-30T00:00:00Z'),
      primaryDocument: 'aapl-20231230.htm',
    });
    const tenQ = await run<CompanyFilings>(source, 'filings', { symbol: 'AAPL', form: '10-Q' });
    expect(tenQ.filings.map((f) => f.accession)).toEqual(['0000320193-24-000006', '0000320193-23-000077']);
    const asOf = await run<CompanyFilings>(
      source,
      'filings',
      { symbol: 'AAPL' },
      utc('2023-11-04T00:00:00Z'),
    );
    expect(asOf.filings.map((f) => f.form)).toEqual(['10-K', '10-Q']);
  });
});

describe('sec-edgar errors and connections', () => {
  it('unknown ticker and unknown CIK are NOT_FOUND', async () => {
    const { source } = await setup();
    const ticker = await failure(run(source, 'facts', { symbol: 'ZZZZ' }));
    expect(ticker.code).toBe('NOT_FOUND');
    expect(ticker.message).toContain('unknown ticker ZZZZ');
    const cik = await failure(run(source, 'filings', { symbol: '999' }));
    expect(cik.code).toBe('NOT_FOUND');
    expect(cik.message).toContain('no EDGAR company with CIK 0000000999');
  });

  it('an undeclared-tool 403 says to set the User-Agent; throttling replies are rate limits', async () => {
    const { source, reply } = await setup();
    reply({ status: 403, body: UNDECLARED_TOOL_PAGE });
    const blocked = await failure(run(source, 'facts', { symbol: '320193' }));
    expect(blocked.code).toBe('UPSTREAM_AUTH');
    expect(blocked.message).toContain('undeclared automated tool');
    expect(blocked.message).toContain('SEC_EDGAR_USER_AGENT');
    for (const status of [403, 429]) {
      reply({ status, body: RATE_THRESHOLD_PAGE });
      const throttled = await failure(run(source, 'facts', { symbol: '320193' }));
      expect(throttled.code).toBe('UPSTREAM_RATE_LIMITED');
    }
  });

  it('a malformed reply is UPSTREAM_ERROR naming the field', async () => {
    const { source, reply } = await setup();
    reply({
      body: { ...APPLE_SUBMISSIONS, filings: { recent: { ...APPLE_SUBMISSIONS.filings.recent, form: [1] } } },
    });
    const error = await failure(run(source, 'filings', { symbol: '320193' }));
    expect(error.code).toBe('UPSTREAM_ERROR');
    expect(error.message).toContain('sec-edgar: unexpected submissions response at filings.recent.form.0');
  });

  it('rejects malformed symbols before any request', async () => {
    const { data, source } = await setup();
    expect(() => source.operations.facts!.params.parse({ symbol: '../etc' })).toThrow(/ticker/);
    expect(data.requests).toHaveLength(0);
  });

  it('reuses one connection per host, and both hosts draw on the one SEC limiter', async () => {
    const { data, www, source } = await setup({ capacity: 3, refillPerSecond: 0.001 });
    await run(source, 'facts', { symbol: 'AAPL' });
    await run(source, 'filings', { symbol: 'AAPL' });
    expect(source.limiter.bucket.remaining()).toBeLessThan(1e-6);
    expect(data.connections).toBe(1);
    expect(www.connections).toBe(1);
  });
});
