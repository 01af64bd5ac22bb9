import { z } from 'zod';
import { type ErrorCode, NautilusError } from '../../../core/errors.ts';
import { type Nanos, NS_PER_MS } from '../../../domain/time.ts';
import { ZoneClock } from '../../files/zone-clock.ts';
import { dateToNs, type Observation } from '../source-types.ts';

const SOURCE = 'fred';
const MS_PER_DAY = 86_400_000;

/** The ALFRED vintage dates of a series: the days on which it was revised or extended. */
export interface FredVintages {
  source: string;
  id: string;
  vintageDatesNs: Nanos[];
}

export interface FredSeriesInfo {
  title: string;
  frequency: string;
  units: string;
}

/** FRED's error reply (HTTP 400/429): `{"error_code":400,"error_message":"Bad Request.  ..."}`. */
export function fredProblem(body: unknown): { code: ErrorCode; message: string } | undefined {
  const parsed = z.looseObject({ error_code: z.number(), error_message: z.string() }).safeParse(body);
  if (!parsed.success) return undefined;
  const message = parsed.data.error_message.replace(/\s+/g, ' ').trim();
  if (parsed.data.error_code === 429) return { code: 'UPSTREAM_RATE_LIMITED', message };
  if (/api_key/i.test(message)) return { code: 'UPSTREAM_AUTH', message };
  if (/does not exist/i.test(message)) return { code: 'NOT_FOUND', message };
  return { code: parsed.data.error_code === 400 ? 'BAD_REQUEST' : 'UPSTREAM_ERROR', message };
}

const day = z.string().transform((text, ctx) => {
  try {
    return dateToNs(text);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: (error as Error).message });
    return z.NEVER;
  }
});

/** FRED sends values as strings and "." where a period has no value. */
const value = z.string().transform((text, ctx) => {
  if (text === '.') return null;
  const number = Number(text);
  if (text.trim() === '' || !Number.isFinite(number)) {
    ctx.addIssue({ code: 'custom', message: `not a number: ${JSON.stringify(text)}` });
    return z.NEVER;
  }
  return number;
});

function parseWith<T>(schema: z.ZodType<T>, body: unknown, what: string): T {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.map(String).join('.') || '(root)';
  throw new NautilusError(
    'UPSTREAM_ERROR',
    `${SOURCE}: ${what}: malformed response at "${field}": ${issue?.message}`,
  );
}

/** fred/series: title, frequency and units of the one series asked for. */
export function parseFredSeriesInfo(body: unknown, id: string): FredSeriesInfo {
  const what = `series ${id}`;
  const { seriess } = parseWith(
    z.looseObject({
      seriess: z.array(
        z.looseObject({ id: z.string(), title: z.string(), frequency: z.string(), units: z.string() }),
      ),
    }),
    body,
    what,
  );
  const series = seriess[0];
  if (!series) throw new NautilusError('NOT_FOUND', `${SOURCE}: ${what}: no such series`);
  return { title: series.title, frequency: series.frequency, units: series.units };
}

/** fred/series/observations, each with the ALFRED real-time period in which it was the published value. */
export function parseFredObservations(body: unknown, id: string): Observation[] {
  const { observations } = parseWith(
    z.looseObject({
      observations: z.array(z.looseObject({ realtime_start: day, realtime_end: day, date: day, value })),
    }),
    body,
    `series ${id} observations`,
  );
  return observations.map((row) => ({
    periodNs: row.date,
    value: row.value,
    realtimeStartNs: row.realtime_start,
    realtimeEndNs: row.realtime_end,
  }));
}

/** fred/series/vintagedates. */
export function parseFredVintageDates(body: unknown, id: string): Nanos[] {
  return parseWith(z.looseObject({ vintage_dates: z.array(day) }), body, `vintages ${id}`).vintage_dates;
}

const chicago = new ZoneClock('America/Chicago');

/**
 * The latest ALFRED real-time date wholly known at `asOfNs`: the day before asOf's date in St. Louis
 * (Central) time. A vintage dated D may be published at any hour of D, so D itself could leak.
 */
export function fredVintageDay(asOfNs: Nanos): string {
  const utcMs = Number(asOfNs / NS_PER_MS);
  const localMs = utcMs + chicago.offsetAt(utcMs);
  return new Date(Math.floor(localMs / MS_PER_DAY) * MS_PER_DAY - MS_PER_DAY).toISOString().slice(0, 10);
}
