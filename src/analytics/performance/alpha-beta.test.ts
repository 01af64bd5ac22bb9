import { describe, expect, it } from 'vitest';
import { alphaBeta, beta } from './alpha-beta.ts';
import { flatLine1, mixedReturns, negativeReturns } from './fixtures.ts';

describe('alphaBeta', () => {
  it('matches the empyrical beta reference; alpha compounds the same mean residual', () => {
    const bench = [Number.NaN, ...negativeReturns.slice(1)];
    const { alpha, beta: b } = alphaBeta(mixedReturns, bench);
    expect(b).toBeCloseTo(-0.71296296296296313, 12);
    // empyrical's older suite reports alpha as 252 * mean residual = -8.306666666666668;
    // the current convention compounds that mean residual: (1 + m)^252 - 1.
    expect(alpha).toBeCloseTo((1 - 8.306666666666668 / 252) ** 252 - 1, 12);
  });

  it('is (0, 1) against itself and (0, -1) against its negation', () => {
    expect(alphaBeta(mixedReturns, mixedReturns).alpha).toBeCloseTo(0, 14);
    expect(alphaBeta(mixedReturns, mixedReturns).beta).toBeCloseTo(1, 14);
    expect(
      beta(
        mixedReturns,
        mixedReturns.map((x) => -x),
      ),
    ).toBeCloseTo(-1, 14);
  });

  it('by hand: r = 0.001 + 2 b gives beta 2 and alpha (1.001)^252 - 1', () => {
    const b = [0.01, -0.02, 0.03, 0.0];
    const r = b.map((x) => 0.001 + 2 * x);
    const out = alphaBeta(r, b);
    expect(out.beta).toBeCloseTo(2, 12);
    expect(out.alpha).toBeCloseTo(1.001 ** 252 - 1, 10);
  });

  it('is NaN for a constant benchmark or too few pairs', () => {
    expect(beta(mixedReturns, flatLine1)).toBeNaN();
    expect(alphaBeta([0.01], [0.02]).alpha).toBeNaN();
  });

  it('rejects mismatched lengths', () => {
    expect(() => alphaBeta([0.1, 0.2], [0.1])).toThrow(/returns and benchmark/);
  });
});
