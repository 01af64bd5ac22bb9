import { readMarketDataFile } from '../../src/marketdata/files/read-market-data-file.ts';
import { FeatureSet } from '../../src/signals/features/feature-set.ts';
import { sharedData } from '../../src/testing/shared-data.ts';
import { progress, type Row, rate } from './report.ts';

const FILE = sharedData('btc-perp-20211231-20220201_1m.csv');

type BarRecord = { open: number; high: number; low: number; close: number; volume: number; endNs: bigint };

const seconds = (since: bigint) => Number(process.hrtime.bigint() - since) / 1e9;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;

async function loadBars(): Promise<BarRecord[]> {
  const bars: BarRecord[] = [];
  for await (const batch of readMarketDataFile(FILE).batches())
    for (const record of batch) if (record.kind === 'bar') bars.push(record);
  return bars;
}

/** Baseline: the same bars with the least work a per-bar loop does (a running sum of log returns). */
function bareLoop(bars: readonly BarRecord[]): number {
  const started = process.hrtime.bigint();
  let sum = 0;
  let previous = bars[0]!.close;
  for (const bar of bars) {
    sum += Math.log(bar.close / previous);
    previous = bar.close;
  }
  if (Number.isNaN(sum)) throw new Error('unreachable');
  return bars.length / seconds(started);
}

/** Every feature updated per bar (returns, 3 volatilities, z-scores, flow, profile, 6 indicators). */
function featureUpdates(bars: readonly BarRecord[], snapshotEvery: number): number {
  const set = new FeatureSet('BTC');
  const started = process.hrtime.bigint();
  let i = 0;
  for (const bar of bars) {
    set.onBar(bar);
    if (++i % snapshotEvery === 0) set.snapshot();
  }
  return bars.length / seconds(started);
}

/**
 * Features: bars/s through a FeatureSet (all features updated per bar), alone and with the
 * snapshot the engine publishes per bar, against a bare loop over the same 45,031 BTC 1-minute bars.
 */
export async function runFeaturesPhase(
  quick: boolean,
): Promise<{ rows: Row[]; json: Record<string, number> }> {
  progress('features: loading BTC 1-minute bars');
  const bars = await loadBars();
  const repeats = quick ? 3 : 9;
  const bare: number[] = [];
  const updates: number[] = [];
  const published: number[] = [];
  for (let r = 0; r < repeats; r++) {
    bare.push(bareLoop(bars));
    updates.push(featureUpdates(bars, Number.MAX_SAFE_INTEGER));
    published.push(featureUpdates(bars, 1));
  }
  const baseline = median(bare);
  const perS = median(updates);
  const withSnapshot = median(published);
  return {
    rows: [
      {
        metric: 'feature updates/s (all features per bar)',
        value: rate(perS),
        baseline: rate(baseline),
        ratio: `${(baseline / perS).toFixed(1)}x slower`,
        target: '',
        verdict: '',
      },
      {
        metric: 'feature updates/s + snapshot per bar',
        value: rate(withSnapshot),
        baseline: rate(baseline),
        ratio: `${(baseline / withSnapshot).toFixed(1)}x slower`,
        target: '',
        verdict: '',
      },
    ],
    json: {
      feature_updates_per_s: Math.round(perS),
      feature_snapshots_per_s: Math.round(withSnapshot),
      feature_bare_loop_bars_per_s: Math.round(baseline),
    },
  };
}
