/** The report's tables: metrics, trade stats, fills and run information. */
import { nsToIso } from '../domain/time.ts';
import type { BacktestReportInput, ReportFill } from './backtest-result.ts';
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

function row(name: string, value: string, numeric = true, negative = false): string {
  const cls = numeric ? (negative ? ' class="num neg"' : ' class="num"') : '';
  return `<tr><th scope="row">${escapeHtml(name)}</th><td${cls}>${escapeHtml(value)}</td></tr>`;
}

export function metricsTable(input: BacktestReportInput): string {
  if (input.metrics.length === 0) return '<p class="muted">No metrics.</p>';
  const rows = input.metrics.map((m) => {
    const text = formatMetricValue(m.value, m.format, input.baseCurrency);
    const neg = typeof m.value === 'number' && m.value < 0;
    return row(m.name, text, typeof m.value === 'number', neg);
  });
  return `<table class="kv" id="metrics-table"><tbody>${rows.join('')}</tbody></table>`;
}

/** Trade statistics: keys ending in "rate"/"pct"/"percent" are fractions shown as percentages. */
export function tradeStatsTable(stats: Record<string, number> | undefined): string {
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

export function fillsTable(fills: readonly ReportFill[], maxRows: number): string {
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

export function runInfo(
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

export function card(label: string, value: string, negative = false): string {
  return `<div class="card"><div class="label">${escapeHtml(label)}</div><div class="value${negative ? ' neg' : ''}">${escapeHtml(value)}</div></div>`;
}
