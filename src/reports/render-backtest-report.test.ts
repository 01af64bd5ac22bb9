import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { drawdownSeries } from '../analytics/index.ts';
import type { BacktestReportInput } from './backtest-result.ts';
import { equityDrawdown, renderBacktestReport } from './render-backtest-report.ts';
import { writeBacktestReport } from './write-report.ts';

const DAY_NS = 86_400_000_000_000n;
const START = 1_704_067_200_000_000_000n; // 2024-01-01T00:00:00Z

function count(haystack: string, needle: string | RegExp): number {
  if (typeof needle === 'string') return haystack.split(needle).length - 1;
  return [...haystack.matchAll(new RegExp(needle.source, `${needle.flags.replace('g', '')}g`))].length;
}

function smallInput(): BacktestReportInput {
  const equity = [100_000, 101_000, 99_000, 98_000, 102_000, 104_000, 103_500, 105_000, 106_000, 107_500].map(
    (e, i) => ({ tsNs: START + BigInt(i) * DAY_NS, equity: e }),
  );
  const btc = [42_000, 42_500, 41_800, 41_000, 43_000, 44_000, 43_600, 44_500, 45_000, 46_000].map(
    (p, i) => ({
      tsNs: START + BigInt(i) * DAY_NS,
      price: p,
    }),
  );
  const eth = [2_200, 2_250, 2_180, 2_150, 2_300].map((p, i) => ({
    tsNs: START + BigInt(i * 2) * DAY_NS,
    price: p,
  }));
  return {
    title: 'SMA cross <BTC> & ETH',
    strategy: 'sma-cross<img src=x onerror=alert(1)>',
    params: { fast: 10, slow: 30, note: '<script>alert("pwned")</script>', nested: { a: [1, 2] } },
    dataFiles: ['data/btc "daily".parquet', 'data/eth.csv'],
    startNs: START,
    endNs: START + 9n * DAY_NS,
    baseCurrency: 'USD',
    equity,
    prices: [
      { symbol: 'BTC-USD', points: btc },
      { symbol: 'ETH-USD', points: eth },
    ],
    fills: [
      {
        tsNs: START + 1n * DAY_NS,
        symbol: 'BTC-USD',
        side: 'buy',
        price: 42_500,
        quantity: 0.5,
        orderId: 'O-1',
      },
      {
        tsNs: START + 3n * DAY_NS,
        symbol: 'BTC-USD',
        side: 'sell',
        price: 41_000,
        quantity: 0.5,
        orderId: 'O-2',
      },
      {
        tsNs: START + 4n * DAY_NS,
        symbol: 'BTC-USD',
        side: 'buy',
        price: 43_000,
        quantity: 1,
        orderId: 'O-3',
      },
      {
        tsNs: START + 8n * DAY_NS,
        symbol: 'BTC-USD',
        side: 'sell',
        price: 45_000,
        quantity: 1,
        orderId: 'O-4',
      },
      {
        tsNs: START + 2n * DAY_NS,
        symbol: 'ETH-USD',
        side: 'buy',
        price: 2_180,
        quantity: 3,
        orderId: 'O-<5>',
      },
    ],
    metrics: [
      { name: 'Total return', value: 0.075, format: 'pct' },
      { name: 'Max drawdown', value: -0.029703, format: 'pct' },
      { name: 'Sharpe ratio', value: 1.98765, format: 'ratio' },
      { name: 'Final equity', value: 107_500, format: 'money' },
      { name: 'Trades', value: 4.2, format: 'int' },
      { name: 'Turnover', value: 0.123456 },
      { name: 'Regime', value: 'trend' },
    ],
    tradeStats: { count: 2, wins: 1, losses: 1, winRate: 0.5, profitFactor: 1.3333333, expectancy: 625.5 },
    events: 1_234_567,
    durationMs: 2_345,
  };
}

function metricRow(html: string, name: string): string | undefined {
  const m = new RegExp(`<tr><th scope="row">${name}</th><td[^>]*>([^<]*)</td></tr>`).exec(html);
  return m?.[1];
}

