/** The report's SVG charts: equity, drawdown and prices with fill markers (M4-downsampled). */
import { nsToIso, nsToMs } from '../domain/time.ts';
import type { BacktestReportInput, FillSide, ReportFill } from './backtest-result.ts';
import { escapeHtml, formatCompact, formatNumber } from './format.ts';
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

interface Series {
  /** Exact timestamps (ns), parallel to xs. */
  ts: bigint[];
  /** Timestamps in milliseconds (chart x). */
  xs: Float64Array;
  ys: Float64Array;
}

export const EMPTY_SERIES: Series = { ts: [], xs: new Float64Array(0), ys: new Float64Array(0) };

/** Finite points, as milliseconds, sorted by time (stable; no copy-sort when already sorted). */
export function toSeries<T>(points: readonly T[], ts: (p: T) => bigint, value: (p: T) => number): Series {
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

export function xAxis(input: BacktestReportInput, series: Series[], fills: readonly ReportFill[]): XAxis {
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

export function equityChart(eq: Series, x: XAxis, currency: string): { svg: string; plotted: number } {
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

export function drawdownChart(eq: Series, dd: DrawdownInfo, x: XAxis): string {
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

export function priceChart(
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
