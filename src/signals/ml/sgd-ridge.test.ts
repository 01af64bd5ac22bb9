import { describe, expect, it } from 'vitest';
import { randomRows, seeded } from './fixtures/random.ts';
import { SgdRidge } from './sgd-ridge.ts';

describe('SgdRidge', () => {
  it('takes the hand-computed steps w ← w − η(e·x + λw), b ← b − η·e', () => {
    const model = new SgdRidge(2, { learningRate: 0.1, l2: 0.5 });
    // Step 1: ŷ = 0, e = 0 − 3 = −3; w = 0 − 0.1·(−3·[1, 2]) = [0.3, 0.6]; b = 0 − 0.1·(−3) = 0.3.
    model.update([1, 2], 3);
    const first = model.state();
    expect(first.weights[0]).toBeCloseTo(0.3, 15);
    expect(first.weights[1]).toBeCloseTo(0.6, 15);
    expect(first.bias).toBeCloseTo(0.3, 15);
    expect(first.updates).toBe(1);
    // Step 2: ŷ = 0.3·2 − 0.6 + 0.3 = 0.3, e = −0.7;
    // w0 = 0.3 − 0.1·(−0.7·2 + 0.5·0.3) = 0.425; w1 = 0.6 − 0.1·(−0.7·−1 + 0.5·0.6) = 0.5; b = 0.3 + 0.07 = 0.37.
    expect(model.predict([2, -1])).toBeCloseTo(0.3, 15);
    model.update([2, -1], 1);
    const { weights, bias } = model.state();
    expect(weights[0]).toBeCloseTo(0.425, 15);
    expect(weights[1]).toBeCloseTo(0.5, 15);
    expect(bias).toBeCloseTo(0.37, 15);
  });

  it('converges to the true coefficients on noiseless data without a penalty', () => {
    const random = seeded(7);
    const model = new SgdRidge(3, { learningRate: 0.05, l2: 0 });
    for (const x of randomRows(random, 5000, 3))
      model.update(x, 1.5 * x[0]! - 2 * x[1]! + 0.25 * x[2]! + 0.1);
    const { weights, bias } = model.state();
    expect(weights.map((w) => Number(w.toFixed(6)))).toEqual([1.5, -2, 0.25]);
    expect(bias).toBeCloseTo(0.1, 6);
  });

  it('refuses a vector of the wrong length', () => {
    expect(() => new SgdRidge(2, { learningRate: 0.1, l2: 0 }).predict([1])).toThrow(
      /expected 2 features, got 1/,
    );
  });
});
