import { z } from 'zod';
import { NautilusError } from '../../../core/errors.ts';
import { dateToNs, type EconomicSeries } from '../source-types.ts';

const SOURCE = 'dbnomics';

export interface SeriesId {
  provider: string;
  dataset: string;
  series: string;
}

/** PROVIDER/DATASET/SERIES; the series code may contain dots (EA19.1.0.0.0.ZUTN) but no slash. */
export const SERIES_ID = /^([^/\s]+)\/([^/\s]+)\/([^/\s](?:[^/]*[^/\s])?)$/;
export const SERIES_ID_HINT = 'expected PROVIDER/DATASET/SERIES, e.g. AMECO/ZUTN/EA19.1.0.0.0.ZUTN';

export function splitSeriesId(id: string): SeriesId {
  const match = SERIES_ID.exec(id);
  if (!match)
    throw new NautilusError(
      'BAD_REQUEST',
      `${SOURCE}: bad series id ${JSON.stringify(id)}: ${SERIES_ID_HINT}`,
    );
  return { provider: match[1]!, dataset: match[2]!, series: match[3]! };
}

const doc = z.looseObject({
  '@frequency': z.string().nullish(),
  provider_code: z.string(),
  dataset_code: z.string(),
  series_code: z.string(),
  series_name: z.string().nullish(),
  period: z.array(z.string()),
  period_start_day: z.array(z.string()),
  // DBnomics writes missing observations as the string "NA".
  value: z.array(z.union([z.number(), z.literal('NA'), z.null()])),
});
const reply = z.looseObject({
  series: z.looseObject({ docs: z.array(doc), num_found: z.number().int().nonnegative() }),
});

/** /series/<p>/<d>/<s>?observations=1 -> EconomicSeries; no document means no such series. */
export function parseSeries(json: unknown, id: string): EconomicSeries {
  const result = reply.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new NautilusError(
      'UPSTREAM_ERROR',
      `${SOURCE}: unexpected series ${id} response at ${issue?.path.join('.') || '(root)'}: ${issue?.message}`,
    );
  }
  const first = result.data.series.docs[0];
  if (result.data.series.num_found === 0 || !first)
    throw new NautilusError('NOT_FOUND', `${SOURCE}: series ${id} not found`);
  const count = first.period.length;
  if (first.period_start_day.length !== count || first.value.length !== count)
    throw new NautilusError(
      'UPSTREAM_ERROR',
      `${SOURCE}: series ${id}: period (${count}), period_start_day (${first.period_start_day.length}) and value (${first.value.length}) differ in length`,
    );
  return {
    source: SOURCE,
    id: `${first.provider_code}/${first.dataset_code}/${first.series_code}`,
    ...(first.series_name ? { title: first.series_name } : {}),
    ...(first['@frequency'] ? { frequency: first['@frequency'] } : {}),
    observations: first.period_start_day.map((day, i) => {
      const value = first.value[i];
      return {
        periodNs: dayToNs(day, `series ${id} period_start_day[${i}]`),
        value: typeof value === 'number' ? value : null,
      };
    }),
  };
}

function dayToNs(day: string, what: string): bigint {
  try {
    return dateToNs(day, what);
  } catch (error) {
    throw new NautilusError('UPSTREAM_ERROR', `${SOURCE}: ${(error as Error).message}`);
  }
}
