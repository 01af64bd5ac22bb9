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
import { nsToIso, nsToMs } from '../domain/time.ts';
import type { BacktestReportInput, FillSide, ReportFill } from './backtest-result.ts';
import {
  escapeHtml,
  formatCompact,
  formatDurationMs,
  formatMetricValue,
  formatNumber,
  formatParamValue,
  formatSpanNs,
  humanizeKey,
} from './format.ts';
import {
  areaPath,
  coord,
  downsampleM4,
  linearScale,
  linePath,
  niceTicks,
  type Scale,
  stepDecimals,
  type TimeTick,
  timeTicks,
  trianglePath,
} from './svg-chart.ts';

/** Chart geometry in SVG user units (CSS pixels at 100%). */
export const CHART_WIDTH = 960;
const MARGIN = { left: 84, right: 28, top: 14, bottom: 28 } as const;
export const PLOT_WIDTH = CHART_WIDTH - MARGIN.left - MARGIN.right;
const EQUITY_HEIGHT = 320;
const DRAWDOWN_HEIGHT = 190;
const PRICE_HEIGHT = 280;
/** At most this many fills are listed in the fills table (all are drawn on the charts). */
export const MAX_FILL_ROWS = 1000;

export interface RenderOptions {
  /** Rows of the fills table; default MAX_FILL_ROWS. 0 hides the table. */
  maxFillRows?: number;
}

interface Series {
  /** Exact timestamps (ns), parallel to xs. */
  ts: bigint[];
  /** Timestamps in milliseconds (chart x). */
  xs: Float64Array;
  ys: Float64Array;
}

const EMPTY_SERIES: Series = { ts: [], xs: new Float64Array(0), ys: new Float64Array(0) };

/** Finite points, as milliseconds, sorted by time (stable; no copy-sort when already sorted). */
function toSeries<T>(points: readonly T[], ts: (p: T) => bigint, value: (p: T) => number): Series {
  const kept: { t: bigint; x: number; y: number }[] = [];
  let sorted = true;
  let prev = Number.NEGATIVE_INFINITY;
  for (const p of points) {
    const y = value(p);
    if (!Number.isFinite(y)) continue;
    const t = ts(p);
    const x = nsToMs(t);
    if (x < prev) sorted = false;
    prev = x;
    kept.push({ t, x, y });
  }
  if (!sorted) kept.sort((a, b) => (a.t < b.t ? -1 : a.t > b.t ? 1 : 0));
  const xs = new Float64Array(kept.length);
  const ys = new Float64Array(kept.length);
  const tsOut: bigint[] = new Array(kept.length);
  kept.forEach((p, i) => {
    tsOut[i] = p.t;
    xs[i] = p.x;
    ys[i] = p.y;
  });
  return { ts: tsOut, xs, ys };
}

function extent(values: ArrayLike<number>): [number, number] {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return [lo, hi];
}

interface DrawdownInfo {
  dd: Float64Array;
  /** Most negative drawdown (<= 0) and where it happened. */
  max: number;
  troughIdx: number;
  peakIdx: number;
}

/**
 * Drawdown of each equity level from its running peak: equity / peak - 1 (<= 0). Same definition
 * as analytics `drawdownSeries` applied to the curve's returns; while the running peak is not
 * positive the drawdown is undefined and shown as 0.
 */
export function equityDrawdown(equity: ArrayLike<number>): DrawdownInfo {
  const dd = new Float64Array(equity.length);
  let peak = Number.NEGATIVE_INFINITY;
  let peakIdx = 0;
  let runPeakIdx = 0;
  let max = 0;
  let troughIdx = 0;
  for (let i = 0; i < equity.length; i++) {
    const e = equity[i]!;
    if (e > peak) {
      peak = e;
      runPeakIdx = i;
    }
    const d = peak > 0 ? e / peak - 1 : 0;
    dd[i] = d;
    if (d < max) {
      max = d;
      troughIdx = i;
      peakIdx = runPeakIdx;
    }
  }
  return { dd, max, troughIdx, peakIdx };
}

