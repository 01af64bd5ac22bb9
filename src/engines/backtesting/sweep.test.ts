import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SHARED_DATA } from '../../testing/shared-data.ts';
import type { BacktestSpec } from './backtest-spec.ts';
import { runSweep } from './sweep.ts';
import { runWalkForward } from './walk-forward.ts';
import { createBacktestPool } from './worker-pool.ts';

const DATA = SHARED_DATA;
const ns = (iso: string) => BigInt(Date.parse(iso)) * 1_000_000n;
const base: BacktestSpec = {
  strategy: 'ema-cross',
  params: { symbol: 'USDJPY', quantity: 100_000 },
  dataFiles: [resolve(DATA, 'usdjpy-m1-bid-2013.csv')],
  barSpec: '1m-bid',
  capital: 100_000,
};
// One pool for the file: worker start-up (tsx, the engine modules) is paid once.
const pool = createBacktestPool(2);
afterAll(() => pool.destroy());

describe('parameter sweep on worker threads', () => {
  it('ranks every combination deterministically and lists the refused ones', async () => {
    const request = {
      base: { ...base, fromNs: ns('2013-02-04T00:00:00Z'), toNs: ns('2013-02-09T00:00:00Z') },
      grid: [
        { name: 'fast', values: [5, 20] },
        { name: 'slow', values: [20, 50] },
      ],
      objective: 'sharpe' as const,
    };
    const progress: number[] = [];
    const result = await runSweep(pool, request, (done, total) => progress.push(done, total));
    expect(progress).toEqual([1, 4, 2, 4, 3, 4, 4, 4]);
    expect(result.runs.map((run) => run.rank)).toEqual([1, 2, 3]);
    expect(result.failed).toEqual([
      {
        index: 2,
        params: { ...base.params, fast: 20, slow: 20 },
        error: expect.stringMatching(/fast must be less than slow/),
      },
    ]);
    const sharpes = result.runs.map((run) => run.objective);
    expect([...sharpes].sort((a, b) => b - a)).toEqual(sharpes);
    for (const run of result.runs) {
      expect(run.records).toBeGreaterThan(5_000);
      expect(BigInt(run.startNs)).toBeGreaterThanOrEqual(request.base.fromNs);
      expect(run).not.toHaveProperty('dailyEquity');
      expect(run.orders.fills).toBeGreaterThan(0);
    }
    // Same ranking, byte for byte, whatever order the threads finished in.
    const again = await runSweep(pool, request);
    expect(JSON.stringify(again)).toBe(JSON.stringify(result));
  }, 60_000);

  it('walks forward: optimise on segment i, trade the best params on segment i + 1', async () => {
    const result = await runWalkForward(pool, {
      base,
      grid: [
        { name: 'fast', values: [5, 10] },
        { name: 'slow', values: [20, 50] },
      ],
      objective: 'total-return',
      folds: 2,
    });
    expect(result.folds).toHaveLength(2);
    const [first, second] = result.folds;
    expect(first!.outOfSample).toEqual(second!.inSample);
    expect(BigInt(first!.inSample.toNs)).toBe(BigInt(first!.outOfSample.fromNs));
    for (const fold of result.folds) {
      expect([5, 10]).toContain(fold.bestParams.fast);
      expect(Number.isFinite(fold.inSampleObjective)).toBe(true);
      expect(BigInt(fold.outOfSampleRun.startNs)).toBeGreaterThanOrEqual(BigInt(fold.outOfSample.fromNs));
      expect(BigInt(fold.outOfSampleRun.endNs)).toBeLessThan(BigInt(fold.outOfSample.toNs));
    }
    const records = result.folds.reduce((sum, fold) => sum + fold.outOfSampleRun.records, 0);
    expect(result.outOfSample.records).toBe(records);
    const pnl = result.folds.reduce((sum, fold) => sum + fold.outOfSampleRun.finalEquity - base.capital, 0);
    expect(result.outOfSample.metrics.finalEquity).toBeCloseTo(base.capital + pnl, 6);
  }, 90_000);
});
