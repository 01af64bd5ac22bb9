import { describe, expect, it } from 'vitest';
import { expWeights, momentumScores } from './momentum.ts';

/** The definition, window by window: sum over j of 2^(-j / halfLife) ln(1 + r_(t - lag - j)). */
function direct(returns: number[], t: number, window: number, halfLife: number, lag: number): number {
  const end = t - lag;
  if (end - window + 1 < 0) return Number.NaN;
  let sum = 0;
  for (let j = 0; j < window; j++) sum += 2 ** (-j / halfLife) * Math.log1p(returns[end - j]!);
  return sum;
}

describe('momentum', () => {
  it('weights halve every half-life, newest weight 1 (toraniko exp_weights)', () => {
    expect([...expWeights(3, 1)].map((w) => +w.toFixed(15))).toEqual([0.25, 0.5, 1]);
  });

  it('scores the lagged, exponentially weighted log returns of a hand-made series', () => {
    const r = [0.1, -0.05, 0.2, 0, 0.3];
    const scores = momentumScores(Float64Array.from(r), 5, 1, { window: 2, halfLife: 1, lag: 1 });
    // t = 2: window ends at r_1: 0.5 ln(1.1) + ln(0.95); t = 3: 0.5 ln(0.95) + ln(1.2); t = 4: 0.5 ln(1.2) + ln(1).
    expect(scores[0]).toBeNaN();
    expect(scores[1]).toBeNaN();
    expect(scores[2]).toBeCloseTo(0.5 * Math.log(1.1) + Math.log(0.95), 15);
    expect(scores[3]).toBeCloseTo(0.5 * Math.log(0.95) + Math.log(1.2), 15);
    expect(scores[4]).toBeCloseTo(0.5 * Math.log(1.2), 15);
  });

  it('gives NaN while a missing return is inside the window, then recovers', () => {
    const r = [0.01, Number.NaN, 0.02, 0.03, 0.04, 0.05];
    const scores = momentumScores(Float64Array.from(r), 6, 1, { window: 2, halfLife: 2, lag: 1 });
    // windows ending at 1 and 2 hold the NaN (t = 2, 3); the window ending at 3 holds r_2, r_3.
    expect([...scores].slice(0, 4).every(Number.isNaN)).toBe(true);
    expect(scores[4]).toBeCloseTo(2 ** -0.5 * Math.log(1.02) + Math.log(1.03), 15);
    expect(scores[5]).toBeCloseTo(2 ** -0.5 * Math.log(1.03) + Math.log(1.04), 15);
  });

  it('the O(1) sliding sum equals the window-by-window definition (3 assets, 400 dates)', () => {
    const T = 400;
    const N = 3;
    let seed = 7;
    const next = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const series = Array.from({ length: N }, () => Array.from({ length: T }, () => (next() - 0.5) * 0.1));
    const panel = new Float64Array(T * N);
    for (let t = 0; t < T; t++) for (let i = 0; i < N; i++) panel[t * N + i] = series[i]![t]!;
    const scores = momentumScores(panel, T, N, { window: 60, halfLife: 15, lag: 5 });
    for (let i = 0; i < N; i++)
      for (let t = 0; t < T; t++) {
        const expected = direct(series[i]!, t, 60, 15, 5);
        if (Number.isNaN(expected)) expect(scores[t * N + i]).toBeNaN();
        else expect(Math.abs(scores[t * N + i]! - expected)).toBeLessThan(1e-12);
      }
  });

  it('refuses a lag of 0 (the explained return would be in its own exposure)', () => {
    expect(() => momentumScores(new Float64Array(4), 4, 1, { window: 2, halfLife: 1, lag: 0 })).toThrow(
      'lag',
    );
  });
});
