import { describe, expect, it } from 'vitest';
import type { Nanos } from '../../domain/time.ts';
import { readMarketDataFile } from '../../marketdata/files/read-market-data-file.ts';
import { sharedData } from '../../testing/shared-data.ts';
import { averageDailyVolume } from './bucket-size.ts';
import { BvcClassifier } from './classifiers.ts';
import { normalCdf } from './distributions.ts';
import { SymbolVpin } from './symbol-vpin.ts';
import { VolumeClockVpin, type VpinBucket } from './volume-clock.ts';
import { type BarColumns, batchVpin } from './vpin-batch.ts';

const BTC = sharedData('btc-perp-20211231-20220201_1m.csv');

type Bars = BarColumns & { open: number[]; close: number[]; volume: number[]; endNs: Nanos[] };

async function loadBars(path: string): Promise<Bars> {
  const bars: Bars = {
    open: [],
    close: [],
    volume: [],
    endNs: [],
  };
  for await (const batch of readMarketDataFile(path).batches())
    for (const record of batch)
      if (record.kind === 'bar') {
        bars.open.push(record.open);
        bars.close.push(record.close);
        bars.volume.push(record.volume);
        bars.endNs.push(record.endNs);
      }
  return bars;
}

function incremental(
  bars: BarColumns,
  bucketVolume: number,
  window: number,
  sigmaWindow: number,
): VpinBucket[] {
  const out: VpinBucket[] = [];
  const bvc = new BvcClassifier(sigmaWindow);
  const vpin = new VolumeClockVpin(bucketVolume, window, (b) => out.push(b));
  for (let i = 0; i < bars.close.length; i++)
    vpin.add(bars.volume[i]!, bvc.buyFraction(bars.open[i]!, bars.close[i]!), bars.endNs[i]!);
  return out;
}

describe('batch VPIN', () => {
  it('reproduces the hand-computed buckets of a small bar series', () => {
    // open 100, closes 101, 100, 102, 102; σ window 3 -> buy shares 1/2, Φ(-1/√2), Φ(2/√(7/3)), 1/2
    const f1 = normalCdf(-1 / Math.SQRT2);
    const bars = {
      open: [100, 101, 100, 102],
      close: [101, 100, 102, 102],
      volume: [6, 8, 26, 0],
      endNs: [1n, 2n, 3n, 4n],
    };
    const buckets = batchVpin(bars, { bucketVolume: 10, window: 2, sigmaWindow: 3 });
    const f2 = normalCdf(2 / Math.sqrt(7 / 3));
    // bucket 1: 6·0.5 + 4·f1; bucket 2: 4·f1 + 6·f2; buckets 3, 4: 10·f2 each (bar 3 crosses two)
    const buys = [3 + 4 * f1, 4 * f1 + 6 * f2, 10 * f2, 10 * f2];
    expect(buckets.map((b) => b.endNs)).toEqual([2n, 3n, 3n, 3n]);
    for (const [i, b] of buckets.entries()) expect(b.buyVolume).toBeCloseTo(buys[i]!, 12);
    const imbalances = buys.map((b) => Math.abs(2 * b - 10));
    expect(buckets[0]!.vpin).toBeCloseTo(imbalances[0]! / 10, 12);
    expect(buckets[3]!.vpin).toBeCloseTo((imbalances[2]! + imbalances[3]!) / 20, 12);
    expect(incremental(bars, 10, 2, 3).map((b) => b.vpin)).toEqual(
      buckets.map((b) => expect.closeTo(b.vpin, 12)),
    );
  });

  it('equals the incremental VPIN bucket by bucket on a month of BTC 1-minute bars', async () => {
    const bars = await loadBars(BTC);
    expect(bars.close.length).toBeGreaterThan(40_000);
    const bucketVolume = averageDailyVolume(bars.endNs, bars.volume) / 50;
    for (const [window, sigmaWindow] of [
      [50, 1000],
      [10, 30],
    ] as const) {
      const batch = batchVpin(bars, { bucketVolume, window, sigmaWindow });
      const live = incremental(bars, bucketVolume, window, sigmaWindow);
      expect(batch.length).toBeGreaterThan(1000);
      expect(live.length).toBe(batch.length);
      expect(live.map((b) => b.endNs)).toEqual(batch.map((b) => b.endNs));
      let worst = 0;
      for (let i = 0; i < live.length; i++) worst = Math.max(worst, Math.abs(live[i]!.vpin - batch[i]!.vpin));
      // Same definitions, different summation order: equal to rounding.
      expect(worst).toBeLessThan(1e-9);
    }
    // The per-symbol pipeline with a fixed V gives the same VPIN too.
    const pipeline = new SymbolVpin('BTC', { classification: 'bvc', bucketVolume, window: 50 });
    const readings = bars.close.flatMap((close, i) =>
      pipeline.onBar({
        open: bars.open[i]!,
        close,
        volume: bars.volume[i]!,
        startNs: 0n,
        endNs: bars.endNs[i]!,
      }),
    );
    const batch = batchVpin(bars, { bucketVolume, window: 50, sigmaWindow: 1000 });
    expect(readings.map((r) => r.vpin)).toEqual(batch.map((b) => expect.closeTo(b.vpin, 9)));
  });
});
