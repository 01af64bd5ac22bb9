import { z } from 'zod';
import { NautilusError } from '../../../core/errors.ts';
import type { DataSource, PointInTime, SourceOperation, SourceRateLimit } from '../source.ts';
import { type QueryValue, type SourceHttpClient, upstreamReplyOf } from '../source-http-client.ts';
import { type SourceOptions, sourceKit } from '../source-kit.ts';
import type { DatasetSearch, DatasetSummary } from '../source-types.ts';
import { parseDataset, parseSearch } from './datagov-parse.ts';

export const DATAGOV_HOSTS = ['catalog.data.gov'] as const;
export const DATAGOV_DEFAULT_BASE_URL = 'https://catalog.data.gov';
/** Optional: an api.data.gov key raises the limits; sent as the X-Api-Key header. */
export const DATAGOV_API_KEY_ENV = 'DATAGOV_API_KEY';
export const DATAGOV_RATE_LIMIT: SourceRateLimit = {
  capacity: 10,
  refillPerSecond: 1000 / 3600,
  published: 'api.data.gov default: 1,000 requests per hour per API key (rolling)',
};

const SOURCE = 'datagov';

const searchParams = z.strictObject({
  q: z.string().trim().min(1),
  rows: z.coerce.number().int().min(1).max(1000).default(10),
  start: z.coerce.number().int().min(0).default(0),
  // A slug only, so it cannot smuggle Solr syntax into fq.
  organization: z
    .string()
    .trim()
    .regex(/^[a-z0-9_-]+$/, 'expected an organization slug such as "bls-gov"')
    .optional(),
});
const datasetParams = z.strictObject({ id: z.string().trim().min(1) });

const UNVERSIONED: PointInTime = {
  safe: false,
  note: 'catalog metadata (titles, resources, metadata_modified) is the current record, not versioned: a past search cannot be reproduced',
};

export function createDatagovSource(options: SourceOptions): DataSource {
  const headers = options.apiKey ? { 'x-api-key': options.apiKey } : undefined;
  const { client, limiter } = sourceKit(
    { name: SOURCE, baseUrl: DATAGOV_DEFAULT_BASE_URL, rateLimit: DATAGOV_RATE_LIMIT, headers },
    options,
  );

  // Catalog entries are statistical datasets (BLS, Census, BEA, ...): the closest data type is
  // 'economic'; 'news' and 'fundamentals' describe company or market items, which these are not.
  const search: SourceOperation<z.output<typeof searchParams>, DatasetSearch> = {
    description: 'Search the data.gov CKAN catalog (package_search), optionally within one organization',
    dataType: 'economic',
    params: searchParams,
    keySymbol: (params) => params.q,
    pointInTime: UNVERSIONED,
    run: async (params) => {
      const what = `search ${JSON.stringify(params.q)}`;
      const query = {
        q: params.q,
        rows: params.rows,
        start: params.start,
        fq: params.organization ? `organization:${params.organization}` : undefined,
      };
      return parseSearch(await get(client, '/api/3/action/package_search', query, what), what);
    },
  };

  const dataset: SourceOperation<z.output<typeof datasetParams>, DatasetSummary> = {
    description: 'One data.gov dataset (package_show) by id or name, with its downloadable resources',
    dataType: 'economic',
    params: datasetParams,
    keySymbol: (params) => params.id,
    pointInTime: UNVERSIONED,
    run: async (params) => {
      const what = `dataset ${params.id}`;
      return parseDataset(await get(client, '/api/3/action/package_show', { id: params.id }, what), what);
    },
  };

  return {
    name: SOURCE,
    title: 'Data.gov catalog (CKAN)',
    hosts: DATAGOV_HOSTS,
    limiter,
    operations: { search, dataset },
    close: async () => {
      limiter.close();
      client.close();
    },
  };
}

/** CKAN answers errors with HTTP 404/409 plus a JSON body; api.data.gov with 403/429. */
async function get(
  client: SourceHttpClient,
  path: string,
  query: Record<string, QueryValue>,
  what: string,
): Promise<unknown> {
  try {
    return await client.json(path, { query });
  } catch (error) {
    if (!(error instanceof NautilusError)) throw error;
    const upstream = upstreamReplyOf(error);
    const reply = upstream ? `HTTP ${upstream.status}: ${upstream.body}` : error.message;
    if (error.code === 'NOT_FOUND')
      throw client.error('NOT_FOUND', `${what}: not found in the catalog (${reply})`);
    if (upstream?.status === 409)
      throw client.error('BAD_REQUEST', `${what}: the catalog rejected the request (${reply})`);
    if (error.code === 'UPSTREAM_AUTH')
      throw client.error(
        'UPSTREAM_AUTH',
        `${what}: api.data.gov refused the key (${reply}); check ${DATAGOV_API_KEY_ENV} or leave it unset`,
      );
    throw error;
  }
}
