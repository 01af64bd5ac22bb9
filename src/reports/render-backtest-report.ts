/**
 * Renders a backtest as ONE self-contained HTML document: inline CSS and inline SVG only, no
 * scripts, no external resources (a Content-Security-Policy forbids any), so the file opens from
 * disk without a server or network. Output is a pure function of the input (byte-identical for
 * the same input; the rendering time is never included).
 *
 * Long series are downsampled with M4 (first/min/max/last per horizontal pixel column, see
 * `downsampleM4`), so a curve of any length costs at most 4 points per pixel (~3.5k points per
 * chart) while peaks, troughs and the maximum drawdown stay exactly visible.
 */
import { nsToIso } from '../domain/time.ts';
import type { BacktestReportInput } from './backtest-result.ts';
import { escapeHtml, formatMetricValue, formatNumber } from './format.ts';
import {
  drawdownChart,
  EMPTY_SERIES,
  equityChart,
  equityDrawdown,
  priceChart,
  toSeries,
  xAxis,
} from './report-charts.ts';
import { card, fillsTable, metricsTable, runInfo, tradeStatsTable } from './report-tables.ts';

export { CHART_WIDTH, equityDrawdown, PLOT_WIDTH } from './report-charts.ts';

/** At most this many fills are listed in the fills table (all are drawn on the charts). */
export const MAX_FILL_ROWS = 1000;

export interface RenderOptions {
  /** Rows of the fills table; default MAX_FILL_ROWS. 0 hides the table. */
  maxFillRows?: number;
}

const CSS = `
:root{--fg:#1b1f24;--muted:#6a737d;--bg:#fff;--panel:#f6f8fa;--line:#d0d7de;--eq:#0969da;--dd:#cf222e;--buy:#1a7f37;--sell:#cf222e}
*{box-sizing:border-box}
body{margin:0;padding:24px;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:var(--fg);background:var(--bg)}
main{max-width:1000px;margin:0 auto}
h1{font-size:22px;margin:0 0 4px}
h2{font-size:16px;margin:28px 0 8px;border-bottom:1px solid var(--line);padding-bottom:4px}
h3{font-size:14px;margin:16px 0 6px}
.sub,.muted,.cap{color:var(--muted)}
.cap{margin:4px 0 0;font-size:12px}
.cards{display:flex;flex-wrap:wrap;gap:10px;margin:16px 0}
.card{background:var(--panel);border:1px solid var(--line);border-radius:6px;padding:8px 12px;min-width:150px}
.card .label{font-size:12px;color:var(--muted)}
.card .value{font-size:18px;font-variant-numeric:tabular-nums}
.neg{color:var(--dd)}
svg.chart{display:block;max-width:100%;height:auto;background:var(--bg)}
svg.chart text{font:11px system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;fill:var(--muted)}
svg.chart .unit{font-weight:600}
.grid line{stroke:#eaeef2;stroke-width:1}
.axis path{fill:none;stroke:var(--line)}
.line{fill:none;stroke-width:1.4;stroke-linejoin:round}
.line.equity{stroke:var(--eq)}
.line.price{stroke:#57606a}
.line.dd{stroke:var(--dd);stroke-width:1}
.area.dd{fill:var(--dd);fill-opacity:.25;stroke:none}
.ref{stroke:var(--muted);stroke-dasharray:4 4;stroke-width:1}
.mk{stroke:#fff;stroke-width:.8}
.mk.buy,.legend .buy{fill:var(--buy);color:var(--buy)}
.mk.sell,.legend .sell{fill:var(--sell);color:var(--sell)}
.mk:hover{stroke:var(--fg);stroke-width:1.5}
table{border-collapse:collapse;font-variant-numeric:tabular-nums}
table.kv th,table.kv td,table.grid-table th,table.grid-table td{padding:4px 10px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
table.kv th{font-weight:500;color:var(--muted);white-space:nowrap}
table.params th,table.params td{padding:1px 8px 1px 0;border:0}
td.num{text-align:right}
td.buy{color:var(--buy)}td.sell{color:var(--sell)}
.tables{display:flex;flex-wrap:wrap;gap:32px}
ul{margin:0;padding-left:18px}
code{font:12px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;word-break:break-all}
footer{margin-top:32px;font-size:12px;color:var(--muted)}
`
  .trim()
  .replace(/\n/g, '');

