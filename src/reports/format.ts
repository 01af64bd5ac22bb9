/** Deterministic, locale-independent text formatting and HTML escaping for reports. */
import { bigintAsText } from '../domain/time.ts';
import type { MetricFormat } from './backtest-result.ts';

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for use in HTML element content and (quoted) attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/**
 * Fixed-point number with `,` thousands separators and `.` decimals, independent of the host
 * locale. Never yields "-0.00"; values too large for toFixed fall back to String().
 */
export function formatNumber(value: number, decimals: number): string {
  if (Number.isNaN(value)) return 'n/a';
  if (value === Number.POSITIVE_INFINITY) return '∞';
  if (value === Number.NEGATIVE_INFINITY) return '-∞';
  const abs = Math.abs(value);
  if (abs >= 1e21) return String(value);
  const fixed = abs.toFixed(decimals);
  const [whole = '0', frac] = fixed.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const body = frac === undefined ? grouped : `${grouped}.${frac}`;
  const isZero = /^[0.,]*$/.test(body);
  return value < 0 && !isZero ? `-${body}` : body;
}

/** Up to `maxDecimals` decimals with trailing zeros removed ("1.5", "1,234", "0.0001"). */
export function formatCompact(value: number, maxDecimals = 4): string {
  const s = formatNumber(value, maxDecimals);
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

/**
 * Formats a metric value: strings as given; `pct` expects a fraction and shows 2 decimals
 * (0.12345 -> "12.35%"); `ratio` 2 decimals; `money` 2 decimals and the currency; `int` rounded.
 * Without a format integers get separators and other numbers up to 4 decimals.
 */
export function formatMetricValue(
  value: number | string,
  format: MetricFormat | undefined,
  currency: string,
) {
  if (typeof value === 'string') return value;
  if (!Number.isFinite(value)) return formatNumber(value, 0);
  switch (format) {
    case 'pct':
      return `${formatNumber(value * 100, 2)}%`;
    case 'ratio':
      return formatNumber(value, 2);
    case 'money':
      return `${formatNumber(value, 2)} ${currency}`;
    case 'int':
      return formatNumber(Math.round(value), 0);
    default:
      return Number.isInteger(value) ? formatNumber(value, 0) : formatCompact(value, 4);
  }
}

/** "winRate" -> "Win rate", "max_drawdown" -> "Max drawdown". */
export function humanizeKey(key: string): string {
  const words = key
    .replace(/[_-]+/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Wall-clock duration: "850 ms", "12.35 s", "3m 05s", "2h 03m 05s". */
export function formatDurationMs(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return 'n/a';
  if (ms < 1000) return `${formatNumber(ms, 0)} ms`;
  if (ms < 60_000) return `${formatNumber(ms / 1000, 2)} s`;
  const total = Math.round(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mm = String(m).padStart(2, '0');
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${formatNumber(h, 0)}h ${mm}m ${ss}s` : `${m}m ${ss}s`;
}

/** Length of a simulated period given in nanoseconds: "90d 4h 30m", "2h 15m", "42s". */
export function formatSpanNs(ns: bigint): string {
  if (ns < 0n) return `-${formatSpanNs(-ns)}`;
  const totalS = ns / 1_000_000_000n;
  const d = totalS / 86_400n;
  const h = (totalS % 86_400n) / 3600n;
  const m = (totalS % 3600n) / 60n;
  const s = totalS % 60n;
  if (d > 0n) return `${d}d ${h}h ${m}m`;
  if (h > 0n) return `${h}h ${m}m`;
  if (m > 0n) return `${m}m ${s}s`;
  if (totalS > 0n) return `${s}s`;
  return `${formatNumber(Number(ns) / 1e6, 3)} ms`;
}

/** Renders a parameter value: strings verbatim, everything else as JSON (bigints as digits). */
export function formatParamValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return 'undefined';
  if (typeof value === 'function' || typeof value === 'symbol') return String(value);
  try {
    const json = JSON.stringify(value, bigintAsText);
    return json ?? String(value);
  } catch {
    return String(value);
  }
}
