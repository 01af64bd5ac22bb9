import { z } from 'zod';
import { NautilusError } from '../../../core/errors.ts';
import type { Nanos } from '../../../domain/time.ts';
import type { DatasetSearch, DatasetSummary } from '../source-types.ts';

const SOURCE = 'datagov';

const resource = z.looseObject({
  name: z.string().nullish(),
  format: z.string().nullish(),
  url: z.string().nullish(),
});
const dataset = z.looseObject({
  id: z.string(),
  name: z.string(),
  title: z.string(),
  organization: z.looseObject({ name: z.string(), title: z.string().nullish() }).nullish(),
  metadata_modified: z.string().nullish(),
  resources: z.array(resource).default([]),
});
const searchResult = z.looseObject({ count: z.number().int().nonnegative(), results: z.array(dataset) });

/** CKAN's envelope: {help, success, result} or {help, success: false, error: {__type, message}}. */
const envelope = z.looseObject({
  success: z.boolean(),
  result: z.unknown().optional(),
  error: z.looseObject({ __type: z.string().optional(), message: z.string().optional() }).optional(),
});

/** package_search result -> DatasetSearch. */
export function parseSearch(json: unknown, what: string): DatasetSearch {
  const result = check(searchResult, unwrap(json, what), `package_search ${what}`);
  return { source: SOURCE, count: result.count, datasets: result.results.map(summary) };
}

/** package_show result -> DatasetSummary. */
export function parseDataset(json: unknown, what: string): DatasetSummary {
  return summary(check(dataset, unwrap(json, what), `package_show ${what}`));
}

/** The `result` of a successful CKAN reply; a `success: false` reply becomes a classified error. */
export function unwrap(json: unknown, what: string): unknown {
  const body = check(envelope, json, what);
  if (body.success) return body.result;
  throw ckanError(body.error?.__type, body.error?.message, what);
}

/** CKAN error types: "Not Found Error" -> NOT_FOUND, "Validation Error" -> BAD_REQUEST, ... */
export function ckanError(
  type: string | undefined,
  message: string | undefined,
  what: string,
): NautilusError {
  const detail = `${type ?? 'error'}: ${message ?? '(no message)'}`;
  if (type === 'Not Found Error') return new NautilusError('NOT_FOUND', `${SOURCE}: ${what}: ${detail}`);
  if (type === 'Validation Error') return new NautilusError('BAD_REQUEST', `${SOURCE}: ${what}: ${detail}`);
  if (type === 'Authorization Error')
    return new NautilusError('UPSTREAM_AUTH', `${SOURCE}: ${what}: ${detail}`);
  return new NautilusError('UPSTREAM_ERROR', `${SOURCE}: ${what}: ${detail}`);
}

function summary(item: z.output<typeof dataset>): DatasetSummary {
  return {
    id: item.id,
    name: item.name,
    title: item.title,
    ...(item.organization ? { organization: item.organization.title ?? item.organization.name } : {}),
    ...(item.metadata_modified ? { modifiedNs: ckanTimeToNs(item.metadata_modified, item.name) } : {}),
    resources: item.resources.map((r) => ({ name: r.name ?? '', format: r.format ?? '', url: r.url ?? '' })),
  };
}

/** CKAN timestamps are UTC without a zone, with microseconds: "2024-01-02T03:04:05.678901". */
export function ckanTimeToNs(text: string, dataset: string): Nanos {
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?Z?$/.exec(text);
  const ms = match ? Date.parse(`${match[1]}Z`) : Number.NaN;
  if (!match || Number.isNaN(ms))
    throw new NautilusError(
      'UPSTREAM_ERROR',
      `${SOURCE}: dataset ${dataset} metadata_modified is not a timestamp: ${JSON.stringify(text)}`,
    );
  return BigInt(ms) * 1_000_000n + BigInt((match[2] ?? '').padEnd(9, '0'));
}

function check<T>(schema: z.ZodType<T>, json: unknown, what: string): T {
  const result = schema.safeParse(json);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new NautilusError(
    'UPSTREAM_ERROR',
    `${SOURCE}: unexpected ${what} response at ${issue?.path.join('.') || '(root)'}: ${issue?.message}`,
  );
}
