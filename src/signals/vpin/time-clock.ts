import type { Nanos } from '../../domain/time.ts';
import { type BucketSink, checkWindow, clamp01 } from './volume-clock.ts';

/**
 * The time-clock variant: fixed time intervals instead of equal-volume buckets, with
 * VPIN_t = Σ_{last n intervals} |V_buy − V_sell| / Σ V. Quiet intervals weigh little, busy ones a
 * lot, which is what the volume clock achieves by construction; comparing both shows how much of
 * a toxicity reading comes from the clock. Intervals without volume are skipped.
 */
export class TimeClockVpin {
  private readonly imbalances: Float64Array;
  private readonly volumes: Float64Array;
  private head = 0;
  private count = 0;
  private imbalanceSum = 0;
  private volumeSum = 0;
  private volume = 0;
  private buy = 0;
  private index = 0;

  constructor(
    readonly window: number,
    private readonly sink: BucketSink,
  ) {
    checkWindow(window);
    this.imbalances = new Float64Array(window);
    this.volumes = new Float64Array(window);
  }

  add(volume: number, buyFraction: number): void {
    if (!(volume >= 0 && volume < Number.POSITIVE_INFINITY))
      throw new RangeError(`volume must be a finite number >= 0, got ${volume}`);
    this.volume += volume;
    this.buy += volume * buyFraction;
  }

  /** Ends the current interval at `endNs`. */
  close(endNs: Nanos): void {
    const { volume, buy } = this;
    if (volume === 0) return;
    this.volume = 0;
    this.buy = 0;
    const imbalance = Math.abs(2 * buy - volume);
    if (this.count === this.window) {
      this.imbalanceSum -= this.imbalances[this.head]!;
      this.volumeSum -= this.volumes[this.head]!;
    } else this.count++;
    this.imbalances[this.head] = imbalance;
    this.volumes[this.head] = volume;
    this.imbalanceSum += imbalance;
    this.volumeSum += volume;
    if (++this.head === this.window) {
      this.head = 0;
      this.resum();
    }
    this.index++;
    this.sink({
      index: this.index,
      endNs,
      buyVolume: buy,
      sellVolume: volume - buy,
      imbalance,
      vpin: clamp01(this.imbalanceSum / this.volumeSum),
      full: this.count === this.window,
    });
  }

  private resum(): void {
    let imbalances = 0;
    let volumes = 0;
    for (let i = 0; i < this.window; i++) {
      imbalances += this.imbalances[i]!;
      volumes += this.volumes[i]!;
    }
    this.imbalanceSum = imbalances;
    this.volumeSum = volumes;
  }
}
