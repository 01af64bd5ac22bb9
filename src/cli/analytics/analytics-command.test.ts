import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sharedData } from '../../testing/shared-data.ts';
import { runCli } from '../program.ts';

const STOCKS = sharedData('stock_prices.csv');
const dir = mkdtempSync(join(tmpdir(), 'nautilus-analytics-'));
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

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

// mean 0.01, deviations 0, +0.02, -0.02, 0: sample std sqrt(0.0008 / 3), Sharpe sqrt(3/8) * sqrt(252).
const R = [0.01, 0.03, -0.01, 0.01];
// r = 2 b + 0.001 exactly: beta 2, per-period alpha 0.001.
const B = [0.0045, 0.0145, -0.0055, 0.0045];
const RETURNS = file(
  'returns.csv',
  `Date,Return,SPY\n${R.map((r, i) => `2024-01-0${i + 2},${r},${B[i]}`).join('\n')}\n`,
);

describe('nautilus analyze returns', () => {
  it('computes every metric of a hand-made series (JSON)', async () => {
    const { code, out, err } = await cli(['analyze', 'returns', '--input', RETURNS, '--json']);
    expect(err).toBe('');
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(json).toMatchObject({
      column: 'Return',
      period: 'daily',
      riskFree: 0,
      observations: 4,
      start: '2024-01-02',
      end: '2024-01-05',
    });
    const m = json.metrics;
    expect(m.sharpe).toBeCloseTo(Math.sqrt(94.5), 10);
    expect(m.cumulativeReturn).toBeCloseTo(1.01 * 1.03 * 0.99 * 1.01 - 1, 12);
    expect(m.annualReturn).toBeCloseTo((1.01 * 1.03 * 0.99 * 1.01) ** (252 / 4) - 1, 8);
    expect(m.annualVolatility).toBeCloseTo(Math.sqrt((0.0008 / 3) * 252), 12);
    expect(m.maxDrawdown).toBeCloseTo(-0.01, 12);
    expect(m.calmar).toBeCloseTo(m.annualReturn / 0.01, 6);
    // downside: only -0.01 below 0, averaged over 4 observations.
    expect(m.sortino).toBeCloseTo((0.01 * 252) / (Math.sqrt(0.0001 / 4) * Math.sqrt(252)), 10);
    // gains 0.05, losses 0.01
    expect(m.omega).toBeCloseTo(5, 12);
    // numpy percentiles: 5th = -0.01 + 0.15 * 0.02 = -0.007, 95th = 0.01 + 0.85 * 0.02 = 0.027.
    expect(m.valueAtRisk).toBeCloseTo(-0.007, 12);
    expect(m.tailRatio).toBeCloseTo(0.027 / 0.007, 10);
    expect(m.conditionalValueAtRisk).toBeCloseTo(-0.01, 12);
    expect(m.stability).toBeGreaterThan(0);
    expect(m.stability).toBeLessThanOrEqual(1);
    expect(m).not.toHaveProperty('alpha');
  });

  it('adds alpha and beta against a benchmark column, and honours --risk-free', async () => {
    const { code, out } = await cli([
      'analyze',
      'returns',
      '--input',
      RETURNS,
      '--benchmark',
      'spy',
      '--risk-free',
      '0.0252',
      '--json',
    ]);
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(json.benchmark).toBe('SPY');
    expect(json.metrics.beta).toBeCloseTo(2, 10);
    // residual mean of (r - rf) - 2 (b - rf) = 0.001 + rf with rf = 0.0252 / 252 = 0.0001.
    expect(json.metrics.alpha).toBeCloseTo(1.0011 ** 252 - 1, 8);
    // Sharpe on excess returns: mean 0.0099, same std.
    expect(json.metrics.sharpe).toBeCloseTo((0.0099 / Math.sqrt(0.0008 / 3)) * Math.sqrt(252), 8);
  });

  it('prints a table, monthly annualisation and rolling statistics', async () => {
    const { code, out } = await cli([
      'analyze',
      'returns',
      '--input',
      RETURNS,
      '--benchmark',
      'SPY',
      '--period',
      'monthly',
      '--rolling',
      '3',
    ]);
    expect(code).toBe(0);
    expect(out).toMatch(/Return vs SPY: 4 monthly returns, 2024-01-02 to 2024-01-05/);
    expect(out).toMatch(new RegExp(`Sharpe ratio\\s+${Math.sqrt((3 / 8) * 12).toFixed(6)}`));
    expect(out).toMatch(/beta\s+2\.000000/);
    expect(out).toMatch(/max drawdown\s+-0\.010000/);
    expect(out).toMatch(/DATE\s+SHARPE\s+VOLATILITY\s+BETA/);
    // window 1: 0.01, 0.03, -0.01 -> mean 0.01, std 0.02
    expect(out).toMatch(new RegExp(`2024-01-04\\s+${(0.5 * Math.sqrt(12)).toFixed(6)}\\s+`));
    expect(out).toMatch(/2024-01-05\s/);
  });

  it('computes returns from prices with --from-prices', async () => {
    const prices = file(
      'prices.csv',
      'date,price\n2024-01-01,100\n2024-01-02,110\n2024-01-03,99\n2024-01-04,108.9\n',
    );
    const { code, out } = await cli(['analyze', 'returns', '--input', prices, '--from-prices', '--json']);
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(json).toMatchObject({ fromPrices: true, observations: 3, start: '2024-01-02', end: '2024-01-04' });
    expect(json.metrics.cumulativeReturn).toBeCloseTo(0.089, 12);
    expect(json.metrics.maxDrawdown).toBeCloseTo(-0.1, 12);
  });

  it('reads a file without a header', async () => {
    const plain = file('plain.csv', '2024-01-02,0.01\n2024-01-03,0.03\n2024-01-04,-0.01\n2024-01-05,0.01\n');
    const { code, out } = await cli(['analyze', 'returns', '--input', plain, '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(out).metrics.sharpe).toBeCloseTo(Math.sqrt(94.5), 10);
  });

  it('fails a bad row with file:line and exit code 2', async () => {
    const bad = file('bad.csv', 'date,return\n2024-01-02,0.01\n\n2024-01-03,abc\n');
    const notNumber = await cli(['analyze', 'returns', '--input', bad]);
    expect(notNumber.code).toBe(2);
    expect(notNumber.err).toBe(`nautilus: ${bad}:4: return: return not a number: "abc"\n`);
    const wide = file('wide.csv', 'date,return\n2024-01-02,0.01\n2024-01-03,0.02,0.03\n');
    const columns = await cli(['analyze', 'returns', '--input', wide]);
    expect(columns.code).toBe(2);
    expect(columns.err).toContain(`${wide}:3: expected 2 columns (date,return), got 3`);
    const percent = file('percent.csv', 'date,return\n2024-01-02,1.5%\n2024-01-03,0.02\n');
    expect((await cli(['analyze', 'returns', '--input', percent])).err).toContain(`${percent}:2: `);
  });

  it('fails a missing file, an unknown column and bad options with exit code 2', async () => {
    const missing = join(dir, 'nope.csv');
    const gone = await cli(['analyze', 'returns', '--input', missing]);
    expect(gone.code).toBe(2);
    expect(gone.err).toBe(`nautilus: ${missing}: no such file\n`);
    const column = await cli(['analyze', 'returns', '--input', RETURNS, '--benchmark', 'QQQ']);
    expect(column.code).toBe(2);
    expect(column.err).toContain('--benchmark: no column QQQ (value columns: Return, SPY)');
    const period = await cli(['analyze', 'returns', '--input', RETURNS, '--period', 'hourly']);
    expect(period.code).toBe(2);
    expect(period.err).toContain('periods: daily, weekly, monthly');
    const rolling = await cli(['analyze', 'returns', '--input', RETURNS, '--rolling', '10']);
    expect(rolling.code).toBe(2);
    expect(rolling.err).toMatch(/window \(10\) must not exceed/);
    const noInput = await cli(['analyze', 'returns']);
    expect(noInput.code).toBe(2);
    expect(noInput.err).toMatch(/--input/);
  });
});

describe('nautilus optimize', () => {
  // Two assets with equal mean 0.01 and variance 0.0004 / 3, uncorrelated: every method gives 0.5 / 0.5.
  const pair = file(
    'pair.csv',
    'date,A,B,C\n2024-01-01,100,100,\n2024-01-02,102,102,50\n2024-01-03,102,104.04,51\n2024-01-04,104.04,104.04,52\n2024-01-05,104.04,104.04,50\n',
  );

  it.each(['hrp', 'min-variance', 'max-sharpe', 'risk-parity'])(
    '%s on two symmetric assets',
    async (method) => {
      const { code, out, err } = await cli([
        'optimize',
        '--method',
        method,
        '--prices',
        pair,
        '--assets',
        'a,b',
        '--json',
      ]);
      expect(err).toBe('');
      expect(code).toBe(0);
      const json = JSON.parse(out);
      expect(json.weights.map((w: { asset: string }) => w.asset).sort()).toEqual(['A', 'B']);
      for (const w of json.weights) expect(w.weight).toBeCloseTo(0.5, 6);
      expect(json.observations).toBe(4);
      expect(json.expectedReturn).toBeCloseTo(2.52, 8);
      expect(json.volatility).toBeCloseTo(Math.sqrt(0.0168), 8);
      expect(json.sharpe).toBeCloseTo(2.52 / Math.sqrt(0.0168), 6);
    },
  );

  it.each(['hrp', 'min-variance', 'max-sharpe', 'risk-parity'])('%s on stock_prices.csv', async (method) => {
    const { code, out, err } = await cli([
      'optimize',
      '--method',
      method,
      '--prices',
      STOCKS,
      '--risk-free',
      '0.02',
      '--json',
    ]);
    expect(err).toBe('');
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(Object.keys(json).sort()).toEqual(
      [
        'end',
        'expectedReturn',
        'method',
        'observations',
        'period',
        'prices',
        'riskFree',
        'sharpe',
        'start',
        'volatility',
        'weights',
      ].sort(),
    );
    expect(json).toMatchObject({ method, riskFree: 0.02, period: 'daily', end: '2018-04-11' });
    expect(json.observations).toBeGreaterThan(800);
    expect(json.weights).toHaveLength(20);
    const weights = json.weights as { asset: string; weight: number }[];
    expect(Math.abs(weights.reduce((s, w) => s + w.weight, 0) - 1)).toBeLessThan(1e-9);
    for (const w of weights) expect(w.weight).toBeGreaterThanOrEqual(0);
    for (let i = 1; i < weights.length; i++)
      expect(weights[i - 1]!.weight).toBeGreaterThanOrEqual(weights[i]!.weight);
    expect(json.volatility).toBeGreaterThan(0);
    expect(json.sharpe).toBeCloseTo((json.expectedReturn - 0.02) / json.volatility, 12);
  });

  it('prints a table of weights and annualised figures', async () => {
    const { code, out } = await cli(['optimize', '--method', 'hrp', '--prices', pair, '--assets', 'A,B']);
    expect(code).toBe(0);
    expect(out).toMatch(/hrp: 2 assets, 4 daily returns from 2024-01-02 to 2024-01-05/);
    expect(out).toMatch(/A\s+0\.500000\s+50\.00%/);
    expect(out).toMatch(/expected return\s+2\.520000/);
  });

  it('uses the common window when an asset starts later (blank leading prices)', async () => {
    const { code, out } = await cli(['optimize', '--method', 'min-variance', '--prices', pair, '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ observations: 3, start: '2024-01-03' });
  });

  it('rejects an unknown method, bad rows and unusable inputs with exit code 2', async () => {
    const unknown = await cli(['optimize', '--method', 'equal', '--prices', STOCKS]);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toBe(
      'nautilus: --method: unknown method equal (methods: hrp, min-variance, max-sharpe, risk-parity)\n',
    );
    const gap = file('gap.csv', 'date,A,B\n2024-01-01,100,100\n2024-01-02,,101\n2024-01-03,101,102\n');
    const blank = await cli(['optimize', '--method', 'hrp', '--prices', gap]);
    expect(blank.code).toBe(2);
    expect(blank.err).toBe(`nautilus: ${gap}:3: A: blank price after its first price\n`);
    const negative = file('negative.csv', 'date,A,B\n2024-01-01,100,100\n2024-01-02,-1,101\n');
    expect((await cli(['optimize', '--method', 'hrp', '--prices', negative])).err).toContain(
      `${negative}:3: A: price -1 is not > 0`,
    );
    const headerless = file('headerless.csv', '2024-01-01,100,100\n2024-01-02,101,101\n');
    expect((await cli(['optimize', '--method', 'hrp', '--prices', headerless])).err).toContain(
      `${headerless}:1: expected a header row`,
    );
    const flat = file('flat.csv', 'date,A,B\n2024-01-01,100,100\n2024-01-02,99,99\n2024-01-03,98,99.5\n');
    const sharpe = await cli(['optimize', '--method', 'max-sharpe', '--prices', flat]);
    expect(sharpe.code).toBe(2);
    expect(sharpe.err).toContain('no asset has an expected return above the risk-free rate');
    const missing = await cli(['optimize', '--method', 'hrp', '--prices', join(dir, 'none.csv')]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('none.csv: no such file');
  });
});

describe('nautilus risk var', () => {
  const five = file('five.csv', 'date,return\n1,-0.05\n2,0.03\n3,0\n4,-0.02\n5,0.01\n');

  it('historical VaR/ES with sqrt-time scaling', async () => {
    // sorted -0.05, -0.02, 0, 0.01, 0.03; 5th percentile at rank 0.2: -0.05 + 0.2 * 0.03 = -0.044.
    const { code, out } = await cli([
      'risk',
      'var',
      '--input',
      five,
      '--method',
      'historical',
      '--horizon',
      '4',
      '--json',
    ]);
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(json).toMatchObject({
      method: 'historical',
      confidence: 0.95,
      horizonDays: 4,
      observations: 5,
      scaling: 'sqrt-time',
      weights: { return: 1 },
    });
    expect(json.var).toBeCloseTo(0.088, 12);
    expect(json.es).toBeCloseTo(0.1, 12);
  });

  it('parametric VaR/ES from the sample mean and standard deviation', async () => {
    const { code, out } = await cli([
      'risk',
      'var',
      '--input',
      RETURNS,
      '--weights',
      'return=1',
      '--method',
      'parametric',
      '--confidence',
      '0.99',
      '--horizon',
      '10',
      '--json',
    ]);
    expect(code).toBe(0);
    const json = JSON.parse(out);
    const z = 2.3263478740408408;
    const s = Math.sqrt(0.0008 / 3) * Math.sqrt(10);
    expect(json.var).toBeCloseTo(-0.1 + z * s, 10);
    expect(json.es).toBeCloseTo((s * Math.exp(-(z * z) / 2)) / Math.sqrt(2 * Math.PI) / 0.01 - 0.1, 10);
  });

  it('weights the columns of a multi-column file', async () => {
    // portfolio 0.5 a + 0.5 b = -0.05, 0.03, 0, -0.02, 0.01 (the five-row series above)
    const two = file('two.csv', 'date,a,b\n1,-0.1,0\n2,0.02,0.04\n3,0.01,-0.01\n4,-0.04,0\n5,0,0.02\n');
    const { code, out } = await cli([
      'risk',
      'var',
      '--input',
      two,
      '--method',
      'historical',
      '--weights',
      'A=0.5,b=0.5',
    ]);
    expect(code).toBe(0);
    expect(out).toMatch(/weights: a=0\.5, b=0\.5/);
    expect(out).toMatch(/VaR\s+0\.044000\s+4\.40%/);
    expect(out).toMatch(/ES\s+0\.050000\s+5\.00%/);
    const none = await cli(['risk', 'var', '--input', two, '--method', 'historical']);
    expect(none.code).toBe(2);
    expect(none.err).toContain('2 return columns (a, b): pass --weights');
  });

  it('monte-carlo is reproducible by seed and converges to the parametric result', async () => {
    const two = file('mc.csv', 'date,a,b\n1,-0.1,0\n2,0.02,0.04\n3,0.01,-0.01\n4,-0.04,0\n5,0,0.02\n');
    const args = [
      'risk',
      'var',
      '--input',
      two,
      '--weights',
      'a=0.5,b=0.5',
      '--confidence',
      '0.99',
      '--json',
    ];
    const mc = (seed: string) =>
      cli([...args, '--method', 'monte-carlo', '--paths', '200000', '--seed', seed]);
    const [first, again, other] = await Promise.all([mc('7'), mc('7'), mc('8')]);
    expect(first.code).toBe(0);
    expect(JSON.parse(first.out)).toMatchObject({ method: 'monte-carlo', paths: 200000, seed: 7 });
    expect(JSON.parse(again.out).var).toBe(JSON.parse(first.out).var);
    expect(JSON.parse(other.out).var).not.toBe(JSON.parse(first.out).var);
    const parametric = JSON.parse((await cli([...args, '--method', 'parametric'])).out);
    // 200k paths: the empirical 1% tail is within about 1% of the normal one.
    expect(Math.abs(JSON.parse(first.out).var / parametric.var - 1)).toBeLessThan(0.02);
    expect(Math.abs(JSON.parse(first.out).es / parametric.es - 1)).toBeLessThan(0.02);
  });

  it('rejects unknown methods, bad options and bad rows with exit code 2', async () => {
    const unknown = await cli(['risk', 'var', '--input', five, '--method', 'cornish-fisher']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toBe(
      'nautilus: --method: unknown method cornish-fisher (methods: historical, parametric, monte-carlo)\n',
    );
    const confidence = await cli([
      'risk',
      'var',
      '--input',
      five,
      '--method',
      'historical',
      '--confidence',
      '99',
    ]);
    expect(confidence.code).toBe(2);
    expect(confidence.err).toContain('--confidence: expected a number > 0 < 1, got 99');
    const paths = await cli(['risk', 'var', '--input', five, '--method', 'historical', '--paths', '10']);
    expect(paths.code).toBe(2);
    expect(paths.err).toContain('--paths and --seed apply to --method monte-carlo only');
    const weights = await cli(['risk', 'var', '--input', five, '--method', 'historical', '--weights', 'x=1']);
    expect(weights.code).toBe(2);
    expect(weights.err).toContain('--weights: no column x');
    const bad = file('bad-var.csv', 'date,a,b\n1,0.01,0.02\n2,0.01\n');
    const row = await cli(['risk', 'var', '--input', bad, '--method', 'parametric', '--weights', 'a=1']);
    expect(row.code).toBe(2);
    expect(row.err).toBe(`nautilus: ${bad}:3: expected 3 columns (date,a,b), got 2\n`);
    const loss = file('loss.csv', 'date,return\n1,-1.5\n2,0.01\n');
    expect((await cli(['risk', 'var', '--input', loss, '--method', 'historical'])).err).toContain(
      `${loss}:2: return: return -1.5 is <= -1 (-100%)`,
    );
  });
});
