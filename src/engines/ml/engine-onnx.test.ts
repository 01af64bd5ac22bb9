import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { linearOnnxModel } from '../../signals/ml/fixtures/linear-onnx.ts';
import { startMl } from './engine-harness.ts';

let dir: string;
let path: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nautilus-ml-'));
  path = join(dir, 'linear.onnx');
  // y = 0.5·signal − 1.25·noise + 0.125
  await writeFile(path, linearOnnxModel([[0.5], [-1.25]], [0.125]));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function start(config: Record<string, unknown>) {
  const harness = await startMl(config);
  cleanups.push(harness.stop);
  return harness;
}

describe('ml engine with ONNX models and worker threads', () => {
  it('predicts with a user ONNX model and keeps serving when another model file is missing', async () => {
    const h = await start({
      models: [],
      onnxModels: [
        { name: 'lin', path, features: ['signal', 'noise'] },
        { name: 'broken', path: join(dir, 'missing.onnx'), features: ['signal'] },
      ],
      workerThreshold: 3,
    });
    h.bar('GC', 1, 2000);
    h.features('GC', 1, { signal: 1, noise: 2 });
    // 0.5·1 − 1.25·2 + 0.125 = −1.875, exact in float32.
    await vi.waitFor(() => expect(h.predictions).toHaveLength(1));
    expect(h.predictions[0]!.payload).toMatchObject({
      model: 'lin',
      kind: 'onnx',
      symbol: 'GC',
      prediction: -1.875,
    });
    // Minute 2 lacks an input (signal reset to null): the user model is not called for it, so
    // the next prediction, once it comes, is minute 3's: 0.5·2 − 1.25·0 + 0.125.
    h.features('GC', 2, { signal: null });
    h.features('GC', 3, { signal: 2, noise: 0 });
    await vi.waitFor(() => expect(h.predictions).toHaveLength(2));
    expect(h.predictions[1]!.payload).toMatchObject({
      prediction: 1.125,
      tsNs: h.predictions[1]!.eventTimeNs,
    });
    expect(h.predictions[1]!.eventTimeNs - h.predictions[0]!.eventTimeNs).toBe(2n * 60_000_000_000n);

    const models = (await h.inject('GET', '/models')).body.models;
    expect(models.map((m: { name: string; status: string }) => [m.name, m.status])).toEqual([
      ['lin', 'ready'],
      ['broken', 'error'],
    ]);
    expect(models[1].error).toMatch(/onnx model "broken" \(.*missing\.onnx\): cannot read the file: ENOENT/);
    expect(h.engine.healthDetail()).toMatch(/^degraded: onnx model "broken"/);
    expect(h.engine.healthFields()).toMatchObject({ degraded: ['broken'] });

    const small = await h.inject('POST', '/predict', { model: 'lin', rows: [{ signal: 2, noise: 0 }] });
    expect(small.body).toEqual({ model: 'lin', task: 'regression', offloaded: false, predictions: [1.125] });
    // Three rows reach workerThreshold: onnxruntime runs them on a worker thread.
    const rows = [
      { signal: 1, noise: 1 },
      { signal: -2, noise: 0.5 },
      { signal: 0, noise: -4 },
    ];
    const big = await h.inject('POST', '/predict', { model: 'lin', rows });
    expect(big.body).toEqual({
      model: 'lin',
      task: 'regression',
      offloaded: true,
      predictions: [-0.625, -1.5, 5.125],
    });
    const missing = await h.inject('POST', '/predict', { model: 'lin', features: { signal: 1 } });
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toBe('rows[0]: missing feature "noise"');
    const down = await h.inject('POST', '/predict', { model: 'broken', features: { signal: 1 } });
    expect(down.status).toBe(409);
  });

  it('trains a batch on a worker thread to the same weights as in-process training', async () => {
    const run = async (workerThreshold: number) => {
      const h = await start({ models: [{ name: 'rls', kind: 'rls' }], trainBatch: 4, workerThreshold });
      for (let t = 1; t <= 5; t++) {
        h.bar('EURUSD', t, 1 + 0.01 * t * (t % 2 ? 1 : -1));
        h.features('EURUSD', t, { a: t, b: (t * t) % 7 });
      }
      await vi.waitFor(() => expect(h.trainings).toHaveLength(1));
      const answer = await h.inject('POST', '/predict', {
        model: 'rls',
        symbol: 'EURUSD',
        features: { a: 2, b: 3 },
      });
      return { training: h.trainings[0]!.payload, prediction: answer.body.predictions[0] };
    };
    const local = await run(1_000_000);
    const offloaded = await run(4);
    expect(local.training).toMatchObject({ samples: 4, totalSamples: 4, offloaded: false });
    expect(offloaded.training).toMatchObject({ samples: 4, totalSamples: 4, offloaded: true });
    expect(offloaded.prediction).toEqual(local.prediction);
    expect(local.prediction.prediction).not.toBe(0);
  });
});
