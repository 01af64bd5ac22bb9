import { RingBuffer } from './ring-buffer.ts';

/**
 * Volume by price bucket over the last `window` bars: a bar's volume goes to the bucket of its
 * typical price (H + L + C) / 3, bucket index floor(price / width). Adding a bar and evicting the
 * oldest are O(1); reading the profile is O(buckets), at most `window` of them.
 */
export class RollingVolumeProfile {
  private readonly bucketOf: RingBuffer;
  private readonly volumeOf: RingBuffer;
  private readonly volumes = new Map<number, number>();
  /** Bars per bucket in the window: a bucket leaves the map when its last bar does. */
  private readonly bars = new Map<number, number>();

  constructor(
    readonly window: number,
    readonly bucketWidth: number,
  ) {
    if (!(bucketWidth > 0))
      throw new RangeError(`volume profile bucket width must be > 0, got ${bucketWidth}`);
    this.bucketOf = new RingBuffer(window);
    this.volumeOf = new RingBuffer(window);
  }

  update(bar: { high: number; low: number; close: number; volume: number }): void {
    const bucket = Math.floor((bar.high + bar.low + bar.close) / 3 / this.bucketWidth);
    const oldBucket = this.bucketOf.push(bucket);
    const oldVolume = this.volumeOf.push(bar.volume);
    this.volumes.set(bucket, (this.volumes.get(bucket) ?? 0) + bar.volume);
    this.bars.set(bucket, (this.bars.get(bucket) ?? 0) + 1);
    if (oldBucket === undefined) return;
    const left = this.bars.get(oldBucket)! - 1;
    if (left === 0) {
      this.bars.delete(oldBucket);
      this.volumes.delete(oldBucket);
    } else {
      this.bars.set(oldBucket, left);
      this.volumes.set(oldBucket, this.volumes.get(oldBucket)! - oldVolume!);
    }
  }

  /** [bucket low price, volume] ascending by price. */
  buckets(): Array<[price: number, volume: number]> {
    return [...this.volumes.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([bucket, volume]) => [bucket * this.bucketWidth, volume]);
  }

  /** Point of control: the middle of the bucket with the most volume (lowest price on ties); NaN when empty. */
  pointOfControl(): number {
    let best: number | undefined;
    let bestVolume = -1;
    for (const [bucket, volume] of this.volumes)
      if (volume > bestVolume || (volume === bestVolume && bucket < best!)) {
        best = bucket;
        bestVolume = volume;
      }
    return best === undefined ? Number.NaN : (best + 0.5) * this.bucketWidth;
  }
}
