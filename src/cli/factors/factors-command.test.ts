import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sharedData } from '../../testing/shared-data.ts';
import { readCsv } from '../analytics/csv.ts';
import { runCli } from '../program.ts';
import { examplePanelLines } from './example-panel.ts';

const STOCKS = sharedData('stock_prices.csv');
const FIXTURE = resolve(import.meta.dirname, '../../signals/factor-model/fixtures/stocks-panel-2018.csv');
const dir = mkdtempSync(join(tmpdir(), 'nautilus-factors-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(args: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(['node', 'nautilus', 'factors', 'returns', ...args], {
    out: (text) => {
      out += text;
    },
    err: (text) => {
      err += text;
    },
  });
  return { code, out, err };
}

function file(name: string, lines: string[]): string {
  const path = join(dir, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

const HEADER = 'date,symbol,return,market_cap,sector';

describe('nautilus factors returns', () => {
  it('prints the constrained factor returns of a hand-checked panel (JSON)', async () => {
    // Sector a: r [0.01, 0.03], sqrt(cap) [1, 3] -> weighted mean 0.025; sector b: [-0.02, 0] -> -0.01.
    // With sector returns summing to 0: market = (0.025 - 0.01) / 2 = 0.0075, a = 0.0175, b = -0.0175.
    const input = file('hand.csv', [
      HEADER,
      '2024-01-02,A2,0.03,9,a',
      '2024-01-02,A1,0.01,1,a',
      '2024-01-02,B1,-0.02,1,b',
      '2024-01-02,B2,0,1,b',
    ]);
    const { code, out, err } = await cli(['--input', input, '--returns-winsor', 'none', '--json']);
    expect(err).toBe('');
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(json.factors).toEqual(['market', 'sector:a', 'sector:b', 'momentum', 'size', 'value']);
    const [day] = json.dates;
    expect(day).toMatchObject({ date: '2024-01-02', assets: 4 });
    expect(day.returns.market).toBeCloseTo(0.0075, 15);
    expect(day.returns['sector:a']).toBeCloseTo(0.0175, 15);
    expect(day.returns['sector:b']).toBeCloseTo(-0.0175, 15);
    expect(day.returns.momentum).toBeNull(); // no return history yet
    expect(day.returns.value).toBeNull(); // no ratio columns
    expect(Number.isFinite(day.returns.size)).toBe(true);
    expect(json.skipped).toEqual([]);
  });

  it('runs on a realistic panel built from stock_prices.csv; the committed fixture is its last 40 dates', async () => {
    const table = readCsv(STOCKS, { requireHeader: true });
    const lines = examplePanelLines(table, table.rows.length - 40);
    expect(readFileSync(FIXTURE, 'utf8')).toBe(`${lines.join('\n')}\n`);
    const input = file('stocks.csv', examplePanelLines(table, table.rows.length - 300));
    const { code, out } = await cli([
      '--input',
      input,
      '--momentum-window',
      '60',
      '--half-life',
      '20',
      '--lag',
      '5',
      '--json',
    ]);
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(json.symbols).toBe(20);
    expect(json.factors).toHaveLength(1 + 8 + 3);
    expect(json.dates).toHaveLength(300);
    for (const day of json.dates) {
      const sectors = json.factors.filter((f: string) => f.startsWith('sector:'));
      expect(Math.abs(sectors.reduce((a: number, f: string) => a + day.returns[f], 0))).toBeLessThan(1e-12);
    }
    // Momentum needs 60 returns ending 5 dates back: the first 64 dates have none.
    expect(json.summary.momentum.observations).toBe(300 - 64);
    expect(json.summary.market.observations).toBe(300);
    const human = await cli([
      '--input',
      FIXTURE,
      '--momentum-window',
      '10',
      '--half-life',
      '5',
      '--lag',
      '1',
    ]);
    expect(human.code).toBe(0);
    expect(human.out).toContain('factor                         dates  mean');
    expect(human.out).toContain('20 symbols, 8 sectors, 40 dates estimated; mode two-stage');
  });

  it('names the file and line of a bad row, and the missing or unknown column', async () => {
    const cases: Array<[string[], string]> = [
      [['date,symbol,return,sector', '2024-01-02,A,0.01,x'], 'missing column market_cap'],
      [[`${HEADER},bp`, '2024-01-02,A,0.01,5,x,1'], 'unknown column bp'],
      [['2024-01-02,A,0.01,5,x'], 'expected a header row'],
      [[HEADER, '2024-01-02,A,0.01,5,x', '2024-01-02,B,abc,5,x'], ':3: return: return not a number: "abc"'],
      [[HEADER, '2024-01-02,A,-1.5,5,x'], ':2: return -1.5 is <= -1'],
      [[HEADER, '2024-01-02,A,0.01,0,x'], ':2: market_cap 0 is not > 0'],
      [[HEADER, '02/01/2024,A,0.01,5,x'], ':2: date: expected YYYY-MM-DD'],
      [
        [HEADER, '2024-01-02,A,0.01,5,x', '2024-01-02,A,0.02,5,x'],
        ':3: A on 2024-01-02 already given on line 2',
      ],
      [[HEADER, '2024-01-02,A,0.01,5,x', '2024-01-03,A,0.02,5,y'], ':3: A: sector y, but x on line 2'],
      [[HEADER, '2024-01-02,A,0.01,5,'], ':2: empty sector'],
    ];
    for (const [lines, message] of cases) {
      const input = file('bad.csv', lines);
      const { code, err } = await cli(['--input', input]);
      expect(code).toBe(2);
      expect(err).toContain(input);
      expect(err).toContain(message);
    }
  });

  it('refuses bad flags with a message naming the flag', async () => {
    const input = file('ok.csv', [HEADER, '2024-01-02,A,0.01,5,x']);
    const cases: Array<[string[], string]> = [
      [['--mode', 'ols'], '--mode: unknown mode ols'],
      [['--lag', '0'], '--lag: expected an integer >= 1'],
      [['--size-quantiles', '0.7,0.3'], '--size-quantiles: lower 0.7 is above upper 0.3'],
      [['--returns-winsor', '0.6'], '--returns-winsor: expected a number >= 0 < 0.5'],
    ];
    for (const [flags, message] of cases) {
      const { code, err } = await cli(['--input', input, ...flags]);
      expect(code).toBe(2);
      expect(err).toContain(message);
    }
  });
});
