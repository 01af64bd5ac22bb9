/**
 * Pure helpers for the report's inline SVG charts: scales, "nice" ticks, UTC time ticks,
 * compact path strings and min/max (M4) downsampling. No DOM, no I/O, deterministic output.
 */

export type Scale = (value: number) => number;

/** Linear map of `domain` onto `range`; a degenerate domain maps everything to the range midpoint. */
export function linearScale(domain: readonly [number, number], range: readonly [number, number]): Scale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0;
  if (span === 0 || !Number.isFinite(span)) {
    const mid = (r0 + r1) / 2;
    return () => mid;
  }
  const k = (r1 - r0) / span;
  return (v) => r0 + (v - d0) * k;
}

/** SVG coordinate text: one decimal (sub-pixel enough), no "-0", no trailing ".0". */
export function coord(v: number): string {
  const r = Math.round(v * 10) / 10;
  return r === 0 ? '0' : String(r);
}

export interface NiceTicks {
  /** Domain widened outward to multiples of `step`. */
  min: number;
  max: number;
  step: number;
  ticks: number[];
}

/** Rounds away binary noise from tick arithmetic (0.1 * 3 -> 0.3). */
function clean(v: number, step: number): number {
  const decimals = Math.max(0, Math.min(15, -Math.floor(Math.log10(step)) + 2));
  const r = Number(v.toFixed(decimals));
  return r === 0 ? 0 : r;
}

/** Step of 1, 2, 2.5 or 5 times a power of ten giving about `target` intervals over [min, max]. */
export function niceStep(min: number, max: number, target = 5): number {
  const span = Math.abs(max - min);
  const raw = span / Math.max(1, target);
  if (!(raw > 0) || !Number.isFinite(raw)) return 1;
  const pow = 10 ** Math.floor(Math.log10(raw));
  const m = raw / pow;
  const mult = m <= 1 ? 1 : m <= 2 ? 2 : m <= 2.5 ? 2.5 : m <= 5 ? 5 : 10;
  return mult * pow;
}

/**
 * Ticks for a value axis. The domain is widened outward to whole steps, so the data fits the
 * axis. A degenerate range (min == max) is padded by 1% of its magnitude (or 1 around zero).
 */
export function niceTicks(min: number, max: number, target = 5): NiceTicks {
  let lo = Math.min(min, max);
  let hi = Math.max(min, max);
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) {
    lo = 0;
    hi = 1;
  }
  if (lo === hi) {
    const pad = lo === 0 ? 1 : Math.abs(lo) * 0.01;
    lo -= pad;
    hi += pad;
  }
  const step = niceStep(lo, hi, target);
  const start = Math.floor(lo / step + 1e-9);
  const end = Math.ceil(hi / step - 1e-9);
  const ticks: number[] = [];
  for (let i = start; i <= end; i++) ticks.push(clean(i * step, step));
  return { min: clean(start * step, step), max: clean(end * step, step), step, ticks };
}

/** Decimals needed to show multiples of `step` exactly (2.5 -> 1, 0.05 -> 2, 100 -> 0). */
export function stepDecimals(step: number): number {
  if (!(step > 0) || !Number.isFinite(step)) return 0;
  for (let d = 0; d <= 10; d++) {
    const scaled = step * 10 ** d;
    if (Math.abs(scaled - Math.round(scaled)) < 1e-9 * Math.max(1, scaled)) return d;
  }
  return 10;
}

export interface TimeTick {
  ms: number;
  label: string;
}

const SEC = 1000;
const MIN = 60 * SEC;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
/** 1970-01-01 was a Thursday; weekly ticks are aligned to Mondays. */
const MONDAY_OFFSET = 4 * DAY;
const FIXED_STEPS = [
  SEC,
  2 * SEC,
  5 * SEC,
  10 * SEC,
  15 * SEC,
  30 * SEC,
  MIN,
  2 * MIN,
  5 * MIN,
  10 * MIN,
  15 * MIN,
  30 * MIN,
  HOUR,
  2 * HOUR,
  3 * HOUR,
  6 * HOUR,
  12 * HOUR,
  DAY,
  2 * DAY,
  7 * DAY,
  14 * DAY,
];
const MONTH_STEPS = [1, 2, 3, 6];

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function fixedLabel(ms: number, step: number): string {
  const s = iso(ms);
  if (step < SEC) return s.slice(11, 23); // HH:MM:SS.mmm
  if (step < MIN) return s.slice(11, 19); // HH:MM:SS
  if (step < DAY) return `${s.slice(5, 10)} ${s.slice(11, 16)}`; // MM-DD HH:MM
  return s.slice(0, 10); // YYYY-MM-DD
}

/**
 * Calendar-aligned UTC ticks for a time axis over [minMs, maxMs] with at most about `target`
 * ticks: fixed steps from 1 s to 2 weeks (aligned to the epoch, weeks to Mondays), then whole
 * months (aligned to January), then whole years. Labels are UTC: "HH:MM:SS", "MM-DD HH:MM",
 * "YYYY-MM-DD", "YYYY-MM" or "YYYY" depending on the step.
 */