function equityBigInput(n: number): BacktestReportInput {
  const step = 60_000_000_000n; // one minute
  const equity: BacktestReportInput['equity'] = new Array(n);
  const points: { tsNs: bigint; price: number }[] = new Array(n);
  let e = 1_000_000;
  let p = 100;
  let seed = 7;
  for (let i = 0; i < n; i++) {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    const r = seed / 2 ** 31 - 0.5;
    e *= 1 + r * 0.002;
    p *= 1 + r * 0.001;
    equity[i] = { tsNs: START + BigInt(i) * step, equity: e };
    points[i] = { tsNs: START + BigInt(i) * step, price: p };
  }
  const fills: BacktestReportInput['fills'] = [];
  for (let i = 0; i < n; i += 50) {
    fills.push({
      tsNs: START + BigInt(i) * step,
      symbol: 'ES',
      side: i % 100 === 0 ? 'buy' : 'sell',
      price: points[i]!.price,
      quantity: 1,
      orderId: `O-${i}`,
    });
  }
  return {
    ...smallInput(),
    endNs: START + BigInt(n - 1) * step,
    equity,
    prices: [{ symbol: 'ES', points }],
    fills,
  };
}

describe('renderBacktestReport', () => {
  const input = smallInput();
  const html = renderBacktestReport(input);

  it('is a single well-formed-enough HTML document', () => {
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    expect(count(html, '<html')).toBe(1);
    expect(count(html, '</html>')).toBe(1);
    expect(count(html, '<head>')).toBe(1);
    expect(count(html, '<body>')).toBe(1);
    expect(count(html, '</body>')).toBe(1);
    const svgOpen = count(html, /<svg[\s>]/);
    expect(svgOpen).toBe(4); // equity, drawdown, BTC-USD, ETH-USD
    expect(count(html, '</svg>')).toBe(svgOpen);
    expect(count(html, '<table')).toBe(count(html, '</table>'));
    expect(count(html, '<section')).toBe(count(html, '</section>'));
    expect(count(html, '<g')).toBe(count(html, '</g>'));
    expect(count(html, /<title>/)).toBe(count(html, '</title>'));
  });

  it('references nothing external and contains no scripts', () => {
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<link|<img|<iframe|@import|url\((?!#)/i);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
  });

  it('draws the equity curve and the filled drawdown area', () => {
    expect(count(html, 'class="line equity"')).toBe(1);
    const eqPath = /class="line equity" d="M([^"]*)"/.exec(html)?.[1] ?? '';
    expect(eqPath.trim().split(' ').length).toBe(2 * 10); // 10 points, no downsampling needed
    expect(count(html, 'class="area dd"')).toBe(1);
    expect(/class="area dd" d="M[^"]*Z"/.test(html)).toBe(true);
    expect(html).toContain('Maximum drawdown -2.97%');
    expect(html).toContain('2024-01-02T00:00:00.000000000Z to the trough at 2024-01-04T00:00:00.000000000Z');
    // UTC date labels on the time axis and percentage labels on the drawdown axis.
    expect(html).toMatch(/<text [^>]*text-anchor="middle">2024-01-0\d<\/text>/);
    expect(html).toMatch(/<text [^>]*text-anchor="end">-\d(\.\d+)?%<\/text>/);
  });

  it('marks 3 buys and 2 sells on the price charts', () => {
    expect(count(html, 'class="mk buy"')).toBe(3);
    expect(count(html, 'class="mk sell"')).toBe(2);
    expect(count(html, 'class="line price"')).toBe(2);
    expect(html).toContain('▲ buy ×2');
    expect(html).toContain('▼ sell ×2');
    expect(html).toContain(
      '<title>BUY 0.5 BTC-USD @ 42,500\n2024-01-02T00:00:00.000000000Z · order O-1</title>',
    );
    expect(html).toContain('order O-&lt;5&gt;');
  });

  it('places markers at the fill time and price', () => {
    // The BTC sell at day 3 / 41,000 is the price minimum of that chart: its tip is below the line point.
    const btcChart = /<svg[^>]*id="price-chart-0"[\s\S]*?<\/svg>/.exec(html)?.[0] ?? '';
    const line = /class="line price" d="M([^"]*)"/.exec(btcChart)?.[1]?.split(' ').map(Number) ?? [];
    const [x3, y3] = [line[6]!, line[7]!];
    const sell = /class="mk sell" d="M([\d.]+) ([\d.]+)L/.exec(btcChart);
    expect(Number(sell?.[1])).toBeCloseTo(x3, 0);
    expect(Number(sell?.[2])).toBeCloseTo(y3 + 5, 0);
  });

  it('formats metrics as specified', () => {
    expect(metricRow(html, 'Total return')).toBe('7.50%');
    expect(metricRow(html, 'Max drawdown')).toBe('-2.97%');
    expect(metricRow(html, 'Sharpe ratio')).toBe('1.99');
    expect(metricRow(html, 'Final equity')).toBe('107,500.00 USD');
    expect(metricRow(html, 'Trades')).toBe('4');
    expect(metricRow(html, 'Turnover')).toBe('0.1235');
    expect(metricRow(html, 'Regime')).toBe('trend');
    expect(html).toMatch(/<th scope="row">Max drawdown<\/th><td class="num neg">/);
  });

  it('shows trade stats and run info', () => {
    expect(metricRow(html, 'Win rate')).toBe('50.00%');
    expect(metricRow(html, 'Profit factor')).toBe('1.33');
    expect(metricRow(html, 'Count')).toBe('2');
    expect(metricRow(html, 'Events processed')).toBe('1,234,567');
    expect(metricRow(html, 'Run duration')).toBe('2.35 s');
    expect(metricRow(html, 'Throughput')).toBe('526,468 events/s');
    expect(html).toContain('2024-01-01T00:00:00.000000000Z → 2024-01-10T00:00:00.000000000Z (9d 0h 0m)');
    expect(html).toContain('<li><code>data/btc &quot;daily&quot;.parquet</code></li>');
    expect(html).toContain('<th scope="row">fast</th><td><code>10</code></td>');
    expect(html).toContain('<code>{&quot;a&quot;:[1,2]}</code>');
    expect(count(html, /<tr><td>2024-/)).toBe(5); // fills table
  });

  it('escapes user text everywhere', () => {
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;');
    expect(html).not.toContain('<img');
    expect(html).toContain('sma-cross&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('<title>SMA cross &lt;BTC&gt; &amp; ETH</title>');
    expect(html).toContain('aria-label="BTC-USD price with fills"');
  });

  it('is deterministic', () => {
    expect(renderBacktestReport(smallInput())).toBe(html);
    expect(renderBacktestReport(input)).toBe(html);
  });

  it('sorts unsorted input and ignores non-finite values', () => {
    const shuffled = smallInput();
    shuffled.equity = [...shuffled.equity].reverse();
    shuffled.equity.push({ tsNs: START, equity: Number.NaN });
    shuffled.fills = [...shuffled.fills].reverse();
    expect(renderBacktestReport(shuffled)).toBe(html);
  });

  it('renders empty inputs and fills for symbols without prices', () => {
    const empty: BacktestReportInput = {
      ...smallInput(),
      equity: [],
      prices: [],
      metrics: [],
      tradeStats: undefined,
      fills: [{ tsNs: START, symbol: 'XYZ', side: 'sell', price: 10, quantity: 1, orderId: 'a' }],
    };
    const out = renderBacktestReport(empty);
    expect(count(out, 'No data')).toBe(2);
    expect(count(out, 'class="mk sell"')).toBe(1);
    expect(out).toContain('No metrics.');
    expect(count(out, /<svg[\s>]/)).toBe(count(out, '</svg>'));
  });

  it('merges fills on the same pixel into one marker', () => {
    const dense = smallInput();
    const base = dense.fills[0]!;
    dense.fills = Array.from({ length: 50 }, (_, i) => ({ ...base, quantity: 1, orderId: `D-${i}` }));
    const out = renderBacktestReport(dense);
    expect(count(out, 'class="mk buy"')).toBe(1);
    expect(out).toContain('BUY ×50 fills, total 50 BTC-USD');
    expect(out).toContain('▲ buy ×50');
  });

  it('caps the fills table', () => {
    const out = renderBacktestReport(smallInput(), { maxFillRows: 2 });
    expect(count(out, /<tr><td>2024-/)).toBe(2);
    expect(out).toContain('Showing the first 2 of 5 fills.');
    expect(renderBacktestReport(smallInput(), { maxFillRows: 0 })).not.toContain('id="fills-table"');
  });

  it('renders a 500k-point backtest under 2 MB, keeping the extremes', () => {
    const big = equityBigInput(500_000);
    const out = renderBacktestReport(big);
    const bytes = Buffer.byteLength(out, 'utf8');
    expect(bytes).toBeLessThan(2 * 1024 * 1024);
    expect(count(out, /<svg[\s>]/)).toBe(3);
    const ys = big.equity.map((p) => p.equity);
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    for (const y of ys) {
      min = Math.min(min, y);
      max = Math.max(max, y);
    }
    const eqSvg = /<svg[^>]*id="equity-chart"[\s\S]*?<\/svg>/.exec(out)?.[0] ?? '';
    const eqPath = /class="line equity" d="M([^"]*)"/.exec(eqSvg)?.[1] ?? '';
    const pathYs = eqPath
      .split(' ')
      .map(Number)
      .filter((_, i) => i % 2 === 1);
    expect(pathYs.length).toBeGreaterThan(848);
    expect(pathYs.length).toBeLessThanOrEqual(4 * 848);
    // Recover the value->pixel scale from two y-axis labels and check both extremes are drawn.
    const ticks = [...eqSvg.matchAll(/<text x="78" y="([\d.]+)" text-anchor="end">([\d,.]+)<\/text>/g)].map(
      (m) => ({
        y: Number(m[1]) - 4,
        v: Number(m[2]!.replace(/,/g, '')),
      }),
    );
    expect(ticks.length).toBeGreaterThan(1);
    const [t0, t1] = [ticks[0]!, ticks[ticks.length - 1]!];
    const toPx = (v: number) => t0.y + ((v - t0.v) * (t1.y - t0.y)) / (t1.v - t0.v);
    let lowest = Number.NEGATIVE_INFINITY;
    let highest = Number.POSITIVE_INFINITY;
    for (const y of pathYs) {
      lowest = Math.max(lowest, y);
      highest = Math.min(highest, y);
    }
    expect(lowest).toBeCloseTo(toPx(min), 0);
    expect(highest).toBeCloseTo(toPx(max), 0);
    const dd = equityDrawdown(ys);
    expect(out).toContain(`Maximum drawdown ${(dd.max * 100).toFixed(2)}%`);
  }, 60_000);
});

describe('equityDrawdown', () => {
  it('matches analytics drawdownSeries on the curve returns', () => {
    const eq = [100, 110, 99, 120, 90, 95, 130];
    const returns = eq.slice(1).map((e, i) => e / eq[i]! - 1);
    const expected = [0, ...drawdownSeries(returns)];
    const got = equityDrawdown(eq);
    for (const [i, d] of expected.entries()) expect(got.dd[i]).toBeCloseTo(d, 12);
    expect(got.max).toBeCloseTo(90 / 120 - 1, 12);
    expect(got.peakIdx).toBe(3);
    expect(got.troughIdx).toBe(4);
  });
});

describe('writeBacktestReport', () => {
  it('writes the rendered document', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'nautilus-report-'));
    try {
      const path = join(dir, 'nested', 'out.html');
      const size = await writeBacktestReport(path, smallInput());
      const text = await readFile(path, 'utf8');
      expect(text).toBe(renderBacktestReport(smallInput()));
      expect(size).toBe(Buffer.byteLength(text, 'utf8'));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
