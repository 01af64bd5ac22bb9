import type { Nanos } from '../../domain/time.ts';

const NS_PER_DAY = 86_400_000_000_000n;

/**
 * Average daily volume of a series: total volume / number of distinct UTC calendar days that have
 * data. Counting days with data (not the calendar span) keeps weekends and holidays out of a
 * stock's or future's average.
 */
export function averageDailyVolume(times: readonly Nanos[], volumes: ArrayLike<number>): number {
  const days = new Set<bigint>();
  let total = 0;
  for (let i = 0; i < times.length; i++) {
    days.add(times[i]! / NS_PER_DAY);
    total += volumes[i]!;
  }
  return days.size === 0 ? 0 : total / days.size;
}

/**
 * Bucket size for a live feed, where the daily volume is not known in advance: volume seen over
 * the first `warmupNs` of event time gives a volume rate, and V = rate × `bucketNs`, so a bucket
 * fills in about `bucketNs` of typical activity (the live analogue of ADV / buckets-per-day).
 */
export class WarmupBucketSize {
  private startNs: Nanos | undefined;
  private volume = 0;

  constructor(
    private readonly warmupNs: Nanos,
    private readonly bucketNs: Nanos,
  ) {
    if (warmupNs <= 0n || bucketNs <= 0n) throw new RangeError('warm-up and bucket durations must be > 0');
  }

  /**
   * Counts `volume` observed over [startNs, endNs] (a bar's span, or a trade's instant); returns
   * V once the warm-up spans `warmupNs` with some volume, else undefined.
   */
  observe(volume: number, startNs: Nanos, endNs: Nanos): number | undefined {
    this.startNs ??= startNs;
    this.volume += volume;
    const elapsed = endNs - this.startNs;
    if (elapsed < this.warmupNs || this.volume <= 0) return undefined;
    return (this.volume * Number(this.bucketNs)) / Number(elapsed);
  }
}
