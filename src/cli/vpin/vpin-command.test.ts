import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SHARED_DATA } from '../../testing/shared-data.ts';
import { runCli } from '../program.ts';

const DATA = SHARED_DATA;
const dir = mkdtempSync(join(tmpdir(), 'nautilus-vpin-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(args: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(['node', 'nautilus', 'vpin', ...args], {
    out: (text) => {
      out += text;
    },
    err: (text) => {
      err += text;
    },
  });
  return { code, out, err };
}

interface Bucket {
  bucket: number;
  time: string;
  vpin: number;
  full: boolean;
  cdf: number | null;
}

const BARS = join(dir, 'bars.csv');
writeFileSync(
  BARS,
  [
    'timestamp,open,high,low,close,volume',
    '2024-01-02 10:00:00,10,10,10,10,4',
    '2024-01-02 10:01:00,11,11,11,11,6',
    '2024-01-02 10:02:00,10.5,10.5,10.5,10.5,10',
    '2024-01-02 10:03:00,10.5,10.5,10.5,10.5,4',
  ].join('\n'),
);

describe('nautilus vpin', () => {
  it('reproduces hand-computed buckets (tick rule, V = 5, n = 2)', async () => {
    const { code, out, err } = await cli([
      '--input',
      BARS,
      '--classification',
      'tick',
      '--bucket-volume',
      '5',
      '--window',
      '2',
      '--json',
    ]);
    expect(err).toBe('');
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(json).toMatchObject({
      symbol: 'BARS',
      bucketVolume: 5,
      classification: 'tick',
      observations: { count: 4 },
    });
    // Buy shares 1/2 (first), 1 (uptick), 0 (downtick), 0 (zero tick keeps the sell).
    // Bucket 1 = 4 of bar 1 (2 buy) + 1 of bar 2 (buy): |3 - 2| = 1 -> 1/5. Bucket 2 = 5 of bar 2,
    // all buys: |5| -> (1 + 5) / 10. Buckets 3, 4 = bar 3 (all sells): (5 + 5) / 10 twice.
    // A bucket's time is the end of the bar that completes it (the file stamps bar opens).
    expect(json.buckets.map((b: Bucket) => [b.bucket, b.time.slice(11, 16), b.vpin, b.full])).toEqual([
      [1, '10:02', 0.2, false],
      [2, '10:02', 0.6, true],
      [3, '10:03', 1, true],
      [4, '10:03', 1, true],
    ]);
  });

  it('runs on the BTC perpetual 1-minute bars with V = ADV / 50', async () => {
    const { code, out } = await cli(['--input', join(DATA, 'btc-perp-20211231-20220201_1m.csv'), '--json']);
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(json.bucketVolume).toBeCloseTo(json.averageDailyVolume / 50, 6);
    const buckets: Bucket[] = json.buckets;
    expect(buckets.length).toBeGreaterThan(1500);
    for (const b of buckets) expect(b.vpin >= 0 && b.vpin <= 1).toBe(true);
    // The window fills at bucket 50, the CDF needs 50 full values: first CDF at bucket 99.
    expect(buckets.findIndex((b) => b.full)).toBe(49);
    expect(buckets.findIndex((b) => b.cdf !== null)).toBe(98);
    expect(json.gate.decisions + json.gate.skipped).toBe(buckets.length - 98);
    expect(json.gate.hitRate).toBeGreaterThanOrEqual(0);
  });

  it('runs on the CME 6E bars (gzipped) and a US-stock 1-minute file, text and JSON', async () => {
    const cme = await cli(['--input', join(DATA, '6EH4.XCME_1min_bars_20240101_20240131.csv.gz'), '--json']);
    expect(cme.code).toBe(0);
    expect(JSON.parse(cme.out)).toMatchObject({ symbol: '6EH4.XCME', observations: { kind: 'bars' } });
    expect(JSON.parse(cme.out).buckets.length).toBeGreaterThan(1000);
    const stock = await cli([
      '--input',
      join(DATA, 'stocks-1m-2018-11/AAPL.csv'),
      '--bars',
      '5m',
      '--classification',
      'bvc-t',
    ]);
    expect(stock.code).toBe(0);
    expect(stock.out).toMatch(/^AAPL: \d+ bars, bvc-t on the volume clock, window 50/);
    expect(stock.out).toMatch(/toxicity gate \(CDF >= 0.9, move > 3·σ·√30 within 30 bars\): hit rate/);
  });

  it('classifies Binance trades by aggressor side and on the time clock', async () => {
    const trades = join(DATA, 'btcusdt-trades.parquet');
    const byAggressor = JSON.parse(
      (await cli(['--input', trades, '--classification', 'aggressor', '--bucket-volume', '1', '--json'])).out,
    );
    expect(byAggressor.observations.kind).toBe('trades');
    expect(byAggressor.buckets.length).toBeGreaterThan(50);
    const timeClock = JSON.parse(
      (await cli(['--input', trades, '--clock', 'time', '--bars', '1s', '--json'])).out,
    );
    expect(timeClock).toMatchObject({ clock: 'time', bucketVolume: null, observations: { kind: 'bars' } });
  });

  it('names the flag or file at fault', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['--input', join(dir, 'nope.csv')], /--input: no such file: .*nope\.csv/],
      [['--input', BARS, '--bucket-volume', '5', '--buckets-per-day', '50'], /exclude each other/],
      [
        ['--input', BARS, '--classification', 'vibes'],
        /--classification: unknown classification vibes \(classifications: bvc, tick, aggressor, bvc-t\)/,
      ],
      [
        ['--input', BARS, '--classification', 'aggressor'],
        /aggressor classification needs trades with a side/,
      ],
      [['--input', BARS, '--bars', '100t'], /--bars: .*not a time bar spec/],
      [['--input', BARS, '--bars', '30s'], /--bars: the file's bars are 60 s long/],
      [['--input', BARS, '--window', '0'], /--window: expected an integer >= 1, got 0/],
      [['--input', join(DATA, 'usdjpy-m1-bid-2013.csv')], /no traded volume/],
      [['--input', join(DATA, 'usdjpy-ticks.csv')], /no bars or trades to classify \(1000 quotes\)/],
    ];
    for (const [args, message] of cases) {
      const { code, err } = await cli(args);
      expect(code, args.join(' ')).toBe(2);
      expect(err).toMatch(message);
    }
  });
});
