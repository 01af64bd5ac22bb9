import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SHARED_DATA } from '../testing/shared-data.ts';
import { runCli } from './program.ts';

const DATA = SHARED_DATA;
const dir = mkdtempSync(join(tmpdir(), 'nautilus-backtest-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(args: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(['node', 'nautilus', ...args], {
    out: (text) => {
      out += text;
    },
    err: (text) => {
      err += text;
    },
  });
  return { code, out, err };
}

const base = [
  'backtest',
  '--strategy',
  'ema-cross',
  '--data',
  join(DATA, 'usdjpy-m1-bid-2013.csv'),
  '--param',
  'fast=10',
  '--param',
  'slow=20',
  '--param',
  'quantity=100000',
];

// The strategy and data of `base` with no fast/slow: the params a sweep varies.
const fixed = [...base.slice(0, 5), '--param', 'quantity=100000'];

describe('nautilus backtest', () => {
  it('prints the same JSON twice for the same inputs and writes a self-contained report', async () => {
    const report = join(dir, 'report.html');
    const first = await cli([...base, '--json', '--report', report]);
    expect(first.code).toBe(0);
    const second = await cli([...base, '--json']);
    expect(second.out).toBe(first.out);
    const result = JSON.parse(first.out);
    expect(result).toMatchObject({
      strategy: 'ema-cross',
      records: 28_761,
      params: { symbol: 'USDJPY', fast: 10, slow: 20 },
    });
    expect(result.orders.fills).toBeGreaterThan(100);
    expect(first.err).toMatch(/backtest: 28761\/28761 records/);
    const html = readFileSync(report, 'utf8');
    expect(html).toMatch(/^<!DOCTYPE html>/i);
    expect(html.match(/<svg/g)?.length).toBeGreaterThanOrEqual(3);
    expect(html).not.toMatch(/https?:\/\//);
  }, 60_000);

  it('prints a summary table, and names bad input', async () => {
    const summary = await cli(base);
    expect(summary.code).toBe(0);
    expect(summary.out).toMatch(/orders\s+\d+ submitted, 0 rejected, \d+ fills/);
    expect(summary.out).toMatch(/round trips\s+\d+, win rate/);
    const unknown = await cli(['backtest', '--strategy', 'nope', '--data', join(DATA, 'usdjpy-ticks.csv')]);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(
      /unknown strategy nope \(strategies: ema-cross, mean-reversion, vpin-aware\)/,
    );
    const badParam = await cli([...base, '--param', 'fast=30']);
    expect(badParam.code).not.toBe(0);
    expect(badParam.err).toMatch(/fast/);
  }, 60_000);

  it('sweeps a grid on worker threads: ranked table, deterministic JSON, refused combinations', async () => {
    const sweep = [...fixed, '--sweep', 'fast=5,20', '--sweep', 'slow=20,50'];
    const json = await cli([...sweep, '--workers', '2', '--json']);
    expect(json.code, json.err).toBe(0);
    const result = JSON.parse(json.out);
    expect(result.objective).toBe('sharpe');
    expect(result.runs.map((run: { rank: number }) => run.rank)).toEqual([1, 2, 3]);
    expect(result.runs[0].params).toMatchObject({ symbol: 'USDJPY', quantity: 100_000 });
    expect(result.failed).toMatchObject([{ params: { fast: 20, slow: 20 } }]);
    expect(json.err).toMatch(/sweep: 4\/4 runs/);
    expect(json.err).toMatch(/4 runs on 2 worker\(s\)/);
    const table = await cli([...sweep, '--objective', 'total-return', '--workers', '1']);
    expect(table.out).toMatch(/^ranked by total-return\nrank\s+fast\s+slow\s+return\s+sharpe/);
    expect(table.out).toMatch(/failed: fast=20 slow=20: .*fast must be less than slow/);
  }, 90_000);

  it('walks forward with --sweep and --walk-forward, and names bad sweep flags', async () => {
    const walk = await cli([...fixed, '--sweep', 'fast=5,10', '--sweep', 'slow=50', '--walk-forward', '2']);
    expect(walk.code, walk.err).toBe(0);
    expect(walk.out).toMatch(/^fold\s+in-sample\s+out-of-sample\s+best\s+IS sharpe/);
    expect(walk.out).toMatch(/\n1\s+2013-02-01 00:01 \.\. 2013-02-10 \d\d:\d\d\s+2013-02-10/);
    expect(walk.out).toMatch(/\nall\s+stitched out-of-sample/);
    expect(walk.err).toMatch(/2 folds x 3 runs/);
    const usage = async (args: string[], message: RegExp) => {
      const run = await cli([...fixed, ...args]);
      expect(run.code, run.out).toBe(2);
      expect(run.err).toMatch(message);
    };
    await usage(['--walk-forward', '2'], /--walk-forward: give the grid to optimise with --sweep/);
    await usage(['--sweep', 'quantity=1,2'], /--sweep quantity: also given by --param/);
    await usage(['--sweep', 'fast=5', '--objective', 'pnl'], /unknown objective pnl/);
    await usage(['--sweep', 'fast=5', '--workers', '0'], /--workers: expected a positive integer, got 0/);
    const many = Array.from({ length: 101 }, (_, i) => i + 1).join(',');
    await usage(
      ['--sweep', `fast=${many}`, '--sweep', `slow=${many}`],
      /10,201 runs .* over the limit of 10,000/,
    );
  }, 90_000);
});
