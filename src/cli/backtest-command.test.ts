import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './program.ts';

const DATA = resolve(import.meta.dirname, '../../../shared/data');
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
});
