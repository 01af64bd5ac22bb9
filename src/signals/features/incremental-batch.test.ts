import { describe, expect, it } from 'vitest';
import { readMarketDataFile } from '../../marketdata/files/read-market-data-file.ts';
import { sharedData } from '../../testing/shared-data.ts';
import { FeatureSet } from './feature-set.ts';
import { RollingReturns } from './rolling-return.ts';
import {
  closeToCloseVolatility,
  garmanKlassVolatility,
  type Ohlc,
  parkinsonVolatility,
  RollingVolatility,
} from './volatility.ts';
import { RollingZScore, zScore } from './zscore.ts';

const FILE = sharedData('btc-perp-20211231-20220201_1m.csv');
const WINDOW = 20;
const PERIODS = 525_600;

async function loadBars(limit: number): Promise<Array<Ohlc & { volume: number; endNs: bigint }>> {
  const bars: Array<Ohlc & { volume: number; endNs: bigint }> = [];
  for await (const record of readMarketDataFile(FILE)) {
    if (record.kind !== 'bar') continue;
    bars.push(record);
    if (bars.length === limit) break;
  }
  return bars;
}

function close(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
}

describe('incremental estimators equal batch ones on real BTC 1-minute bars', () => {
  it('at every bar of the first 6,000', async () => {
    const bars = await loadBars(6_000);
    expect(bars.length).toBe(6_000);
    const vol = new RollingVolatility(WINDOW, PERIODS);
    const z = new RollingZScore(WINDOW);
    const returns = new RollingReturns([1, 5, 20]);
    let checked = 0;
    for (let i = 0; i < bars.length; i++) {
      const bar = bars[i]!;
      vol.update(bar);
      z.update(bar.close);
      returns.update(bar.close);
      if (i < WINDOW) continue;
      const lastBars = bars.slice(i - WINDOW + 1, i + 1);
      const closes = bars.slice(i - WINDOW, i + 1).map((b) => b.close);
      const pairs = [
        [vol.closeToClose(), closeToCloseVolatility(closes, PERIODS)],
        [vol.parkinsonVol(), parkinsonVolatility(lastBars, PERIODS)],
        [vol.garmanKlassVol(), garmanKlassVolatility(lastBars, PERIODS)],
        [z.value(), zScore(closes.slice(1))],
        [returns.value(5), bar.close / bars[i - 5]!.close - 1],
        [returns.value(20), bar.close / bars[i - 20]!.close - 1],
      ];
      for (const [incremental, batch] of pairs)
        if (!close(incremental!, batch!)) expect({ i, incremental, batch }).toEqual('equal');
      checked++;
    }
    expect(checked).toBe(6_000 - WINDOW);
  });

  it('a FeatureSet fed the same bars reports the same values', async () => {
    const bars = await loadBars(500);
    const set = new FeatureSet('BTC');
    for (const bar of bars) set.onBar(bar);
    const { values, bars: count, volumeProfile } = set.snapshot();
    expect(count).toBe(500);
    const closes = bars.slice(-21).map((b) => b.close);
    expect(values.vol_close_to_close).toBeCloseTo(closeToCloseVolatility(closes, PERIODS), 9);
    expect(values.vol_parkinson).toBeCloseTo(parkinsonVolatility(bars.slice(-20), PERIODS), 9);
    expect(values.zscore_close).toBeCloseTo(zScore(closes.slice(1)), 9);
    for (const name of ['rsi', 'ema_fast', 'macd', 'bb_middle', 'atr', 'vpin_like', 'volume_poc'])
      expect(values[name], name).toEqual(expect.any(Number));
    expect(values.spread).toBeNull(); // no quotes in a bar file
    const profileVolume = volumeProfile!.buckets.reduce((sum, [, v]) => sum + v, 0);
    const windowVolume = bars.slice(-20).reduce((sum, b) => sum + b.volume, 0);
    expect(profileVolume).toBeCloseTo(windowVolume, 3);
  });
});