interface Frame {
  id: string;
  height: number;
  label: string;
  sx: Scale;
  sy: Scale;
  xTicks: TimeTick[];
  yTicks: number[];
  yFormat: (v: number) => string;
}

function plotBottom(height: number): number {
  return height - MARGIN.bottom;
}

/** Opening of a chart: svg element, clip path, grid, axes and tick labels. */
function chartStart(f: Frame): string {
  const x0 = MARGIN.left;
  const x1 = CHART_WIDTH - MARGIN.right;
  const y0 = MARGIN.top;
  const y1 = plotBottom(f.height);
  const out: string[] = [];
  out.push(
    `<svg class="chart" id="${f.id}" viewBox="0 0 ${CHART_WIDTH} ${f.height}" width="${CHART_WIDTH}" height="${f.height}" role="img" aria-label="${escapeHtml(f.label)}">`,
  );
  out.push(
    `<defs><clipPath id="${f.id}-clip"><rect x="${x0}" y="${y0 - 6}" width="${x1 - x0}" height="${y1 - y0 + 12}"/></clipPath></defs>`,
  );
  out.push('<g class="grid">');
  for (const v of f.yTicks) {
    const y = coord(f.sy(v));
    out.push(`<line x1="${x0}" y1="${y}" x2="${x1}" y2="${y}"/>`);
  }
  for (const t of f.xTicks) {
    const x = coord(f.sx(t.ms));
    out.push(`<line x1="${x}" y1="${y0}" x2="${x}" y2="${y1}"/>`);
  }
  out.push('</g>');
  out.push(`<g class="axis"><path d="M${x0} ${y0}V${y1}H${x1}"/>`);
  for (const v of f.yTicks) {
    out.push(
      `<text x="${x0 - 6}" y="${coord(f.sy(v) + 4)}" text-anchor="end">${escapeHtml(f.yFormat(v))}</text>`,
    );
  }
  for (const t of f.xTicks) {
    // Labels near the right edge are right-aligned so they are not cut off (~6.5 px per glyph).
    const x = f.sx(t.ms);
    const anchor = x + t.label.length * 3.3 > CHART_WIDTH ? 'end' : 'middle';
    out.push(`<text x="${coord(x)}" y="${y1 + 17}" text-anchor="${anchor}">${escapeHtml(t.label)}</text>`);
  }
  out.push(`<text class="unit" x="${x0 - 6}" y="${y1 + 17}" text-anchor="end">UTC</text>`);
  out.push('</g>');
  return out.join('');
}

function noData(height: number): string {
  const y = coord((MARGIN.top + plotBottom(height)) / 2);
  return `<text class="nodata" x="${coord(MARGIN.left + PLOT_WIDTH / 2)}" y="${y}" text-anchor="middle">No data</text>`;
}

function valueFormatter(step: number, suffix = ''): (v: number) => string {
  const d = stepDecimals(step);
  return (v) => `${formatNumber(v, d)}${suffix}`;
}

interface XAxis {
  domain: [number, number];
  sx: Scale;
  ticks: TimeTick[];
}

function xAxis(input: BacktestReportInput, series: Series[], fills: readonly ReportFill[]): XAxis {
  let lo = nsToMs(input.startNs);
  let hi = nsToMs(input.endNs);
  if (hi < lo) [lo, hi] = [hi, lo];
  for (const s of series) {
    if (s.xs.length === 0) continue;
    lo = Math.min(lo, s.xs[0]!);
    hi = Math.max(hi, s.xs[s.xs.length - 1]!);
  }
  for (const f of fills) {
    const x = nsToMs(f.tsNs);
    if (x < lo) lo = x;
    if (x > hi) hi = x;
  }
  if (hi === lo) hi = lo + 1;
  const domain: [number, number] = [lo, hi];
  return {
    domain,
    sx: linearScale(domain, [MARGIN.left, CHART_WIDTH - MARGIN.right]),
    ticks: timeTicks(lo, hi, 7),
  };
}

