import { join } from 'node:path';
import { readMarketDataFile } from '../../src/marketdata/files/read-market-data-file.ts';
import { averageDailyVolume } from '../../src/signals/vpin/bucket-size.ts';
import { AggressorClassifier, BvcClassifier } from '../../src/signals/vpin/classifiers.ts';
import { VolumeClockVpin } from '../../src/signals/vpin/volume-clock.ts';
import { DATA_DIR } from './hub-replay-phase.ts';
import { progress, type Row, rate, verdict } from './report.ts';

const TARGET_BARS_PER_S = 5_000_000;

const seconds = (since: bigint) => Number(process.hrtime.bigint() - since) / 1e9;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;

interface Columns {
  open: Float64Array;
  close: Float64Array;
  volume: Float64Array;
  endNs: bigint[];
  aggressor: Array<'buy' | 'sell' | undefined>;
}

/** A file's bars (open, close, volume, end) or trades (price as open and close, size, side) as columns. */
async function load(file: string, kind: 'bar' | 'trade'): Promise<Columns> {
  const open: number[] = [];
  const close: number[] = [];
  const volume: number[] = [];
  const endNs: bigint[] = [];
  const aggressor: Array<'buy' | 'sell' | undefined> = [];
  for await (const batch of readMarketDataFile(join(DATA_DIR, file)).batches())
    for (const r of batch) {
      if (r.kind === 'bar' && kind === 'bar') {
        open.push(r.open);
        close.push(r.close);
        volume.push(r.volume);
        endNs.push(r.endNs);
      } else if (r.kind === 'trade' && kind === 'trade') {
        open.push(r.price);
        close.push(r.price);
        volume.push(r.size);
        endNs.push(r.tsNs);
        aggressor.push(r.aggressor);
      }
    }
  return {
    open: Float64Array.from(open),
    close: Float64Array.from(close),
    volume: Float64Array.from(volume),
    endNs,
    aggressor,
  };
}

/** Baseline: a bare loop touching the same columns (a running sum of volume-weighted changes). */
function bareLoop(c: Columns, passes: number): number {
  const started = process.hrtime.bigint();
  let sum = 0;
  const n = c.close.length;
  for (let p = 0; p < passes; p++)
    for (let i = 0; i < n; i++) sum += c.volume[i]! * (c.close[i]! - c.open[i]!) + (c.endNs[i]! > 0n ? 1 : 0);
  if (Number.isNaN(sum)) throw new Error('unreachable');
  return (n * passes) / seconds(started);
}

/** VPIN incrementally: BVC (rolling σ, normal CDF) then the volume clock, per bar. */
function vpinBars(c: Columns, bucketVolume: number, passes: number): { perS: number; buckets: number } {
  let buckets = 0;
  const bvc = new BvcClassifier(1000);
  const vpin = new VolumeClockVpin(bucketVolume, 50, () => {
    buckets++;
  });
  const { open, close, volume, endNs } = c;
  const n = close.length;
  const started = process.hrtime.bigint();
  for (let p = 0; p < passes; p++)
    for (let i = 0; i < n; i++) vpin.add(volume[i]!, bvc.buyFraction(open[i]!, close[i]!), endNs[i]!);
  return { perS: (n * passes) / seconds(started), buckets };
}

/** VPIN per trade: aggressor side then the volume clock. */
function vpinTrades(c: Columns, bucketVolume: number, passes: number): number {
  const classifier = new AggressorClassifier();
  let buckets = 0;
  const vpin = new VolumeClockVpin(bucketVolume, 50, () => {
    buckets++;
  });
  const { close, volume, endNs, aggressor } = c;
  const n = close.length;
  const started = process.hrtime.bigint();
  for (let p = 0; p < passes; p++)
    for (let i = 0; i < n; i++)
      vpin.add(volume[i]!, classifier.buyFraction(close[i]!, close[i]!, aggressor[i]), endNs[i]!);
  if (buckets < 0) throw new Error('unreachable');
  return (n * passes) / seconds(started);
}

/** VPIN bars/s and trades/s, incremental, against a bare loop over the same bars. */
export async function runVpinPhase(quick: boolean): Promise<{ rows: Row[]; json: Record<string, number> }> {
  progress('signals: VPIN');
  const bars = await load('btc-perp-20211231-20220201_1m.csv', 'bar');
  const trades = await load('btcusdt-trades.parquet', 'trade');
  const barV = averageDailyVolume(bars.endNs, bars.volume) / 50;
  // Trades: about 20 trades per bucket, so the bucket path is exercised as often as on bars.
  let tradeVolume = 0;
  for (const size of trades.volume) tradeVolume += size;
  const tradeV = (tradeVolume / trades.volume.length) * 20;
  const barPasses = quick ? 20 : 120; // 45,031 bars a pass
  const tradePasses = quick ? 500 : 3000; // 2,001 trades a pass
  const runs = quick ? 3 : 5;
  const bare: number[] = [];
  const incremental: number[] = [];
  const perTrade: number[] = [];
  let buckets = 0;
  for (let r = 0; r < runs + 1; r++) {
    const b = bareLoop(bars, barPasses);
    const v = vpinBars(bars, barV, barPasses);
    const t = vpinTrades(trades, tradeV, tradePasses);
    if (r === 0) continue; // warm-up run (JIT)
    bare.push(b);
    incremental.push(v.perS);
    perTrade.push(t);
    buckets = v.buckets;
  }
  const barsPerS = median(incremental);
  const barePerS = median(bare);
  const tradesPerS = median(perTrade);
  return {
    rows: [
      {
        metric: `VPIN bars/s (BVC + volume clock, ${buckets.toLocaleString('en-US')} buckets)`,
        value: rate(barsPerS),
        baseline: rate(barePerS),
        ratio: `${(barsPerS / barePerS).toFixed(2)}x`,
        target: `>= ${rate(TARGET_BARS_PER_S)}`,
        verdict: verdict(barsPerS >= TARGET_BARS_PER_S),
      },
      {
        metric: 'VPIN trades/s (aggressor + volume clock)',
        value: rate(tradesPerS),
        baseline: rate(barePerS),
      },
    ],
    json: { vpin_bars_per_s: Math.round(barsPerS), vpin_trades_per_s: Math.round(tradesPerS) },
  };
}
