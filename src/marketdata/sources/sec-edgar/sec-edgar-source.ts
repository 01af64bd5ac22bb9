import { z } from 'zod';
import { NautilusError } from '../../../core/errors.ts';
import type { DataSource, SourceOperation, SourceRateLimit } from '../source.ts';
import { SourceHttpClient } from '../source-http-client.ts';
import { type SourceOptions, sourceKit } from '../source-kit.ts';
import type { CompanyFacts, CompanyFilings } from '../source-types.ts';
import { padCik, parseCompanyFacts, parseCompanyFilings, parseTickerMap } from './sec-edgar-parse.ts';

export const SEC_EDGAR_HOSTS = ['data.sec.gov', 'www.sec.gov'] as const;
export const SEC_EDGAR_DEFAULT_BASE_URL = 'https://data.sec.gov';
/** company_tickers.json lives on www.sec.gov, not data.sec.gov. */
export const SEC_EDGAR_TICKER_BASE_URL = 'https://www.sec.gov';
export const SEC_EDGAR_USER_AGENT_ENV = 'SEC_EDGAR_USER_AGENT';
export const SEC_EDGAR_RATE_LIMIT: SourceRateLimit = {
  capacity: 10,
  refillPerSecond: 10,
  published:
    'SEC fair access: "current max request rate: 10 requests/second" per user, across all sec.gov hosts',
};

export interface SecEdgarOptions extends SourceOptions {
  /** SEC requires "Company/App contact@email"; default from SEC_EDGAR_USER_AGENT. */
  userAgent?: string;
  tickerBaseUrl?: string;
}

const SOURCE = 'sec-edgar';
const EMAIL = /[^\s@]+@[^\s@]+\.[^\s@]+/;
/** A ticker (BRK-B, BRK.B) or a CIK of up to 10 digits. */
const symbol = z
  .string()
  .trim()
  .regex(/^(\d{1,10}|[A-Za-z][A-Za-z0-9.-]{0,9})$/, 'expected a ticker (e.g. AAPL) or a CIK (e.g. 320193)');

const factsParams = z.strictObject({
  symbol,
  concept: z.string().trim().min(1).optional(),
  taxonomy: z.string().trim().min(1).default('us-gaap'),
});
const filingsParams = z.strictObject({ symbol, form: z.string().trim().min(1).optional() });

const FILED_NOTE =
  'only values filed by asOf: a fact/filing counts as known from 00:00 UTC the day after its filing date ' +
  '(never before its real acceptance time)';