function equityChart(eq: Series, x: XAxis, currency: string): { svg: string; plotted: number } {
  const [lo, hi] = eq.ys.length > 0 ? extent(eq.ys) : [0, 1];
  const t = niceTicks(lo, hi, 5);
  const sy = linearScale([t.min, t.max], [plotBottom(EQUITY_HEIGHT), MARGIN.top]);
  const parts = [
    chartStart({
      id: 'equity-chart',
      height: EQUITY_HEIGHT,
      label: `Equity curve (${currency})`,
      sx: x.sx,
      sy,
      xTicks: x.ticks,
      yTicks: t.ticks,
      yFormat: valueFormatter(t.step),
    }),
  ];
  let plotted = 0;
  if (eq.xs.length === 0) {
    parts.push(noData(EQUITY_HEIGHT));
  } else {
    const idx = downsampleM4(eq.xs, eq.ys, PLOT_WIDTH, x.domain);
    plotted = idx.length;
    const y0 = coord(sy(eq.ys[0]!));
    parts.push(`<g clip-path="url(#equity-chart-clip)">`);
    parts.push(
      `<line class="ref" x1="${MARGIN.left}" y1="${y0}" x2="${CHART_WIDTH - MARGIN.right}" y2="${y0}"/>`,
    );
    parts.push(`<path class="line equity" d="${linePath(eq.xs, eq.ys, idx, x.sx, sy)}"/>`);
    parts.push('</g>');
  }
  parts.push('</svg>');
  return { svg: parts.join(''), plotted };
}

function drawdownChart(eq: Series, dd: DrawdownInfo, x: XAxis): string {
  const t = niceTicks(Math.min(dd.max, -0.001), 0, 4);
  const sy = linearScale([t.min, t.max], [plotBottom(DRAWDOWN_HEIGHT), MARGIN.top]);
  const pctStep = t.step * 100;
  const d = stepDecimals(pctStep);
  const parts = [
    chartStart({
      id: 'drawdown-chart',
      height: DRAWDOWN_HEIGHT,
      label: 'Drawdown from running equity peak (%)',
      sx: x.sx,
      sy,
      xTicks: x.ticks,
      yTicks: t.ticks,
      yFormat: (v) => `${formatNumber(v * 100, d)}%`,
    }),
  ];
  if (eq.xs.length === 0) {
    parts.push(noData(DRAWDOWN_HEIGHT));
  } else {
    const idx = downsampleM4(eq.xs, dd.dd, PLOT_WIDTH, x.domain);
    const zero = sy(0);
    parts.push(`<g clip-path="url(#drawdown-chart-clip)">`);
    parts.push(`<path class="area dd" d="${areaPath(eq.xs, dd.dd, idx, x.sx, sy, zero)}"/>`);
    parts.push(`<path class="line dd" d="${linePath(eq.xs, dd.dd, idx, x.sx, sy)}"/>`);
    parts.push('</g>');
  }
  parts.push('</svg>');
  return parts.join('');
}

interface Marker {
  side: FillSide;
  x: number;
  y: number;
  count: number;
  quantity: number;
  first: ReportFill;
}

function markerTitle(m: Marker): string {
  const f = m.first;
  const side = m.side.toUpperCase();
  const head = `${side} ${formatCompact(f.quantity, 8)} ${f.symbol} @ ${formatCompact(f.price, 8)}`;
  const when = `${nsToIso(f.tsNs)} · order ${f.orderId}`;
  if (m.count === 1) return `${head}\n${when}`;
  return `${side} ×${m.count} fills, total ${formatCompact(m.quantity, 8)} ${f.symbol}\nfirst: ${head}\n${when}`;
}

