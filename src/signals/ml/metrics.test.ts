import { describe, expect, it } from 'vitest';
import { seeded } from './fixtures/random.ts';
import { auc, classificationMetrics, regressionMetrics } from './metrics.ts';
import { RollingWindow } from './rolling-window.ts';

describe('regression metrics', () => {
  it('match the hand computation', () => {
    // errors ŷ − y = [−1, 0, 3, −1]: SSE 11, SAE 5; mean y = 0.25,
    // SST = 1.75² + 1.25² + 1.25² + 0.75² = 6.75; signs agree on samples 1 and 2 only.
    const m = regressionMetrics([1, -1, 2, 0], [2, -1, -1, 1]);
    expect(m).toEqual({ count: 4, mse: 2.75, mae: 1.25, r2: 1 - 11 / 6.75, hitRate: 0.5 });
  });

  it('give NaN R² when the outcome is constant', () => {
    expect(regressionMetrics([1, 2], [3, 3]).r2).toBeNaN();
  });
});

describe('classification metrics', () => {
  it('match the hand computation', () => {
    // Positives score 0.9 and 0.4, negatives 0.6 and 0.2: 3 of the 4 (positive, negative) pairs are ordered right.
    const m = classificationMetrics([0.9, 0.4, 0.6, 0.2], [1, 1, 0, 0]);
    expect(m.accuracy).toBe(0.5);
    expect(m.logLoss).toBeCloseTo(-(Math.log(0.9) + Math.log(0.4) + Math.log(0.4) + Math.log(0.8)) / 4, 15);
    expect(m.brier).toBeCloseTo((0.01 + 0.36 + 0.36 + 0.04) / 4, 15);
    expect(m.auc).toBe(0.75);
  });

  it('count ties in AUC as one half and need both classes', () => {
    expect(auc([0.5, 0.5], [1, 0])).toBe(0.5);
    expect(auc([0.3, 0.5, 0.5, 0.9], [0, 1, 0, 1])).toBe((1 + 0.5 + 1 + 1) / 4);
    expect(auc([0.2, 0.8], [1, 1])).toBeNaN();
  });

  it('AUC equals the pair count on random scores (incremental ranks == brute force)', () => {
    const random = seeded(4);
    const scores = Array.from({ length: 200 }, () => Math.round(random() * 20) / 20);
    const labels = scores.map((s) => (random() < s ? 1 : 0));
    let wins = 0;
    let pairs = 0;
    for (let i = 0; i < scores.length; i++)
      for (let j = 0; j < scores.length; j++)
        if (labels[i] === 1 && labels[j] === 0) {
          pairs++;
          wins += scores[i]! > scores[j]! ? 1 : scores[i] === scores[j] ? 0.5 : 0;
        }
    expect(auc(scores, labels)).toBeCloseTo(wins / pairs, 14);
  });

  it('clip probabilities of 0 and 1 in the log-loss', () => {
    expect(classificationMetrics([0], [1]).logLoss).toBeCloseTo(-Math.log(1e-15), 6);
  });
});

describe('RollingWindow', () => {
  it('keeps the last n pairs and scores them like the batch formulas', () => {
    const window = new RollingWindow(4);
    for (const [p, y] of [
      [9, 9],
      [8, -8],
      [1, 2],
      [-1, -1],
      [2, -1],
      [0, 1],
    ] as const)
      window.push(p, y);
    expect(window.total).toBe(6);
    expect(window.metrics('regression')).toEqual(regressionMetrics([1, -1, 2, 0], [2, -1, -1, 1]));
    expect(window.rmse()).toBeCloseTo(Math.sqrt(2.75), 14);
  });

  it('running RMSE equals the batch RMSE over many laps', () => {
    const random = seeded(8);
    const window = new RollingWindow(7);
    for (let i = 0; i < 1000; i++) {
      window.push(random(), random());
      const { predictions, outcomes } = window.pairs();
      expect(window.rmse()).toBeCloseTo(Math.sqrt(regressionMetrics(predictions, outcomes).mse), 12);
    }
  });

  it('has no metrics while empty', () => {
    expect(new RollingWindow(3).metrics('classification')).toBeUndefined();
  });
});
