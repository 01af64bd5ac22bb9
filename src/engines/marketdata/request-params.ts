import { NautilusError } from '../../core/errors.ts';
import { bigintAsText, type Nanos, parseNanos } from '../../domain/time.ts';
import type { FetchRequest } from '../../marketdata/hub/market-data-hub.ts';

/** `asOf` as integer ns or an ISO date/time (UTC unless it carries an offset). */
export function parseAsOf(value: unknown): Nanos | undefined {
  if (value === undefined || value === '') return undefined;
  if (
    typeof value === 'bigint' ||
    (typeof value === 'string' && /^\d+$/.test(value)) ||
    typeof value === 'number'
  )
    return parseNanos(value);
  const text = String(value);
  const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : text);
  if (Number.isNaN(ms))
    throw new NautilusError(
      'BAD_REQUEST',
      `asOf: expected integer ns or an ISO date/time, got ${JSON.stringify(text)}`,
    );
  return BigInt(ms) * 1_000_000n;
}

function flag(value: unknown): boolean {
  return value === true || value === 'true' || value === '1';
}

/** Splits hub controls (asOf, allowLookahead) from the operation's own params. */
export function fetchRequestOf(
  source: string,
  operation: string,
  query: Record<string, unknown>,
  extra: Record<string, unknown> = {},
): FetchRequest {
  const { asOf, allowLookahead, ...params } = query;
  return {
    source,
    operation,
    params: { ...params, ...extra },
    asOfNs: parseAsOf(asOf),
    allowLookahead: flag(allowLookahead),
  };
}

/** A bus request body: `{source, operation, params, asOfNs?, allowLookahead?}`, checked field by field. */
export function fetchRequestFromBody(body: unknown): FetchRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new NautilusError('BAD_REQUEST', 'fetch: body must be an object {source, operation, params}');
  const { source, operation, params, asOfNs, allowLookahead } = body as Record<string, unknown>;
  if (typeof source !== 'string' || typeof operation !== 'string')
    throw new NautilusError('BAD_REQUEST', 'fetch: source and operation must be strings');
  if (params !== undefined && (typeof params !== 'object' || params === null || Array.isArray(params)))
    throw new NautilusError('BAD_REQUEST', 'fetch: params must be an object');
  return {
    source,
    operation,
    params: params as Record<string, unknown> | undefined,
    asOfNs: parseAsOf(asOfNs),
    allowLookahead: flag(allowLookahead),
  };
}

/** JSON with bigint ns as decimal strings (the wire form of timestamps everywhere). */
export function toJson(value: unknown): string {
  return JSON.stringify(value, bigintAsText);
}
