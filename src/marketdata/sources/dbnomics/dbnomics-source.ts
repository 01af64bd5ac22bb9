import { z } from 'zod';
import { NautilusError } from '../../../core/errors.ts';
import type { DataSource, SourceOperation, SourceRateLimit } from '../source.ts';
import { type SourceOptions, sourceKit } from '../source-kit.ts';
import type { EconomicSeries } from '../source-types.ts';
import { parseSeries, SERIES_ID, SERIES_ID_HINT, splitSeriesId } from './dbnomics-parse.ts';

export const DBNOMICS_HOSTS = ['api.db.nomics.world'] as const;
export const DBNOMICS_DEFAULT_BASE_URL = 'https://api.db.nomics.world/v22';
export const DBNOMICS_RATE_LIMIT: SourceRateLimit = {
  capacity: 5,
  refillPerSecond: 5,
  published: 'DBnomics publishes no rate limit; Nautilus stays polite at 5 requests/second',
};

const SOURCE = 'dbnomics';

const seriesParams = z.strictObject({ id: z.string().trim().regex(SERIES_ID, SERIES_ID_HINT) });

export function createDbnomicsSource(options: SourceOptions): DataSource {
  const { client, limiter } = sourceKit(
    { name: SOURCE, baseUrl: DBNOMICS_DEFAULT_BASE_URL, rateLimit: DBNOMICS_RATE_LIMIT },
    options,
  );

  const series: SourceOperation<z.output<typeof seriesParams>, EconomicSeries> = {
    description:
      'Observations of one DBnomics series, id PROVIDER/DATASET/SERIES (e.g. AMECO/ZUTN/EA19.1.0.0.0.ZUTN)',
    dataType: 'economic',
    params: seriesParams,
    keySymbol: (params) => params.id,
    pointInTime: {
      safe: false,
      note: 'the series endpoint serves only the latest revision (no vintages): a backtest would see later revisions',
    },
    run: async (params) => {
      // Checked again here so a caller that skipped params.parse still gets BAD_REQUEST, not a request.
      const { provider, dataset, series: code } = splitSeriesId(params.id);
      const path = `/series/${[provider, dataset, code].map(encodeURIComponent).join('/')}`;
      try {
        return parseSeries(
          await client.json(path, { query: { observations: 1, format: 'json' } }),
          params.id,
        );
      } catch (error) {
        if (
          error instanceof NautilusError &&
          error.code === 'NOT_FOUND' &&
          error.message.includes('HTTP 404')
        )
          throw client.error('NOT_FOUND', `series ${params.id} not found (HTTP 404)`);
        throw error;
      }
    },
  };

  return {
    name: SOURCE,
    title: 'DBnomics (economic series from many statistical agencies)',
    hosts: DBNOMICS_HOSTS,
    limiter,
    operations: { series },
    close: async () => {
      limiter.close();
      client.close();
    },
  };
}
