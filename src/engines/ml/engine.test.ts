import { afterEach, describe, expect, it } from 'vitest';
import { PAYLOAD_SCHEMAS } from '../../domain/payloads.ts';
import { seeded } from '../../signals/ml/fixtures/random.ts';
import { startMl } from './engine-harness.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function start(config: Record<string, unknown>) {
  const harness = await startMl(config);
  cleanups.push(harness.stop);
  return harness;
}

/** Minute t: the bar closes at c_t, then features of that bar arrive; c_(t+1) = c_t·(1 + 0.001·signal_t). */
function drive(h: Awaited<ReturnType<typeof start>>, minutes: number, symbol = 'AAPL') {
  const random = seeded(21);
  let close = 100;
  for (let t = 1; t <= minutes; t++) {
    h.bar(symbol, t, close);
    const signal = 2 * random() - 1;
    h.features(symbol, t, { signal, noise: random(), warming: null });
    close *= 1 + 0.001 * signal;
  }
}

const RLS = { name: 'rls', kind: 'rls', forgetting: 0.99 };
const LOGIT = { name: 'logit', kind: 'sgd-logistic', learningRate: 0.5 };

describe('ml engine', () => {
  it('predicts on each feature message, labels with the next bar, and learns in batches', async () => {
    const h = await start({ models: [RLS, LOGIT], trainBatch: 10 });
    drive(h, 301);
    // Features at minutes 1..301 each give one prediction per model; bars 2..301 label 300 of them.
    expect(h.predictions.filter((e) => e.topic === 'ml.prediction.rls')).toHaveLength(301);
    expect(h.trainings.filter((e) => e.topic === 'model.training.complete.rls')).toHaveLength(30);
    for (const e of [...h.predictions, ...h.trainings]) {
      const schema = e.topic.startsWith('ml.')
        ? PAYLOAD_SCHEMAS.ML_PREDICTION
        : PAYLOAD_SCHEMAS.MODEL_TRAINING;
      expect(schema.safeParse(e.payload).success).toBe(true);
    }
    const first = h.predictions[0]!.payload as Record<string, unknown>;
    // Untrained: RLS predicts 0 with no confidence; the logistic model says P(up) = 0.5.
    expect(first).toMatchObject({
      model: 'rls',
      symbol: 'AAPL',
      task: 'regression',
      prediction: 0,
      confidence: 0,
    });
    expect(h.predictions[1]!.payload).toMatchObject({ model: 'logit', prediction: 0.5, confidence: 0 });
    expect(h.trainings[0]!.payload).toMatchObject({
      model: 'rls',
      symbol: 'AAPL',
      samples: 10,
      offloaded: false,
    });
    // The next-bar return is 0.001·signal: the walk-forward window says both models found it.
    const metrics = (await h.inject('GET', '/models/rls/metrics')).body;
    expect(metrics.symbols.AAPL.features).toEqual(['noise', 'signal', 'warming']);
    expect(metrics.symbols.AAPL).toMatchObject({ trained: 300, scored: 300 });
    expect(metrics.symbols.AAPL.window.r2).toBeGreaterThan(0.9);
    expect(metrics.symbols.AAPL.window.hitRate).toBeGreaterThan(0.9);
    const logit = (await h.inject('GET', '/models/logit/metrics')).body.symbols.AAPL.window;
    expect(logit.auc).toBeGreaterThan(0.9);
    const last = h.predictions.at(-1)!.payload as { confidence: number };
    expect(last.confidence).toBeGreaterThan(0);
  });

  it('scores each prediction against the return after its own close only', async () => {
    const h = await start({ models: [RLS], trainBatch: 1 });
    h.bar('ES', 1, 100);
    h.features('ES', 1, { signal: 1 });
    // Features of bar 2 arrive before bar 2 itself: the bar only rebases the prediction, no label.
    h.features('ES', 2, { signal: 0.5 });
    h.bar('ES', 2, 110);
    expect(h.trainings).toHaveLength(0);
    h.bar('ES', 3, 132);
    // Labelled once, with 132/110 − 1 = 0.2 (not 110/100 − 1 = 0.1); the prediction was 0 (untrained).
    const window = (await h.inject('GET', '/models/rls/metrics')).body.symbols.ES.window;
    expect(window.count).toBe(1);
    expect(window.mse).toBeCloseTo(0.04, 12);
  });

  it('serves GET /models and refuses bad /predict bodies naming the field', async () => {
    const h = await start({ models: [RLS] });
    drive(h, 20);
    const models = (await h.inject('GET', '/models')).body.models;
    expect(models).toEqual([
      { name: 'rls', source: 'online', kind: 'rls', task: 'regression', status: 'ready', symbols: ['AAPL'] },
    ]);
    const ok = await h.inject('POST', '/predict', {
      model: 'rls',
      symbol: 'AAPL',
      features: { signal: 0.5 },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.predictions).toHaveLength(1);
    expect(Number.isFinite(ok.body.predictions[0].prediction)).toBe(true);
    const bad = await h.inject('POST', '/predict', {
      model: 'rls',
      symbol: 'AAPL',
      features: { signal: 'x' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('body.features.signal');
    const neither = await h.inject('POST', '/predict', { model: 'rls' });
    expect(neither.body.error.message).toContain('exactly one of "features" (one row) or "rows"');
    const noSymbol = await h.inject('POST', '/predict', { model: 'rls', rows: [{ signal: 1 }] });
    expect(noSymbol.status).toBe(400);
    expect(noSymbol.body.error.message).toContain('body.symbol: required');
    const typo = await h.inject('POST', '/predict', {
      model: 'rls',
      symbol: 'AAPL',
      rows: [{}, { sgnal: 1 }],
    });
    expect(typo.body.error.message).toContain('rows[1]: model rls has no feature "sgnal"');
    expect((await h.inject('POST', '/predict', { model: 'nope', features: {} })).status).toBe(404);
    expect((await h.inject('GET', '/models/nope/metrics')).body.error.message).toContain(
      'no model "nope" (models: rls)',
    );
  });
});

describe('ml config', () => {
  it('refuses two models with one name', async () => {
    const { mlConfigSchema } = await import('./manifest.ts');
    const parsed = mlConfigSchema.safeParse({
      models: [RLS],
      onnxModels: [{ name: 'rls', path: 'x.onnx', features: ['a'] }],
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]).toMatchObject({
      path: ['onnxModels', 0, 'name'],
      message: 'model name "rls" is taken',
    });
  });
});
