import { type Nanos, NS_PER_MS } from '../../domain/time.ts';
import type { TimeFormat } from './file-record.ts';

const ISO_LIKE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/;
const EPOCH = /^(\d+)(?:\.(\d+))?$/;
const EPOCH_FRACTION_DIGITS: Record<Exclude<TimeFormat, 'iso'>, number> = {
  'epoch-s': 9,
  'epoch-ms': 6,
  'epoch-us': 3,
  'epoch-ns': 0,
};

/** Maps a zone-less wall-clock time (as UTC ms) to UTC ms; undefined when the zone skips that time. */
export type WallClockToUtc = (wallClockMs: number) => number | undefined;

const utcWallClock: WallClockToUtc = (ms) => ms;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** As `new Date(Date.UTC(year, month, 0)).getUTCDate()`, which reads years 0-99 as 1900-1999. */
function daysInMonth(year: number, month: number): number {
  if (month !== 2) return DAYS_IN_MONTH[month - 1]!;
  const y = year < 100 ? year + 1900 : year;
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
}

/**
 * Parses `YYYY-MM-DD[( |T)hh:mm[:ss[.f{1,9}]]][Z|±hh[:mm]]` to exact ns. The fraction goes straight
 * into the bigint, never through float ms. Throws a RangeError naming what is wrong.
 */
export function parseIsoNanos(text: string, toUtc: WallClockToUtc = utcWallClock): Nanos {
  const m = ISO_LIKE.exec(text.trim());
  if (m === null) throw new RangeError(`unparsable time ${JSON.stringify(text)}`);
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = Number(m[4] ?? 0);
  const minute = Number(m[5] ?? 0);
  const second = Number(m[6] ?? 0);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59) {
    throw new RangeError(`invalid date or time ${JSON.stringify(text)}`);
  }
  if (second > 59) throw new RangeError(`invalid seconds in ${JSON.stringify(text)}`);
  const wallClockMs = Date.UTC(year, month - 1, day, hour, minute, second);
  const zone = m[8];
  const utcMs = zone === undefined ? toUtc(wallClockMs) : wallClockMs - offsetMs(zone);
  if (utcMs === undefined)
    throw new RangeError(`local time ${JSON.stringify(text)} does not exist (DST gap)`);
  const fraction = m[7];
  if (fraction === undefined) return BigInt(utcMs) * NS_PER_MS;
  return BigInt(utcMs) * NS_PER_MS + BigInt(fraction.padEnd(9, '0'));
}

function offsetMs(zone: string): number {
  if (zone === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2) || '0');
  return sign * (hours * 60 + minutes) * 60_000;
}

/** Parses an unsigned epoch count (an optional decimal fraction is kept exactly down to 1 ns). */
export function parseEpochNanos(text: string, format: Exclude<TimeFormat, 'iso'>): Nanos {
  const m = EPOCH.exec(text.trim());
  if (m === null) throw new RangeError(`unparsable ${format} time ${JSON.stringify(text)}`);
  const digits = EPOCH_FRACTION_DIGITS[format];
  const fraction = m[2] ?? '';
  if (fraction.length > digits)
    throw new RangeError(`${format} time finer than 1 ns: ${JSON.stringify(text)}`);
  return BigInt(m[1]!) * 10n ** BigInt(digits) + BigInt(fraction.padEnd(digits, '0') || '0');
}

/** A Parquet or JSON number/bigint epoch value in the given unit. */
export function epochValueToNanos(value: number | bigint, format: Exclude<TimeFormat, 'iso'>): Nanos {
  if (typeof value === 'number') return parseEpochNanos(String(value), format);
  return value * 10n ** BigInt(EPOCH_FRACTION_DIGITS[format]);
}
