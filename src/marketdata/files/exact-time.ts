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
  const fast = fastIsoNanos(text, 0, text.length, toUtc);
  return fast === undefined ? parseIsoNanosSlow(text, toUtc) : fast;
}

const MS_PER_DAY = 86_400_000;
const FRACTION_SCALE = [1, 1e8, 1e7, 1e6, 1e5, 1e4, 1e3, 100, 10, 1];

/** Digit value at `i`, or -1 when it is not an ASCII digit (as `\d` without the u flag). */
function digitAt(text: string, i: number): number {
  const d = text.charCodeAt(i) - 48;
  return d >= 0 && d <= 9 ? d : -1;
}

function twoDigits(text: string, i: number): number {
  const a = digitAt(text, i);
  const b = digitAt(text, i + 1);
  return a < 0 || b < 0 ? -1 : a * 10 + b;
}

// The last calendar day converted with Date.UTC, and the last UTC day's bigint ns: consecutive
// rows of a file nearly always share both, so the per-row cost is digit arithmetic and one bigint add.
let lastDayKey = -1;
let lastDayMs = 0;
let lastUtcDayMs = Number.NaN;
let lastUtcDayNs = 0n;

/**
 * The common shapes `YYYY-MM-DD[( |T)hh:mm:ss[.f{1,9}]][Z|±hh[[:]mm]]` in `text[start, end)` by
 * char codes (no substring), with exactly the regex's result; undefined for anything else (other shapes, invalid values, surrounding
 * spaces), which the regex path then parses or rejects with its own message.
 */
export function fastIsoNanos(
  text: string,
  start: number,
  end: number,
  toUtc: WallClockToUtc,
): Nanos | undefined {
  const o = start;
  const length = end;
  if (length - o < 10 || text.charCodeAt(o + 4) !== 45 || text.charCodeAt(o + 7) !== 45) return undefined;
  const y0 = twoDigits(text, o);
  const y1 = twoDigits(text, o + 2);
  const month = twoDigits(text, o + 5);
  const day = twoDigits(text, o + 8);
  if (y0 < 0 || y1 < 0 || month < 1 || month > 12 || day < 1) return undefined;
  const year = y0 * 100 + y1;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let fractionNs = 0;
  let i = o + 10;
  if (i < length) {
    const sep = text.charCodeAt(i);
    if (sep !== 84 && sep !== 32) return undefined; // 'T' or ' ': other shapes take the regex path
    if (length - o < 19 || text.charCodeAt(o + 13) !== 58 || text.charCodeAt(o + 16) !== 58) return undefined;
    hour = twoDigits(text, o + 11);
    minute = twoDigits(text, o + 14);
    second = twoDigits(text, o + 17);
    if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return undefined;
    i = o + 19;
    if (i < length && text.charCodeAt(i) === 46) {
      let digits = 0;
      let fraction = 0;
      for (i++; i < length && digits < 10; i++, digits++) {
        const d = digitAt(text, i);
        if (d < 0) break;
        fraction = fraction * 10 + d;
      }
      if (digits < 1 || digits > 9) return undefined;
      fractionNs = fraction * FRACTION_SCALE[digits]!;
    }
  }
  let offsetMs: number | undefined;
  if (i < length) {
    const z = text.charCodeAt(i);
    if (z === 90) {
      if (i + 1 !== length) return undefined;
      offsetMs = 0;
    } else if (z === 43 || z === 45) {
      const hours = twoDigits(text, i + 1);
      if (hours < 0) return undefined;
      let minutes = 0;
      const rest = length - (i + 3);
      if (rest === 3 && text.charCodeAt(i + 3) === 58) minutes = twoDigits(text, i + 4);
      else if (rest === 2) minutes = twoDigits(text, i + 3);
      else if (rest !== 0) return undefined;
      if (minutes < 0) return undefined;
      offsetMs = (z === 45 ? -1 : 1) * (hours * 60 + minutes) * 60_000;
    } else return undefined;
  }
  const dayKey = year * 10_000 + month * 100 + day;
  if (dayKey !== lastDayKey) {
    if (day > daysInMonth(year, month)) return undefined;
    lastDayMs = Date.UTC(year, month - 1, day);
    lastDayKey = dayKey;
  }
  const wallClockMs = lastDayMs + hour * 3_600_000 + minute * 60_000 + second * 1000;
  const utcMs = offsetMs === undefined ? toUtc(wallClockMs) : wallClockMs - offsetMs;
  if (utcMs === undefined) return undefined;
  const utcDayMs = Math.floor(utcMs / MS_PER_DAY) * MS_PER_DAY;
  if (utcDayMs !== lastUtcDayMs) {
    lastUtcDayNs = BigInt(utcDayMs) * NS_PER_MS;
    lastUtcDayMs = utcDayMs;
  }
  // < 8.64e13: exact in a double.
  return lastUtcDayNs + BigInt((utcMs - utcDayMs) * 1_000_000 + fractionNs);
}

/** The general (regex) parse: the reference the fast path must agree with; exported for tests. */
export function parseIsoNanosSlow(text: string, toUtc: WallClockToUtc = utcWallClock): Nanos {
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