/** Renders the complete, self-contained HTML report. */
export function renderBacktestReport(input: BacktestReportInput, options: RenderOptions = {}): string {
  const maxFillRows = options.maxFillRows ?? MAX_FILL_ROWS;
  const currency = input.baseCurrency;
  const eq = toSeries(
    input.equity,
    (p) => p.tsNs,
    (p) => p.equity,
  );
  const priceSeries = input.prices.map((p) => ({
    symbol: p.symbol,
    series: toSeries(
      p.points,
      (q) => q.tsNs,
      (q) => q.price,
    ),
  }));
  // Stable chronological order for markers and the fills table.
  const fills = input.fills
    .map((f, i) => ({ f, i }))
    .sort((a, b) => (a.f.tsNs < b.f.tsNs ? -1 : a.f.tsNs > b.f.tsNs ? 1 : a.i - b.i))
    .map((e) => e.f);
  const x = xAxis(input, [eq, ...priceSeries.map((p) => p.series)], fills);
  const dd = equityDrawdown(eq.ys);

  const symbols = priceSeries.map((p) => p.symbol);
  for (const f of fills) if (!symbols.includes(f.symbol)) symbols.push(f.symbol);

  const equityPart = equityChart(eq, x, currency);
  const body: string[] = [];
  body.push(`<header><h1>${escapeHtml(input.title)}</h1>`);
  body.push(
    `<p class="sub">Strategy <strong>${escapeHtml(input.strategy)}</strong> · ${escapeHtml(nsToIso(input.startNs))} → ${escapeHtml(nsToIso(input.endNs))} · ${escapeHtml(currency)}</p></header>`,
  );

  const cards: string[] = [];
  if (eq.ys.length > 0) {
    const first = eq.ys[0]!;
    const last = eq.ys[eq.ys.length - 1]!;
    cards.push(card('Start equity', `${formatNumber(first, 2)} ${currency}`));
    cards.push(card('End equity', `${formatNumber(last, 2)} ${currency}`));
    if (first > 0) {
      const ret = last / first - 1;
      cards.push(card('Total return', formatMetricValue(ret, 'pct', currency), ret < 0));
    }
    cards.push(card('Max drawdown', formatMetricValue(dd.max, 'pct', currency), dd.max < 0));
  }
  cards.push(card('Fills', formatNumber(fills.length, 0)));
  body.push(`<section class="cards" id="summary">${cards.join('')}</section>`);

  body.push(`<section id="equity"><h2>Equity (${escapeHtml(currency)})</h2>${equityPart.svg}`);
  body.push('<p class="cap">Dashed line: starting equity.</p></section>');

  body.push(`<section id="drawdown"><h2>Drawdown</h2>${drawdownChart(eq, dd, x)}`);
  if (eq.ys.length > 0 && dd.max < 0) {
    body.push(
      `<p class="cap">Maximum drawdown ${escapeHtml(formatMetricValue(dd.max, 'pct', currency))} from the peak at ${escapeHtml(nsToIso(eq.ts[dd.peakIdx]!))} to the trough at ${escapeHtml(nsToIso(eq.ts[dd.troughIdx]!))}.</p>`,
    );
  }
  body.push('</section>');

  body.push('<section id="prices"><h2>Prices and fills</h2>');
  if (symbols.length === 0) body.push('<p class="muted">No price data.</p>');
  symbols.forEach((symbol, i) => {
    const series = priceSeries.find((p) => p.symbol === symbol)?.series ?? EMPTY_SERIES;
    const own = fills.filter((f) => f.symbol === symbol);
    const chart = priceChart(i, symbol, series, own, x);
    body.push(
      `<h3>${escapeHtml(symbol)} <span class="legend"><span class="buy">▲ buy ×${chart.buys}</span> <span class="sell">▼ sell ×${chart.sells}</span></span></h3>${chart.svg}`,
    );
  });
  body.push('</section>');

  body.push('<section class="tables">');
  body.push(`<div id="metrics"><h2>Metrics</h2>${metricsTable(input)}</div>`);
  body.push(`<div id="trade-stats"><h2>Trade statistics</h2>${tradeStatsTable(input.tradeStats)}</div>`);
  body.push('</section>');
  body.push(
    `<section id="run-info"><h2>Run information</h2>${runInfo(input, eq.ys.length, equityPart.plotted, fills.length)}</section>`,
  );
  if (maxFillRows > 0)
    body.push(`<section id="fills"><h2>Fills</h2>${fillsTable(fills, maxFillRows)}</section>`);
  body.push(
    '<footer>Generated by Nautilus. Self-contained report: no scripts, no network access. Series are downsampled per horizontal pixel keeping the first, minimum, maximum and last point (M4), so extremes and drawdowns are preserved. Hover a marker for fill details.</footer>',
  );

  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    `<title>${escapeHtml(input.title)}</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    '<body>',
    `<main>${body.join('\n')}</main>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
