import { describe, expect, it } from 'vitest';
import { randomRows, seeded } from './fixtures/random.ts';
import { prequential } from './prequential.ts';
import { Rls } from './rls.ts';
import { SgdLogistic } from './sgd-logistic.ts';
import { SgdRidge } from './sgd-ridge.ts';

describe('prequential evaluation', () => {
  it('predicts each sample before learning it', () => {
    // The SgdRidge steps of sgd-ridge.test.ts: ŷ₁ = 0 (untrained), ŷ₂ = 0.3 (after learning sample 1 only).
    const result = prequential(
      new SgdRidge(2, { learningRate: 0.1, l2: 0.5 }),
      [
        [1, 2],
        [2, -1],
      ],
      [3, 1],
      {
        window: 10,
      },
    );
    expect(result.predictions[0]).toBe(0);
    expect(result.predictions[1]).toBeCloseTo(0.3, 15);
    // Errors −3 and −0.7: MSE (9 + 0.49)/2, MAE 1.85.
    const metrics = result.checkpoints[0]!.metrics!;
    expect(metrics).toMatchObject({ count: 2 });
    expect('mse' in metrics && metrics.mse).toBeCloseTo(4.745, 14);
    expect('mae' in metrics && metrics.mae).toBeCloseTo(1.85, 14);
  });

  it('reports rolling checkpoints: an RLS on noiseless linear data is exact once it has seen dim + 1 samples', () => {
    const xs = randomRows(seeded(2), 300, 3);
    const ys = xs.map((x) => 2 * x[0]! - x[1]! + 0.5 * x[2]! + 0.25);
    const result = prequential(new Rls(3, 1, 1e-8), xs, ys, { window: 100, every: 100 });
    expect(result.checkpoints.map((c) => c.at)).toEqual([100, 200, 300]);
    const last = result.checkpoints[2]!.metrics!;
    expect('mse' in last && last.mse).toBeLessThan(1e-12);
    expect('r2' in last && last.r2).toBeGreaterThan(0.999999);
    expect('hitRate' in last && last.hitRate).toBe(1);
  });

  it('scores a logistic learner with accuracy, log-loss and AUC that improve as it learns', () => {
    const xs = randomRows(seeded(6), 2000, 2);
    const ys = xs.map((x) => (x[0]! - x[1]! > 0 ? 1 : 0));
    const result = prequential(new SgdLogistic(2, { learningRate: 0.3, l2: 0 }), xs, ys, {
      window: 500,
      every: 500,
    });
    const first = result.checkpoints[0]!.metrics!;
    const last = result.checkpoints[3]!.metrics!;
    expect('auc' in last && last.auc).toBeGreaterThan(0.99);
    expect('accuracy' in last && last.accuracy).toBeGreaterThan(0.95);
    expect('logLoss' in last && 'logLoss' in first && last.logLoss < first.logLoss).toBe(true);
  });

  it('refuses labels that do not match the samples', () => {
    expect(() => prequential(new Rls(1, 1), [[1]], [1, 2], { window: 2 })).toThrow(/1 samples but 2 labels/);
  });
});