export function timeTicks(minMs: number, maxMs: number, target = 6): TimeTick[] {
  if (!Number.isFinite(minMs) || !Number.isFinite(maxMs) || maxMs < minMs) return [];
  const span = maxMs - minMs;
  const wanted = Math.max(1, target);
  if (span < wanted * SEC) {
    const t = niceTicks(minMs, maxMs === minMs ? minMs + 1 : maxMs, wanted);
    return t.ticks.filter((v) => v >= minMs && v <= maxMs).map((ms) => ({ ms, label: fixedLabel(ms, 1) }));
  }
  for (const step of FIXED_STEPS) {
    if (span / step > wanted) continue;
    const offset = step >= 7 * DAY ? MONDAY_OFFSET : 0;
    const out: TimeTick[] = [];
    for (let ms = Math.ceil((minMs - offset) / step) * step + offset; ms <= maxMs; ms += step) {
      out.push({ ms, label: fixedLabel(ms, step) });
    }
    return out;
  }
  const first = new Date(minMs);
  const y0 = first.getUTCFullYear();
  const m0 = first.getUTCMonth();
  const months = span / (30.44 * DAY);
  for (const k of MONTH_STEPS) {
    if (months / k > wanted) continue;
    const out: TimeTick[] = [];
    for (let i = 0; ; i++) {
      const y = y0 + Math.floor((m0 + i) / 12);
      const m = (m0 + i) % 12;
      const ms = Date.UTC(y, m, 1);
      if (ms > maxMs) break;
      if (ms >= minMs && m % k === 0) out.push({ ms, label: iso(ms).slice(0, 7) });
    }
    return out;
  }
  const y1 = new Date(maxMs).getUTCFullYear();
  const k = Math.max(1, Math.ceil(niceStep(y0, y1, wanted)));
  const out: TimeTick[] = [];
  for (let y = Math.ceil(y0 / k) * k; y <= y1; y += k) {
    const ms = Date.UTC(y, 0, 1);
    if (ms >= minMs && ms <= maxMs) out.push({ ms, label: String(y) });
  }
  return out;
}

/**
 * M4 downsampling (Jugel et al., VLDB 2014): splits [x0, x1] into `buckets` equal-width columns
 * (one per horizontal pixel) and keeps, per column, the first, last, minimum and maximum point.
 * A line through the kept points draws the same pixels as the full series, so spikes and
 * drawdown troughs never disappear. Returns ascending indices into `xs`/`ys`; `xs` must be
 * sorted ascending. Series with at most 4 * buckets points are returned whole.
 */
export function downsampleM4(
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  buckets: number,
  domain?: readonly [number, number],
): number[] {
  const n = Math.min(xs.length, ys.length);
  const b = Math.max(1, Math.floor(buckets));
  if (n <= 4 * b) return Array.from({ length: n }, (_, i) => i);
  const x0 = domain ? domain[0] : xs[0]!;
  const x1 = domain ? domain[1] : xs[n - 1]!;
  const width = x1 - x0;
  const keep: number[] = [];
  let bucket = -1;
  let first = 0;
  let last = 0;
  let lo = 0;
  let hi = 0;
  const flush = () => {
    // The four indices in ascending order, without duplicates.
    const idx = [first, lo, hi, last].sort((a, c) => a - c);
    let prev = -1;
    for (const i of idx) {
      if (i !== prev) keep.push(i);
      prev = i;
    }
  };
  for (let i = 0; i < n; i++) {
    const raw = width > 0 ? Math.floor(((xs[i]! - x0) / width) * b) : 0;
    const bi = raw < 0 ? 0 : raw >= b ? b - 1 : raw;
    const y = ys[i]!;
    if (bi !== bucket) {
      if (bucket >= 0) flush();
      bucket = bi;
      first = i;
      lo = i;
      hi = i;
    } else {
      if (y < ys[lo]!) lo = i;
      if (y > ys[hi]!) hi = i;
    }
    last = i;
  }
  if (bucket >= 0) flush();
  return keep;
}

/** Polyline path through the indexed points: "M x y x y ..." (implicit lineto). */
export function linePath(
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  idx: readonly number[],
  sx: Scale,
  sy: Scale,
) {
  if (idx.length === 0) return '';
  const parts: string[] = [];
  for (const i of idx) parts.push(`${coord(sx(xs[i]!))} ${coord(sy(ys[i]!))}`);
  return `M${parts.join(' ')}`;
}

/** Closed area between the polyline through the indexed points and the horizontal line `baseY`. */
export function areaPath(
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  idx: readonly number[],
  sx: Scale,
  sy: Scale,
  baseY: number,
): string {
  if (idx.length === 0) return '';
  const firstX = coord(sx(xs[idx[0]!]!));
  const lastX = coord(sx(xs[idx[idx.length - 1]!]!));
  const base = coord(baseY);
  return `M${firstX} ${base}L${linePath(xs, ys, idx, sx, sy).slice(1)}L${lastX} ${base}Z`;
}

/** Up (buy) or down (sell) triangle centred on (x, y) with half-width `r`. */
export function trianglePath(x: number, y: number, up: boolean, r = 5): string {
  const tip = up ? y - r : y + r;
  const base = up ? y + r * 0.8 : y - r * 0.8;
  return `M${coord(x)} ${coord(tip)}L${coord(x + r)} ${coord(base)}L${coord(x - r)} ${coord(base)}Z`;
}
