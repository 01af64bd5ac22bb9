import { describe, expect, it } from 'vitest';
import { rolling, rollingBeta, rollingSharpe, rollingVolatility } from './rolling.ts';

describe('rolling', () => {
  it('applies fn to each full window, aligned with the window end', () => {
    expect(rolling((s) => s.reduce((a, b) => a + b, 0), [1, 2, 3, 4], 2)).toEqual([3, 5, 7]);
    expect(rolling((s) => s.length, [1, 2, 3], 3)).toEqual([3]);
  });

  it('rolling volatility and sharpe by hand', () => {
    const r = [0.01, 0.03, 0.01];
    const sd = Math.sqrt(0.0002);
    const vol = rollingVolatility(r, 2);
    expect(vol).toHaveLength(2);
    expect(vol[0]).toBeCloseTo(sd * Math.sqrt(252), 14);
    expect(vol[1]).toBeCloseTo(sd * Math.sqrt(252), 14);
    const sh = rollingSharpe(r, 2);
    expect(sh[0]).toBeCloseTo((0.02 / sd) * Math.sqrt(252), 12);
  });

  it('rolling beta by hand: r = 3 b in the first window and r = -b in the second', () => {
    const b = [0.01, 0.02, 0.04];
    const r = [0.03, 0.06, 0.04];
    const out = rollingBeta(r, b, 2);
    expect(out[0]).toBeCloseTo(3, 12);
    // window 2: b 0.02 -> 0.04, r 0.06 -> 0.04: slope -0.02 / 0.02 = -1
    expect(out[1]).toBeCloseTo(-1, 12);
  });

  it('rejects bad windows and mismatched series', () => {
    expect(() => rolling((s) => s.length, [1, 2], 3)).toThrow(/window/);
    expect(() => rolling((s) => s.length, [1, 2], 0)).toThrow(/window/);
    expect(() => rolling((s) => s.length, [], 1)).toThrow(/values/);
    expect(() => rollingBeta([1, 2], [1], 1)).toThrow(RangeError);
  });
});
