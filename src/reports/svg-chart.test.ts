import { describe, expect, it } from 'vitest';
import {
  areaPath,
  coord,
  downsampleM4,
  linearScale,
  linePath,
  niceStep,
  niceTicks,
  stepDecimals,
  timeTicks,
  trianglePath,
} from './svg-chart.ts';

describe('linearScale', () => {
  it('maps the domain onto the range, including inverted ranges', () => {
    const s = linearScale([0, 10], [100, 0]);
    expect(s(0)).toBe(100);
    expect(s(10)).toBe(0);
    expect(s(2.5)).toBe(75);
  });

  it('maps a degenerate domain to the range midpoint', () => {
    expect(linearScale([5, 5], [0, 10])(123)).toBe(5);
  });
});

describe('coord', () => {
  it('rounds to one decimal without -0 or trailing zeros', () => {
    expect(coord(1.26)).toBe('1.3');
    expect(coord(2)).toBe('2');
    expect(coord(-0.01)).toBe('0');
    expect(coord(-3.44)).toBe('-3.4');
  });
});

describe('niceTicks', () => {
  it('uses 1/2/2.5/5 steps and widens the domain to whole steps', () => {
    const t = niceTicks(97_312, 112_480, 5);
    expect(t.step).toBe(5000);
    expect(t.min).toBe(95_000);
    expect(t.max).toBe(115_000);
    expect(t.ticks).toEqual([95_000, 100_000, 105_000, 110_000, 115_000]);
  });

  it('cleans floating-point noise from fractional steps', () => {
    const t = niceTicks(0.1, 0.7, 6);
    expect(t.step).toBe(0.1);
    expect(t.ticks).toEqual([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7]);
  });

  it('keeps 0 as the upper bound of a drawdown axis', () => {
    const t = niceTicks(-0.1234, 0, 4);
    expect(t.max).toBe(0);
    expect(t.min).toBeLessThanOrEqual(-0.1234);
    expect(t.ticks.at(-1)).toBe(0);
  });

  it('pads degenerate and non-finite ranges', () => {
    expect(niceTicks(0, 0).ticks.length).toBeGreaterThan(1);
    const t = niceTicks(100, 100);
    expect(t.min).toBeLessThan(100);
    expect(t.max).toBeGreaterThan(100);
    expect(niceTicks(Number.NaN, 1).ticks.length).toBeGreaterThan(1);
  });

  it('niceStep and stepDecimals agree on decimals', () => {
    expect(niceStep(0, 1, 4)).toBe(0.25);
    expect(stepDecimals(0.25)).toBe(2);
    expect(stepDecimals(2.5)).toBe(1);
    expect(stepDecimals(500)).toBe(0);
  });
});

describe('timeTicks', () => {
  const day = 86_400_000;

  it('uses UTC midnight-aligned day ticks labelled with dates', () => {
    const start = Date.UTC(2024, 0, 1, 13, 0);
    const ticks = timeTicks(start, start + 5 * day, 7);
    expect(ticks.map((t) => t.label)).toEqual([
      '2024-01-02',
      '2024-01-03',
      '2024-01-04',
      '2024-01-05',
      '2024-01-06',
    ]);
    for (const t of ticks) expect(t.ms % day).toBe(0);
  });

  it('uses month ticks for multi-month ranges and year ticks for decades', () => {
    const months = timeTicks(Date.UTC(2023, 0, 15), Date.UTC(2023, 11, 20), 7);
    expect(months.map((t) => t.label)).toEqual(['2023-03', '2023-05', '2023-07', '2023-09', '2023-11']);
    const years = timeTicks(Date.UTC(2001, 5, 1), Date.UTC(2024, 5, 1), 6);
    expect(years.map((t) => t.label)).toEqual(['2005', '2010', '2015', '2020']);
  });

  it('labels intraday ticks with time of day', () => {
    const start = Date.UTC(2024, 2, 10, 9, 7);
    const ticks = timeTicks(start, start + 3_600_000, 6);
    expect(ticks.map((t) => t.label)).toEqual([
      '03-10 09:10',
      '03-10 09:20',
      '03-10 09:30',
      '03-10 09:40',
      '03-10 09:50',
      '03-10 10:00',
    ]);
  });

  it('stays within the range and returns nothing for invalid input', () => {
    const ticks = timeTicks(1000, 4500, 6);
    for (const t of ticks) {
      expect(t.ms).toBeGreaterThanOrEqual(1000);
      expect(t.ms).toBeLessThanOrEqual(4500);
    }
    expect(timeTicks(10, 5)).toEqual([]);
  });
});