function priceChart(
  index: number,
  symbol: string,
  s: Series,
  fills: readonly ReportFill[],
  x: XAxis,
): { svg: string; buys: number; sells: number } {
  const fillPrices = fills.filter((f) => Number.isFinite(f.price)).map((f) => f.price);
  let [lo, hi] = s.ys.length > 0 ? extent(s.ys) : [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];
  for (const p of fillPrices) {
    if (p < lo) lo = p;
    if (p > hi) hi = p;
  }
  if (lo > hi) [lo, hi] = [0, 1];
  const t = niceTicks(lo, hi, 5);
  const sy = linearScale([t.min, t.max], [plotBottom(PRICE_HEIGHT), MARGIN.top]);
  const id = `price-chart-${index}`;
  const parts = [
    chartStart({
      id,
      height: PRICE_HEIGHT,
      label: `${symbol} price with fills`,
      sx: x.sx,
      sy,
      xTicks: x.ticks,
      yTicks: t.ticks,
      yFormat: valueFormatter(t.step),
    }),
  ];
  if (s.xs.length === 0 && fillPrices.length === 0) parts.push(noData(PRICE_HEIGHT));
  parts.push(`<g clip-path="url(#${id}-clip)">`);
  if (s.xs.length > 0) {
    const idx = downsampleM4(s.xs, s.ys, PLOT_WIDTH, x.domain);
    parts.push(`<path class="line price" d="${linePath(s.xs, s.ys, idx, x.sx, sy)}"/>`);
  }
  // Fills drawn at the same pixel (and side) are merged into one marker, which bounds the
  // marker count by the plot area however many fills there are.
  const markers = new Map<string, Marker>();
  let buys = 0;
  let sells = 0;
  for (const f of fills) {
    if (!Number.isFinite(f.price)) continue;
    const mx = x.sx(nsToMs(f.tsNs));
    const my = sy(f.price);
    const key = `${f.side}:${Math.round(mx)}:${Math.round(my)}`;
    const m = markers.get(key);
    if (m) {
      m.count++;
      m.quantity += f.quantity;
    } else {
      markers.set(key, { side: f.side, x: mx, y: my, count: 1, quantity: f.quantity, first: f });
    }
    if (f.side === 'buy') buys++;
    else sells++;
  }
  for (const m of markers.values()) {
    const up = m.side === 'buy';
    parts.push(
      `<path class="mk ${up ? 'buy' : 'sell'}" d="${trianglePath(m.x, m.y, up)}"><title>${escapeHtml(markerTitle(m))}</title></path>`,
    );
  }
  parts.push('</g></svg>');
  return { svg: parts.join(''), buys, sells };
}

function row(name: string, value: string, numeric = true, negative = false): string {
  const cls = numeric ? (negative ? ' class="num neg"' : ' class="num"') : '';
  return `<tr><th scope="row">${escapeHtml(name)}</th><td${cls}>${escapeHtml(value)}</td></tr>`;
}

function metricsTable(input: BacktestReportInput): string {
  if (input.metrics.length === 0) return '<p class="muted">No metrics.</p>';
  const rows = input.metrics.map((m) => {
    const text = formatMetricValue(m.value, m.format, input.baseCurrency);
    const neg = typeof m.value === 'number' && m.value < 0;
    return row(m.name, text, typeof m.value === 'number', neg);
  });
  return `<table class="kv" id="metrics-table"><tbody>${rows.join('')}</tbody></table>`;
}

/** Trade statistics: keys ending in "rate"/"pct"/"percent" are fractions shown as percentages. */
function tradeStatsTable(stats: Record<string, number> | undefined): string {
  const entries = Object.entries(stats ?? {});
  if (entries.length === 0) return '<p class="muted">No trade statistics.</p>';
  const rows = entries.map(([key, v]) => {
    const isPct = /(rate|pct|percent)$/i.test(key);
    const text = isPct
      ? formatMetricValue(v, 'pct', '')
      : Number.isInteger(v)
        ? formatNumber(v, 0)
        : formatNumber(v, 2);
    return row(humanizeKey(key), text, true, v < 0);
  });
  return `<table class="kv" id="trade-stats-table"><tbody>${rows.join('')}</tbody></table>`;
}

