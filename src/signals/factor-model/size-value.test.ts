import { describe, expect, it } from 'vitest';
import { sizeExposures, valueExposures } from './size-value.ts';

const E = Math.exp;

describe('size', () => {
  it('is minus the standardised log cap', () => {
    // log caps 1..5: mean 3, sample sd sqrt(10 / 4) = sqrt(2.5).
    const s = sizeExposures([E(1), E(2), E(3), E(4), E(5)], null);
    const sd = Math.sqrt(2.5);
    [2, 1, 0, -1, -2].forEach((k, i) => {
      expect(s[i]).toBeCloseTo(k / sd, 14);
    });
  });

  it('zeroes exposures strictly between the quantiles of log cap', () => {
    // quantile 0.3 of 1..5 -> position 1.2 -> 2.2; 0.7 -> 3.8: only log cap 3 is in the middle.
    const s = sizeExposures([E(5), E(1), E(3), E(2), E(4)], { lower: 0.3, upper: 0.7 });
    const sd = Math.sqrt(2.5);
    expect([...s].map((x) => +(x * sd).toFixed(12))).toEqual([-2, 2, 0, 1, -1]);
  });

  it('gives NaN for a missing or non-positive cap', () => {
    const s = sizeExposures([E(1), 0, Number.NaN, E(3)], null);
    expect(s[1]).toBeNaN();
    expect(s[2]).toBeNaN();
    expect(s[0]).toBeCloseTo(1 / Math.sqrt(2), 14);
  });
});

describe('value', () => {
  it('averages the standardised log book/price and cash-flow/price, skipping missing ones', () => {
    // bp = e^[1, 2, 3, missing] -> logs [1, 2, 3] -> z [-1, 0, 1]; cf = [1, 2, 3, 5] -> mean 2.75,
    // sample sd sqrt((1.75^2 + 0.75^2 + 0.25^2 + 2.25^2) / 3) = sqrt(8.75 / 3).
    const v = valueExposures(
      { bookPrice: [E(1), E(2), E(3), Number.NaN], cashFlowPrice: [1, 2, 3, 5] },
      4,
      null,
    );
    const sdCf = Math.sqrt(8.75 / 3);
    const composite = [(-1 + -1.75 / sdCf) / 2, (0 + -0.75 / sdCf) / 2, (1 + 0.25 / sdCf) / 2, 2.25 / sdCf];
    const mean = composite.reduce((a, b) => a + b) / 4;
    const sd = Math.sqrt(composite.reduce((a, c) => a + (c - mean) ** 2, 0) / 3);
    composite.forEach((c, i) => {
      expect(v[i]).toBeCloseTo((c - mean) / sd, 14);
    });
  });

  it('winsorises each ratio first and treats a ratio <= 0 as missing before the log', () => {
    // sales/price [1, e, e^2, e^3, 1e9], winsor 0.25: bounds at positions 1 and 3 -> e and e^3, so
    // [e, e, e^2, e^3, e^3] -> logs [1, 1, 2, 3, 3]: mean 2, sample sd sqrt(4 / 4) = 1 -> [-1, -1, 0, 1, 1].
    const clipped = valueExposures({ salesPrice: [1, E(1), E(2), E(3), 1e9] }, 5, 0.25);
    expect([...clipped].map((x) => +x.toFixed(12))).toEqual([-1, -1, 0, 1, 1]);
    const negative = valueExposures({ bookPrice: [-1, E(1), E(2)] }, 3, null);
    expect(negative[0]).toBeNaN();
    expect([...negative.slice(1)].map((x) => +x.toFixed(12))).toEqual(
      [-Math.SQRT1_2, Math.SQRT1_2].map((x) => +x.toFixed(12)),
    );
  });

  it('is all NaN without any ratio', () => {
    expect([...valueExposures({}, 2, 0.05)]).toEqual([Number.NaN, Number.NaN]);
  });
});