describe('downsampleM4', () => {
  function noisy(n: number): { xs: Float64Array; ys: Float64Array } {
    const xs = new Float64Array(n);
    const ys = new Float64Array(n);
    let seed = 42;
    for (let i = 0; i < n; i++) {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      xs[i] = i * 10;
      ys[i] = Math.sin(i / 500) * 100 + (seed / 2 ** 31) * 20;
    }
    return { xs, ys };
  }

  it('returns short series whole', () => {
    expect(downsampleM4([1, 2, 3], [3, 2, 1], 10)).toEqual([0, 1, 2]);
  });

  it('keeps first, last, min and max of every bucket, in ascending order', () => {
    const { xs, ys } = noisy(100_000);
    const buckets = 200;
    const idx = downsampleM4(xs, ys, buckets);
    expect(idx.length).toBeLessThanOrEqual(4 * buckets);
    for (let i = 1; i < idx.length; i++) expect(idx[i]!).toBeGreaterThan(idx[i - 1]!);
    const kept = new Set(idx);
    const x0 = xs[0]!;
    const width = xs[xs.length - 1]! - x0;
    const groups = new Map<number, number[]>();
    for (let i = 0; i < xs.length; i++) {
      const b = Math.min(buckets - 1, Math.floor(((xs[i]! - x0) / width) * buckets));
      const g = groups.get(b) ?? [];
      g.push(i);
      groups.set(b, g);
    }
    expect(groups.size).toBe(buckets);
    for (const g of groups.values()) {
      const vals = g.map((i) => ys[i]!);
      const min = Math.min(...vals);
      const max = Math.max(...vals);
      const keptVals = g.filter((i) => kept.has(i)).map((i) => ys[i]!);
      expect(keptVals).toContain(min);
      expect(keptVals).toContain(max);
      expect(kept.has(g[0]!)).toBe(true);
      expect(kept.has(g[g.length - 1]!)).toBe(true);
    }
  });

  it('keeps a single-sample spike and trough', () => {
    const n = 50_000;
    const xs = Array.from({ length: n }, (_, i) => i);
    const ys = Array.from({ length: n }, () => 1);
    ys[12_345] = 100;
    ys[33_333] = -100;
    const idx = downsampleM4(xs, ys, 100);
    expect(idx).toContain(12_345);
    expect(idx).toContain(33_333);
  });

  it('clamps points outside an explicit domain into the edge buckets', () => {
    const xs = Array.from({ length: 100 }, (_, i) => i);
    const ys = xs.map((x) => (x === 99 ? 50 : x % 3));
    const idx = downsampleM4(xs, ys, 2, [10, 20]);
    expect(idx).toContain(0);
    expect(idx).toContain(99);
  });
});

describe('paths', () => {
  const sx = linearScale([0, 10], [0, 100]);
  const sy = linearScale([0, 10], [100, 0]);

  it('builds compact polylines and closed areas', () => {
    const xs = [0, 5, 10];
    const ys = [0, 10, 5];
    expect(linePath(xs, ys, [0, 1, 2], sx, sy)).toBe('M0 100 50 0 100 50');
    expect(areaPath(xs, ys, [0, 1, 2], sx, sy, 100)).toBe('M0 100L0 100 50 0 100 50L100 100Z');
    expect(linePath(xs, ys, [], sx, sy)).toBe('');
  });

  it('points triangles up for buys and down for sells', () => {
    expect(trianglePath(10, 10, true, 5)).toBe('M10 5L15 14L5 14Z');
    expect(trianglePath(10, 10, false, 5)).toBe('M10 15L15 6L5 6Z');
  });
});
