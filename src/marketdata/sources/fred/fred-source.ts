import { z } from 'zod';
import type { DataSource, SourceOperation, SourceRateLimit } from '../source.ts';
import type { QueryValue } from '../source-http-client.ts';
import { requireCredential, type SourceOptions, sourceKit } from '../source-kit.ts';
import { dateToNs, type EconomicSeries } from '../source-types.ts';
import {
  type FredVintages,
  fredProblem,
  fredVintageDay,
  parseFredObservations,
  parseFredSeriesInfo,
  parseFredVintageDates,
} from './fred-parse.ts';

const NAME = 'fred';

export const FRED_HOSTS = ['api.stlouisfed.org'] as const;
export const FRED_DEFAULT_BASE_URL = 'https://api.stlouisfed.org';
export const FRED_API_KEY_ENV = 'FRED_API_KEY';

/** A small burst at 2/s keeps well inside the documented 120 per minute. */
export const FRED_RATE_LIMIT: SourceRateLimit = {
  capacity: 10,
  refillPerSecond: 2,
  published:
    'FRED API: 120 requests per minute per API key; beyond it HTTP 429 "Too Many Requests. Exceeded Rate Limit".',
};

const seriesId = z.string().trim().min(1);
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');

const seriesParams = z.strictObject({
  id: seriesId,
  observationStart: date.optional(),
  observationEnd: date.optional(),
});
const vintagesParams = z.strictObject({ id: seriesId });

type SeriesParams = z.infer<typeof seriesParams>;
type VintagesParams = z.infer<typeof vintagesParams>;

export function createFredSource(options: SourceOptions): DataSource {
  const { client, limiter } = sourceKit(
    { name: NAME, baseUrl: FRED_DEFAULT_BASE_URL, rateLimit: FRED_RATE_LIMIT },
    options,
  );

  /** FRED answers an unknown series and a bad key alike with HTTP 400: its body tells them apart. */
  const get = async (path: string, query: Record<string, QueryValue>, what: string): Promise<unknown> => {
    const apiKey = requireCredential(NAME, options.apiKey, FRED_API_KEY_ENV);
    const result = await client.request(path, {
      query: { ...query, api_key: apiKey, file_type: 'json' },
      acceptStatus: (status) => status === 400 || status === 429,
    });
    let body: unknown;
    try {
      body = JSON.parse(result.body);
    } catch {
      body = undefined;
    }
    const problem = fredProblem(body);
    if (problem) throw client.error(problem.code, `${what}: ${problem.message}`);
    if (result.status === 429)
      throw client.error('UPSTREAM_RATE_LIMITED', `${what}: rate limited (HTTP 429)`);
    if (result.status === 400) throw client.error('BAD_REQUEST', `${what}: rejected (HTTP 400)`);
    if (body === undefined) throw client.error('UPSTREAM_ERROR', `${what}: response is not JSON`);
    return body;
  };

  const series: SourceOperation<SeriesParams, EconomicSeries> = {
    description: 'Observations of a FRED series with title/frequency/units; as of an instant via ALFRED',
    dataType: 'economic',
    params: seriesParams,
    keySymbol: (params) => params.id,
    pointInTime: {
      safe: true,
      note:
        'As of an instant, asks ALFRED for the vintage of the last whole St. Louis day before it ' +
        '(realtime_start = realtime_end), so later revisions and releases are never seen',
    },
    run: async (params, ctx) => {
      const vintage = ctx.asOfNs === undefined ? undefined : fredVintageDay(ctx.asOfNs);
      const realtime = { realtime_start: vintage, realtime_end: vintage };
      const what = `series ${params.id}`;
      const info = parseFredSeriesInfo(
        await get('/fred/series', { series_id: params.id, ...realtime }, what),
        params.id,
      );
      const observations = parseFredObservations(
        await get(
          '/fred/series/observations',
          {
            series_id: params.id,
            observation_start: params.observationStart,
            observation_end: params.observationEnd,
            ...realtime,
          },
          what,
        ),
        params.id,
      );
      if (vintage === undefined) return { source: NAME, id: params.id, ...info, observations };
      // FRED already answers for that vintage; the filter guards against a reply that did not.
      const vintageNs = dateToNs(vintage);
      return {
        source: NAME,
        id: params.id,
        ...info,
        asOfNs: ctx.asOfNs,
        observations: observations.filter((row) => (row.realtimeStartNs ?? 0n) <= vintageNs),
      };
    },
  };

  const vintages: SourceOperation<VintagesParams, FredVintages> = {
    description: 'The ALFRED vintage dates (revision days) of a FRED series',
    dataType: 'economic',
    params: vintagesParams,
    keySymbol: (params) => params.id,
    pointInTime: { safe: true, note: 'As of an instant, only vintages dated before its St. Louis day' },
    run: async (params, ctx) => {
      const vintage = ctx.asOfNs === undefined ? undefined : fredVintageDay(ctx.asOfNs);
      const body = await get(
        '/fred/series/vintagedates',
        { series_id: params.id, realtime_end: vintage },
        `vintages ${params.id}`,
      );
      const dates = parseFredVintageDates(body, params.id);
      const limitNs = vintage === undefined ? undefined : dateToNs(vintage);
      return {
        source: NAME,
        id: params.id,
        vintageDatesNs: limitNs === undefined ? dates : dates.filter((ns) => ns <= limitNs),
      };
    },
  };

  return {
    name: NAME,
    title: 'FRED / ALFRED (Federal Reserve Bank of St. Louis)',
    hosts: FRED_HOSTS,
    limiter,
    operations: { series, vintages },
    close: async () => {
      limiter.close();
      client.close();
    },
  };
}