export function createSecEdgarSource(options: SecEdgarOptions): DataSource {
  const userAgent = (options.userAgent ?? process.env[SEC_EDGAR_USER_AGENT_ENV] ?? '').trim();
  if (!EMAIL.test(userAgent))
    throw new NautilusError(
      'CONFIG_INVALID',
      `${SOURCE}: SEC requires a User-Agent declaring who you are with a contact email ` +
        `(e.g. "Nautilus research admin@example.com"); set ${SEC_EDGAR_USER_AGENT_ENV} ` +
        `or engineConfig.marketdata.sources.${SOURCE}.userAgent (got ${userAgent ? JSON.stringify(userAgent) : 'none'})`,
    );
  const headers = { 'user-agent': userAgent };
  const { client, limiter } = sourceKit(
    { name: SOURCE, baseUrl: SEC_EDGAR_DEFAULT_BASE_URL, rateLimit: SEC_EDGAR_RATE_LIMIT, headers },
    options,
  );
  // SEC's limit is per user across hosts, so the second host shares the one limiter.
  const tickerClient = new SourceHttpClient({
    source: SOURCE,
    baseUrl: options.tickerBaseUrl ?? SEC_EDGAR_TICKER_BASE_URL,
    limiter,
    headers,
    timeoutMs: options.timeoutMs,
  });

  let tickers: Promise<Map<string, string>> | undefined;
  const loadTickers = async () => parseTickerMap(await get(tickerClient, '/files/company_tickers.json'));

  async function resolveCik(value: string): Promise<string> {
    if (/^\d+$/.test(value)) return padCik(value);
    tickers ??= loadTickers().catch((error: unknown) => {
      tickers = undefined; // a failed download is retried by the next call
      throw error;
    });
    // company_tickers.json spells share classes with a dash (BRK-B).
    const cik = (await tickers).get(value.toUpperCase().replace(/\./g, '-'));
    if (!cik)
      throw new NautilusError(
        'NOT_FOUND',
        `${SOURCE}: unknown ticker ${value} (not in company_tickers.json)`,
      );
    return cik;
  }

  const facts: SourceOperation<z.output<typeof factsParams>, CompanyFacts> = {
    description:
      'XBRL company facts (us-gaap, dei, ...) of a company by ticker or CIK; optional concept filter',
    dataType: 'fundamentals',
    params: factsParams,
    keySymbol: (params) => params.symbol.toUpperCase(),
    pointInTime: { safe: true, note: `each fact carries its filing date (filed): ${FILED_NOTE}` },
    run: async (params, ctx) => {
      const cik = await resolveCik(params.symbol);
      const json = await get(client, `/api/xbrl/companyfacts/CIK${cik}.json`, cik);
      return parseCompanyFacts(json, {
        taxonomy: params.taxonomy,
        concept: params.concept,
        asOfNs: ctx.asOfNs,
      });
    },
  };

  const filings: SourceOperation<z.output<typeof filingsParams>, CompanyFilings> = {
    description: "A company's recent EDGAR filings (submissions 'recent' block), optionally one form type",
    dataType: 'fundamentals',
    params: filingsParams,
    keySymbol: (params) => params.symbol.toUpperCase(),
    pointInTime: { safe: true, note: `filtered on filingDate: ${FILED_NOTE}` },
    run: async (params, ctx) => {
      const cik = await resolveCik(params.symbol);
      const json = await get(client, `/submissions/CIK${cik}.json`, cik);
      return parseCompanyFilings(json, { form: params.form, asOfNs: ctx.asOfNs });
    },
  };

  return {
    name: SOURCE,
    title: 'SEC EDGAR (XBRL company facts and filings)',
    hosts: SEC_EDGAR_HOSTS,
    limiter,
    operations: { facts, filings },
    close: async () => {
      limiter.close();
      client.close();
      tickerClient.close();
    },
  };
}

/** SEC answers blocked or throttled callers with an HTML 403: say which one it was and what to do. */
async function get(client: SourceHttpClient, path: string, cik?: string): Promise<unknown> {
  try {
    return await client.json(path);
  } catch (error) {
    if (!(error instanceof NautilusError)) throw error;
    if (error.code === 'NOT_FOUND' && cik)
      throw client.error('NOT_FOUND', `no EDGAR company with CIK ${cik} (${path}: HTTP 404)`);
    if (error.code !== 'UPSTREAM_AUTH') throw error;
    // The throttling page also mentions undeclared tools, so it is recognised first.
    if (/rate threshold/i.test(error.message))
      throw client.error(
        'UPSTREAM_RATE_LIMITED',
        `${path}: SEC request rate threshold exceeded (HTTP 403, limit 10 requests/second); SEC blocks the caller for a while`,
      );
    if (/undeclared automated tool/i.test(error.message))
      throw client.error(
        'UPSTREAM_AUTH',
        `${path}: SEC blocked the request as an undeclared automated tool (HTTP 403): set ${SEC_EDGAR_USER_AGENT_ENV} to "Company/App contact@email"`,
      );
    throw client.error(
      'UPSTREAM_AUTH',
      `${path}: SEC refused the request (HTTP 403): check the User-Agent (${SEC_EDGAR_USER_AGENT_ENV}) and the 10 requests/second limit`,
    );
  }
}