function fillsTable(fills: readonly ReportFill[], maxRows: number): string {
  if (maxRows <= 0) return '';
  if (fills.length === 0) return '<p class="muted">No fills.</p>';
  const shown = fills.slice(0, maxRows);
  const rows = shown.map(
    (f) =>
      `<tr><td>${escapeHtml(nsToIso(f.tsNs))}</td><td>${escapeHtml(f.symbol)}</td><td class="${f.side}">${f.side === 'buy' ? '▲ buy' : '▼ sell'}</td><td class="num">${escapeHtml(formatCompact(f.quantity, 8))}</td><td class="num">${escapeHtml(formatCompact(f.price, 8))}</td><td>${escapeHtml(f.orderId)}</td></tr>`,
  );
  const note =
    fills.length > shown.length
      ? `<p class="muted">Showing the first ${formatNumber(shown.length, 0)} of ${formatNumber(fills.length, 0)} fills.</p>`
      : '';
  return `<table class="grid-table" id="fills-table"><thead><tr><th>Time (UTC)</th><th>Symbol</th><th>Side</th><th>Quantity</th><th>Price</th><th>Order</th></tr></thead><tbody>${rows.join('')}</tbody></table>${note}`;
}

function runInfo(
  input: BacktestReportInput,
  equityPoints: number,
  plotted: number,
  fillCount: number,
): string {
  const rows: string[] = [];
  rows.push(row('Strategy', input.strategy, false));
  rows.push(
    row(
      'Period',
      `${nsToIso(input.startNs)} → ${nsToIso(input.endNs)} (${formatSpanNs(input.endNs - input.startNs)})`,
      false,
    ),
  );
  rows.push(row('Base currency', input.baseCurrency, false));
  const files =
    input.dataFiles.length === 0
      ? '<span class="muted">none</span>'
      : `<ul>${input.dataFiles.map((f) => `<li><code>${escapeHtml(f)}</code></li>`).join('')}</ul>`;
  rows.push(`<tr><th scope="row">Data files</th><td>${files}</td></tr>`);
  const params = Object.entries(input.params);
  const paramHtml =
    params.length === 0
      ? '<span class="muted">none</span>'
      : `<table class="params"><tbody>${params
          .map(
            ([k, v]) =>
              `<tr><th scope="row">${escapeHtml(k)}</th><td><code>${escapeHtml(formatParamValue(v))}</code></td></tr>`,
          )
          .join('')}</tbody></table>`;
  rows.push(`<tr><th scope="row">Parameters</th><td>${paramHtml}</td></tr>`);
  if (input.events !== undefined) rows.push(row('Events processed', formatNumber(input.events, 0)));
  if (input.durationMs !== undefined) rows.push(row('Run duration', formatDurationMs(input.durationMs)));
  if (input.events !== undefined && input.durationMs !== undefined && input.durationMs > 0) {
    rows.push(row('Throughput', `${formatNumber((input.events / input.durationMs) * 1000, 0)} events/s`));
  }
  rows.push(
    row(
      'Equity points',
      `${formatNumber(equityPoints, 0)} (${formatNumber(plotted, 0)} plotted after M4 downsampling)`,
    ),
  );
  rows.push(row('Fills', formatNumber(fillCount, 0)));
  return `<table class="kv" id="run-info-table"><tbody>${rows.join('')}</tbody></table>`;
}

function card(label: string, value: string, negative = false): string {
  return `<div class="card"><div class="label">${escapeHtml(label)}</div><div class="value${negative ? ' neg' : ''}">${escapeHtml(value)}</div></div>`;
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
