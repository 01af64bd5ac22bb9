import { describe, expect, it } from 'vitest';
import { randomRows, seeded } from './fixtures/random.ts';
import { classificationMetrics } from './metrics.ts';
import { SgdLogistic, sigmoid } from './sgd-logistic.ts';

describe('SgdLogistic', () => {
  it('takes the hand-computed step w ← w − η((p − y)·x + λw)', () => {
    const model = new SgdLogistic(2, { learningRate: 0.5, l2: 0.1 });
    // p = σ(0) = 0.5, g = 0.5 − 1 = −0.5; w = −0.5·(−0.5·[1, 2]) = [0.25, 0.5]; b = 0.25 (λw = 0 at w = 0).
    model.update([1, 2], 1);
    expect(model.state()).toMatchObject({ weights: [0.25, 0.5], bias: 0.25 });
    // z = 0.25 + 1 + 0.25 = 1.5.
    expect(model.predict([1, 2])).toBe(1 / (1 + Math.exp(-1.5)));
    // Step 2 on y = 0: g = σ(1.5) − 0 = 0.817574476...; w0 = 0.25 − 0.5·(g·1 + 0.1·0.25).
    const g = sigmoid(1.5);
    model.update([1, 2], 0);
    const { weights, bias } = model.state();
    expect(weights[0]).toBeCloseTo(0.25 - 0.5 * (g + 0.025), 15);
    expect(weights[1]).toBeCloseTo(0.5 - 0.5 * (2 * g + 0.05), 15);
    expect(bias).toBeCloseTo(0.25 - 0.5 * g, 15);
  });

  it('converges on a linearly separable set: every point classified, the boundary normal recovered', () => {
    const random = seeded(11);
    // Label by the side of the line x0 + 2·x1 = 0.2, keeping a margin of 0.1 so the set is separable.
    const rows = randomRows(random, 4000, 2).filter((x) => Math.abs(x[0]! + 2 * x[1]! - 0.2) > 0.1);
    const label = (x: number[]) => (x[0]! + 2 * x[1]! - 0.2 > 0 ? 1 : 0);
    const model = new SgdLogistic(2, { learningRate: 0.5, l2: 0 });
    for (let epoch = 0; epoch < 5; epoch++) for (const x of rows) model.update(x, label(x));
    const metrics = classificationMetrics(
      rows.map((x) => model.predict(x)),
      rows.map(label),
    );
    expect(metrics.accuracy).toBe(1);
    expect(metrics.auc).toBe(1);
    expect(metrics.logLoss).toBeLessThan(0.05);
    const { weights, bias } = model.state();
    expect(Math.abs(weights[1]! / weights[0]! - 2)).toBeLessThan(0.1);
    expect(Math.abs(bias / weights[0]! + 0.2)).toBeLessThan(0.05);
  });

  it('has a sigmoid that neither overflows nor loses the tails', () => {
    expect(sigmoid(0)).toBe(0.5);
    expect(sigmoid(1000)).toBe(1);
    expect(sigmoid(-1000)).toBe(0);
    expect(sigmoid(-30)).toBeCloseTo(Math.exp(-30) / (1 + Math.exp(-30)), 25);
  });

  it('refuses a label other than 0 or 1', () => {
    expect(() => new SgdLogistic(1, { learningRate: 0.1, l2: 0 }).update([1], 0.5)).toThrow(/0 or 1/);
  });
});
