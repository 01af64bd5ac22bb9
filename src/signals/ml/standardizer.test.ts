import { describe, expect, it } from 'vitest';
import { Pipeline } from './pipeline.ts';
import { Standardizer } from './standardizer.ts';

describe('Standardizer', () => {
  it('scales by the running mean and sample standard deviation', () => {
    const s = new Standardizer(2, 8);
    expect([...s.transform([5, 5])]).toEqual([0, 0]); // nothing seen yet
    s.observe([1, 10]);
    s.observe([3, 10]);
    // Feature 0: mean 2, variance ((1 − 2)² + (3 − 2)²)/1 = 2, so 4 -> 2/√2; feature 1 is constant -> 0.
    const z = s.transform([4, 11]);
    expect(z[0]).toBeCloseTo(Math.SQRT2, 15);
    expect(z[1]).toBe(0);
    expect(s.transform([1000, 0])[0]).toBe(8); // clipped
  });

  it('leaves missing values out of the statistics and scales them to the mean', () => {
    const s = new Standardizer(2);
    s.observe([1, Number.NaN]);
    s.observe([3, 5]);
    s.observe([Number.NaN, 7]);
    // Feature 0 saw 1 and 3 (mean 2, variance 2); feature 1 saw 5 and 7 (mean 6, variance 2).
    const z = s.transform([2 + Math.SQRT2, Number.NaN]);
    expect(z[0]).toBeCloseTo(1, 15);
    expect(z[1]).toBe(0);
    expect(s.transform([0, 6 - 2 * Math.SQRT2])[1]).toBeCloseTo(-2, 15);
  });
});

describe('Pipeline', () => {
  it('round-trips through its plain state and keeps learning identically', () => {
    const spec = { kind: 'sgd-ridge', learningRate: 0.05, l2: 0.001, forgetting: 1, delta: 1 } as const;
    const a = Pipeline.create(spec, 2);
    a.learnBatch(
      [
        [100, 0.1],
        [102, 0.3],
        [99, -0.2],
      ],
      [1, 2, 0],
    );
    const b = Pipeline.restore(structuredClone(a.state()));
    a.learn([101, 0], 1);
    b.learn([101, 0], 1);
    expect(b.predict([98, 0.5])).toBe(a.predict([98, 0.5]));
    expect(b.state().model).not.toHaveProperty('forgetting');
  });
});
