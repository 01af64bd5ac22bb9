import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { NautilusError } from '../../../core/errors.ts';
import type { DataSource, SourceOperation, SourceRateLimit } from '../source.ts';
import type { QueryValue } from '../source-http-client.ts';
import { type SourceOptions, sourceKit } from '../source-kit.ts';
import type { BarSeries, QuoteSnapshot } from '../source-types.ts';
import { IBKR_SNAPSHOT_FIELDS, parseHistory, parseSearch, parseSnapshot } from './ibkr-parse.ts';

/**
 * IBKR's hosted Web API (OAuth). The usual setup is the local Client Portal gateway instead; its
 * address is not listed here because the hub adds the configured baseUrl's host to the egress list
 * (a blanket `localhost` entry would block every local service).
 */
export const IBKR_HOSTS = ['api.ibkr.com'] as const;
export const IBKR_DEFAULT_BASE_URL = 'https://localhost:5000/v1/api';

export const IBKR_RATE_LIMIT: SourceRateLimit = {
  capacity: 10,
  refillPerSecond: 10,
  published:
    'IBKR Client Portal Web API pacing: a global limit of 10 requests per second through the Client ' +
    'Portal gateway (50/s for OAuth at api.ibkr.com); /iserver/marketdata/snapshot 10 req/s. ' +
    'Exceeding it returns 429 Too Many Requests and puts the IP in a penalty box for 10 minutes.',
};

/** IBKR documents that the first snapshot for a conid is often empty; ask this many times in all. */
export const IBKR_SNAPSHOT_ATTEMPTS = 3;

export interface IbkrSourceOptions extends SourceOptions {
  /** Wait between snapshot attempts while IBKR warms up a conid (default 250 ms). */
  snapshotRetryMs?: number;
}

const symbolSchema = z
  .string()
  .trim()
  .min(1)
  .max(32)
  .transform((symbol) => symbol.toUpperCase());

const quoteParams = z.strictObject({ symbol: symbolSchema });
type QuoteParams = z.infer<typeof quoteParams>;

const barsParams = z.strictObject({
  symbol: symbolSchema,
  /** IBKR units: min, h, d, w, m (months), y. */
  period: z
    .string()
    .regex(/^\d+(min|h|d|w|m|y)$/, 'period like 1d, 2w, 6m, 1y')
    .default('1d'),
  /** IBKR bar sizes: min, h, d, w, m (months). */
  bar: z
    .string()
    .regex(/^\d+(min|h|d|w|m)$/, 'bar like 1min, 5min, 1h, 1d')
    .default('1min'),
  outsideRth: z
    .union([z.boolean(), z.enum(['true', 'false']).transform((text) => text === 'true')])
    .default(false),
});
type BarsParams = z.infer<typeof barsParams>;

/** Interactive Brokers Client Portal Web API: snapshot quotes and historical bars by symbol. */
export function createIbkrSource(options: IbkrSourceOptions): DataSource {
  const { client, limiter } = sourceKit(
    { name: 'ibkr', baseUrl: IBKR_DEFAULT_BASE_URL, rateLimit: IBKR_RATE_LIMIT },
    options,
  );
  const retryMs = options.snapshotRetryMs ?? 250;
  // Contract ids never change for a listing, so one search per symbol is enough.
  const conids = new Map<string, number>();

  async function get(path: string, query: Record<string, QueryValue>): Promise<unknown> {
    try {
      return await client.json(path, { query });
    } catch (error) {
      throw explain(error);
    }
  }

  async function conidOf(symbol: string): Promise<number> {
    const known = conids.get(symbol);
    if (known !== undefined) return known;
    const conid = parseSearch(await get('/iserver/secdef/search', { symbol }), symbol);
    conids.set(symbol, conid);
    return conid;
  }

  const quote: SourceOperation<QuoteParams, QuoteSnapshot> = {
    description: 'Snapshot quote (last, bid/ask with sizes, day volume) for a symbol',
    dataType: 'quote',
    params: quoteParams,
    keySymbol: (params) => params.symbol,
    pointInTime: {
      safe: false,
      note: 'A live snapshot is the market now; it cannot say what the quote was at a past instant.',
    },
    run: async ({ symbol }) => {
      const conid = await conidOf(symbol);
      const query = { conids: conid, fields: IBKR_SNAPSHOT_FIELDS.join(',') };
      for (let attempt = 1; attempt <= IBKR_SNAPSHOT_ATTEMPTS; attempt++) {
        if (attempt > 1) await sleep(retryMs);
        const body = await get('/iserver/marketdata/snapshot', query);
        const snapshot = parseSnapshot(body, conid, symbol, options.clock.nowNs());
        if (snapshot) return snapshot;
      }
      throw client.error(
        'UPSTREAM_ERROR',
        `snapshot for ${symbol} (conid ${conid}) still had no fields after ${IBKR_SNAPSHOT_ATTEMPTS} tries: ` +
          'check the market-data subscriptions of the logged-in account',
      );
    },
  };

  const bars: SourceOperation<BarsParams, BarSeries> = {
    description: 'Historical OHLCV bars (period 1d, bar 1min by default) for a symbol',
    dataType: 'bar',
    params: barsParams,
    keySymbol: (params) => params.symbol,
    pointInTime: {
      safe: true,
      note: 'Given asOf, only bars that had closed by then are returned (bar start t + barLength <= asOf).',
    },
    run: async ({ symbol, period, bar, outsideRth }, ctx) => {
      const conid = await conidOf(symbol);
      const body = await get('/iserver/marketdata/history', { conid, period, bar, outsideRth });
      return parseHistory(body, symbol, bar, ctx.asOfNs);
    },
  };

  return {
    name: 'ibkr',
    title: 'Interactive Brokers Client Portal Web API',
    hosts: IBKR_HOSTS,
    limiter,
    operations: { quote, bars },
    close: async () => {
      limiter.close();
      client.close();
    },
  };
}

/** Adds what to do to the errors the gateway gives most often. */
function explain(error: unknown): unknown {
  if (!(error instanceof NautilusError)) return error;
  const hint =
    error.code === 'UPSTREAM_AUTH'
      ? 'the gateway session is not logged in: log in to the Client Portal gateway (open it in a ' +
        'browser) and keep the session alive with POST /tickle or the stream keep-alive'
      : error.code === 'UPSTREAM_RATE_LIMITED'
        ? 'IBKR allows 10 requests/s through the gateway and puts offenders in a 10-minute penalty box'
        : undefined;
  if (!hint) return error;
  return new NautilusError(error.code, `${error.message} (${hint})`, {
    cause: error,
    details: error.details,
  });
}
