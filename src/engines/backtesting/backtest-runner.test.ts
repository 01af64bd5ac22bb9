import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHARED_DATA } from '../../testing/shared-data.ts';
import { runBacktest } from './backtest-runner.ts';

const DATA = SHARED_DATA;

const options = (fast: number) => ({
  dataFiles: [resolve(DATA, 'usdjpy-m1-bid-2013.csv')],
  startingCapital: 100_000,
  engineConfig: {
    strategy: {
      strategies: [{ name: 'ema-cross', params: { symbol: 'USDJPY', quantity: 100_000, fast, slow: 20 } }],
      barSpec: '1m-bid',
    },
    portfolio: { startingCapital: 100_000 },
  },
});

describe('runBacktest', () => {
  it('runs the order path end to end and is deterministic', async () => {
    const first = await runBacktest(options(10));
    const second = await runBacktest(options(10));
    expect(first.records).toBe(28_761);
    expect(first.handlerFailures).toBe(0);
    expect(first.deadLetters).toBe(0);
    expect(first.orders.submitted).toBeGreaterThan(100);
    expect(first.orders.fills).toBe(first.orders.submitted);
    // Every fill is one side of a round trip: entries and exits alternate on one symbol.
    expect(first.metrics.trades.count).toBe(Math.floor(first.orders.fills / 2));
    expect(first.equity.length).toBeGreaterThan(20_000);
    const json = (run: typeof first) =>
      JSON.stringify({ ...run, closes: undefined }, (_k, v) => (typeof v === 'bigint' ? v.toString() : v));
    expect(json(second)).toBe(json(first));
    const other = await runBacktest(options(5));
    expect(other.orders.submitted).not.toBe(first.orders.submitted);
  }, 60_000);

  it('runs only the records inside [fromNs, toNs), starting the clock at the first of them', async () => {
    const fromNs = BigInt(Date.parse('2013-02-11T00:00:00Z')) * 1_000_000n;
    const toNs = BigInt(Date.parse('2013-02-18T00:00:00Z')) * 1_000_000n;
    const expected = readFileSync(resolve(DATA, 'usdjpy-m1-bid-2013.csv'), 'utf8')
      .split('\n')
      .slice(1)
      .filter((line) => line >= '2013-02-11' && line < '2013-02-18').length;
    const run = await runBacktest({ ...options(10), fromNs, toNs });
    expect(run.records).toBe(expected);
    expect(run.startNs).toBeGreaterThanOrEqual(fromNs);
    expect(run.endNs).toBeLessThan(toNs);
    expect(run.equity[0]!.tsNs).toBeGreaterThanOrEqual(fromNs);
    expect(run.orders.fills).toBeGreaterThan(0);
    // Saturday: the FX market is closed.
    const saturday = BigInt(Date.parse('2013-02-16T12:00:00Z')) * 1_000_000n;
    await expect(
      runBacktest({ ...options(10), fromNs: saturday, toNs: saturday + 3_600_000_000_000n }),
    ).rejects.toThrow(/no records in .* within \[2013-02-16T12:00/);
  }, 30_000);

  it('runs the VPIN engine for vpin-aware, whose gate then keeps it out of toxic flow', async () => {
    const btc = (name: string, params: Record<string, unknown>) =>
      runBacktest({
        dataFiles: [resolve(DATA, 'btc-perp-20211231-20220201_1m.csv')],
        symbol: 'BTCUSDT',
        startingCapital: 100_000,
        toNs: 1_641_254_400_000_000_000n, // the first three days of January 2022
        engineConfig: {
          strategy: {
            strategies: [{ name, params: { symbol: 'BTCUSDT', quantity: 0.1, ...params } }],
            barSpec: '1m',
          },
        },
      });
    const open = await btc('vpin-aware', { toxicThreshold: 1 });
    const gated = await btc('vpin-aware', { toxicThreshold: 0 });
    // VPIN is never above 1: the open gate trades the EMA cross (critical alerts still make risk
    // REDUCING for a while). Any VPIN is above 0: once the first bucket is in, nothing new opens.
    expect(open.orders.fills).toBeGreaterThan(100);
    expect(gated.orders.submitted).toBeLessThan(open.orders.submitted / 4);
  }, 60_000);

  it('names a data file with no records', async () => {
    await expect(runBacktest({ ...options(10), dataFiles: [] })).rejects.toThrow(/no records/);
  });
});
