import { describe, expect, it } from 'vitest';
import type { BusStatus, MarketSnapshot } from '../api/types.ts';
import { parseParams } from './backtests/backtest-form.tsx';
import { progressOf } from './backtests/progress.ts';
import { lagByGroup } from './bus-lag.ts';
import { buildCandles } from './market/price-chart.tsx';

const MINUTE_NS = 60_000_000_000n;
const at = (minute: bigint, second = 0n) =>
  String(1_700_000_040n * 1_000_000_000n + minute * MINUTE_NS + second * 1_000_000_000n);

describe('buildCandles', () => {
  const bar = { startNs: at(0n), open: 10, high: 12, low: 9, close: 11, volume: 5 };
  const snapshot = (trades: MarketSnapshot['trades']): MarketSnapshot => ({
    symbol: 'X',
    quote: null,
    book: null,
    trades,
    bars: [bar],
  });

  it('extends the current minute with later trades and the live price, and opens new minutes', () => {
    const candles = buildCandles(
      snapshot([
        { price: 13, size: 1, tsNs: at(0n, 30n) },
        { price: 8, size: 1, tsNs: at(1n, 5n) },
      ]),
      { price: 9.5, tsNs: at(1n, 20n) },
    );
    const start = 1_700_000_040;
    expect(candles).toEqual([
      { time: start, open: 10, high: 13, low: 9, close: 13 },
      { time: start + 60, open: 8, high: 9.5, low: 8, close: 9.5 },
    ]);
  });

  it('ignores ticks older than the last bar', () => {
    expect(buildCandles(snapshot([{ price: 99, size: 1, tsNs: at(-1n) }]), null)).toHaveLength(1);
    expect(buildCandles(null, null)).toEqual([]);
  });
});

describe('parseParams', () => {
  it('types numbers and booleans and keeps other values as text', () => {
    expect(parseParams('fast=10, slow = 20\nname=ema, on=true, off=false, empty=, junk')).toEqual({
      fast: 10,
      slow: 20,
      name: 'ema',
      on: true,
      off: false,
      empty: '',
    });
  });
});

describe('progressOf and lagByGroup', () => {
  it('is done/total, and 1 for a finished backtest', () => {
    const backtest = { id: 'a', kind: 'sweep', strategy: 's', progress: { done: 1, total: 4 } };
    expect(progressOf({ ...backtest, status: 'running' })).toBe(0.25);
    expect(progressOf({ ...backtest, status: 'done' })).toBe(1);
    expect(progressOf({ ...backtest, status: 'queued', progress: { done: 0, total: 0 } })).toBe(0);
  });

  it('sums lag per group over lanes and streams, counting null as 0', () => {
    const group = (name: string, lag: number | null) => ({
      group: name,
      stream: 's',
      pending: 0,
      lag,
      consumers: 1,
    });
    const status = {
      lanes: [
        {
          lane: 'a',
          connected: true,
          endpoint: '',
          streams: [],
          groups: [group('risk', 2), group('vpin', null)],
        },
        { lane: 'b', connected: true, endpoint: '', streams: [], groups: [group('risk', 3)] },
      ],
    } as unknown as BusStatus;
    expect(lagByGroup(status)).toEqual(
      new Map([
        ['risk', 5],
        ['vpin', 0],
      ]),
    );
  });
});
