import type { Nanos } from '../../domain/time.ts';

/** One completed volume bucket (or, for the time clock, one interval). */
export interface VpinBucket {
  /** 1-based count of buckets so far. */
  index: number;
  /** Event time of the observation that completed it. */
  endNs: Nanos;
  buyVolume: number;
  sellVolume: number;
  /** |V_buy − V_sell|. */
  imbalance: number;
  /**
   * Σ imbalance / Σ volume over the last min(index, n) buckets; for the volume clock that is
   * Σ imbalance / (k·V). Only when `full` (k = n) is it VPIN as the paper defines it.
   */
  vpin: number;
  full: boolean;
}

export type BucketSink = (bucket: VpinBucket) => void;

/**
 * A bucket counts as full when its volume is within V·1e-12 of V: summed float volumes that
 * should land exactly on a boundary (e.g. V = total / k) may fall short by a rounding error.
 */
export const BOUNDARY_TOLERANCE = 1e-12;

export function checkWindow(window: number): void {
  if (!Number.isInteger(window) || window < 1)
    throw new RangeError(`window must be an integer >= 1, got ${window}`);
}

/**
 * VPIN on the volume clock (Easley, López de Prado, O'Hara 2012): classified volume fills buckets
 * of exactly V; an observation that crosses a boundary is split pro rata (its buy share applies
 * to each piece), so a bar may complete several buckets. VPIN = Σ_{last n} |V_buy − V_sell| / (n·V).
 * Each observation is O(1) amortised and allocates nothing until a bucket completes; the window
 * sum is recomputed from its ring whenever the ring wraps, so rounding drift stays bounded.
 */
export class VolumeClockVpin {
  private readonly imbalances: Float64Array;
  private head = 0;
  private count = 0;
  private windowSum = 0;
  private filled = 0;
  private buy = 0;
  private index = 0;

  constructor(
    readonly bucketVolume: number,
    readonly window: number,
    private readonly sink: BucketSink,
  ) {
    if (!(bucketVolume > 0 && bucketVolume < Number.POSITIVE_INFINITY))
      throw new RangeError(`bucket volume must be a positive number, got ${bucketVolume}`);
    checkWindow(window);
    this.imbalances = new Float64Array(window);
  }

  /** Adds `volume` with buy share `buyFraction`, observed at `timeNs`. */
  add(volume: number, buyFraction: number, timeNs: Nanos): void {
    if (!(volume >= 0 && volume < Number.POSITIVE_INFINITY))
      throw new RangeError(`volume must be a finite number >= 0, got ${volume}`);
    let rest = volume;
    const slack = this.bucketVolume * BOUNDARY_TOLERANCE;
    while (rest > 0) {
      const room = this.bucketVolume - this.filled;
      if (rest < room - slack) {
        this.filled += rest;
        this.buy += rest * buyFraction;
        return;
      }
      this.buy += room * buyFraction;
      rest -= room;
      this.complete(timeNs);
    }
  }

  /** Volume in the bucket being filled. */
  get pendingVolume(): number {
    return this.filled;
  }

  private complete(timeNs: Nanos): void {
    const v = this.bucketVolume;
    const buy = this.buy;
    const imbalance = Math.abs(2 * buy - v);
    const ring = this.imbalances;
    if (this.count === ring.length) this.windowSum -= ring[this.head]!;
    else this.count++;
    ring[this.head] = imbalance;
    this.windowSum += imbalance;
    if (++this.head === ring.length) {
      this.head = 0;
      let sum = 0;
      for (let i = 0; i < ring.length; i++) sum += ring[i]!;
      this.windowSum = sum;
    }
    this.filled = 0;
    this.buy = 0;
    this.index++;
    this.sink({
      index: this.index,
      endNs: timeNs,
      buyVolume: buy,
      sellVolume: v - buy,
      imbalance,
      vpin: clamp01(this.windowSum / (this.count * v)),
      full: this.count === ring.length,
    });
  }
}

/** Rounding may leave a ratio a hair outside [0, 1]; VPIN is a probability. */
export function clamp01(x: number): number {
  return Math.min(1, Math.max(0, x));
}
