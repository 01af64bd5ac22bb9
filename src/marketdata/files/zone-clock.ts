import type { WallClockToUtc } from './exact-time.ts';

const MS_PER_HOUR = 3_600_000;

/**
 * Converts wall-clock times of an IANA zone to UTC with the platform's tz database (Intl), DST-aware.
 * Ambiguous times (the repeated hour when clocks fall back) resolve to the earlier instant; times in
 * the spring-forward gap do not exist and resolve to undefined.
 */
export class ZoneClock {
  readonly #format: Intl.DateTimeFormat;
  /** Offsets per local hour: formatToParts is slow, and real zones change offset on whole hours. */
  readonly #offsetByLocalHour = new Map<number, number | null>();

  constructor(readonly zone: string) {
    // Throws a RangeError for an unknown zone, so a bad option fails before any row is read.
    this.#format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  }

  readonly toUtc: WallClockToUtc = (wallClockMs) => {
    const hour = Math.floor(wallClockMs / MS_PER_HOUR);
    let offset = this.#offsetByLocalHour.get(hour);
    if (offset === undefined) {
      offset = this.#resolveOffset(hour * MS_PER_HOUR);
      this.#offsetByLocalHour.set(hour, offset);
    }
    return offset === null ? undefined : wallClockMs - offset;
  };

  /** The zone's UTC offset (ms, east positive) at an instant. */
  offsetAt(utcMs: number): number {
    const parts: Record<string, number> = {};
    for (const part of this.#format.formatToParts(new Date(utcMs))) parts[part.type] = Number(part.value);
    const wallClock = Date.UTC(
      parts.year!,
      parts.month! - 1,
      parts.day!,
      parts.hour!,
      parts.minute!,
      parts.second!,
    );
    return wallClock - Math.floor(utcMs / 1000) * 1000;
  }

  #resolveOffset(wallClockMs: number): number | null {
    const guess = this.offsetAt(wallClockMs);
    const actual = this.offsetAt(wallClockMs - guess);
    if (actual === guess) return guess;
    return this.offsetAt(wallClockMs - actual) === actual ? actual : null;
  }
}
