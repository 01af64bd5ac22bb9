import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { NautilusError } from '../../core/errors.ts';
import { confidence } from '../../signals/ml/confidence.ts';
import type { MlEngine } from './engine.ts';
import { finiteJson } from './finite-json.ts';
import { runOnnx } from './onnx-model.ts';

const featureRow = z.record(z.string(), z.number().finite());

export const predictBodySchema = z
  .strictObject({
    model: z.string().min(1),
    symbol: z.string().min(1).optional(),
    features: featureRow.optional(),
    rows: z.array(featureRow).min(1).max(100_000).optional(),
  })
  .refine((body) => (body.features === undefined) !== (body.rows === undefined), {
    message: 'give exactly one of "features" (one row) or "rows"',
    path: ['features'],
  });

type PredictBody = z.output<typeof predictBodySchema>;

function parseBody(body: unknown): PredictBody {
  const parsed = predictBodySchema.safeParse(body ?? {});
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map(
    (issue) => `${['body', ...issue.path].join('.')}: ${issue.message}`,
  );
  throw new NautilusError('BAD_REQUEST', `invalid /predict body: ${problems.join('; ')}`);
}

/** Row i of `rows` as a vector in `names` order; unknown names are refused, missing ones are NaN. */
function vectorOf(
  row: Record<string, number>,
  i: number,
  names: readonly string[],
  model: string,
): Float64Array {
  const known = new Set(names);
  for (const name of Object.keys(row))
    if (!known.has(name))
      throw new NautilusError(
        'BAD_REQUEST',
        `rows[${i}]: model ${model} has no feature "${name}" (features: ${names.join(', ')})`,
      );
  return Float64Array.from(names, (name) => row[name] ?? Number.NaN);
}

async function predict(engine: MlEngine, body: PredictBody) {
  const rows = body.rows ?? [body.features!];
  const entry = engine.onnx.get(body.model);
  if (entry) {
    if (entry.status !== 'ready')
      throw new NautilusError(
        'LIFECYCLE',
        `onnx model ${body.model} is ${entry.status}: ${entry.error ?? 'loading'}`,
      );
    const k = entry.config.features.length;
    const input = new Float32Array(rows.length * k);
    rows.forEach((row, i) => {
      const x = vectorOf(row, i, entry.config.features, body.model);
      const missing = entry.config.features.find((_, j) => Number.isNaN(x[j]!));
      if (missing) throw new NautilusError('BAD_REQUEST', `rows[${i}]: missing feature "${missing}"`);
      input.set(x, i * k);
    });
    const offload = rows.length >= engine.ctxConfig().workerThreshold;
    const out = offload
      ? await engine.pool.onnx(entry.config, input, rows.length, k)
      : await runOnnx(entry.loaded!, input, rows.length, k);
    return { model: body.model, task: entry.config.task, offloaded: offload, predictions: [...out] };
  }
  const config = engine.ctxConfig().models.find((m) => m.name === body.model);
  if (!config) throw unknownModel(engine, body.model);
  if (!body.symbol)
    throw new NautilusError(
      'BAD_REQUEST',
      `body.symbol: required for online model ${body.model} (one per symbol)`,
    );
  const track = engine.symbols.get(body.symbol)?.tracks.get(body.model);
  if (!track?.learner)
    throw new NautilusError('NOT_FOUND', `model ${body.model} has not seen features for ${body.symbol} yet`);
  const rmse = track.window.rmse();
  const predictions = rows.map((row, i) => {
    const prediction = track.learner!.predict(vectorOf(row, i, track.features, body.model));
    return { prediction, confidence: confidence(track.task, prediction, rmse) };
  });
  return { model: body.model, symbol: body.symbol, task: track.task, predictions };
}

function unknownModel(engine: MlEngine, name: string): NautilusError {
  const known = [...engine.ctxConfig().models.map((m) => m.name), ...engine.onnx.keys()];
  return new NautilusError('NOT_FOUND', `no model "${name}" (models: ${known.join(', ') || 'none'})`);
}

function listModels(engine: MlEngine) {
  const symbolsOf = (name: string) =>
    [...engine.symbols].filter(([, state]) => state.tracks.has(name)).map(([symbol]) => symbol);
  const online = engine.ctxConfig().models.map((m) => ({
    name: m.name,
    source: 'online',
    kind: m.kind,
    task: m.kind === 'sgd-logistic' ? 'classification' : 'regression',
    status: 'ready',
    symbols: symbolsOf(m.name),
  }));
  const onnx = [...engine.onnx.values()].map((e) => ({
    name: e.config.name,
    source: 'onnx',
    kind: 'onnx',
    task: e.config.task,
    status: e.status,
    ...(e.error ? { error: e.error } : {}),
    path: e.config.path,
    features: e.config.features,
    symbols: symbolsOf(e.config.name),
  }));
  return { models: [...online, ...onnx] };
}

function modelMetrics(engine: MlEngine, name: string) {
  if (!engine.onnx.has(name) && !engine.ctxConfig().models.some((m) => m.name === name))
    throw unknownModel(engine, name);
  const symbols: Record<string, unknown> = {};
  for (const [symbol, state] of engine.symbols) {
    const track = state.tracks.get(name);
    if (!track) continue;
    symbols[symbol] = {
      task: track.task,
      features: track.features,
      trained: track.learner?.model.updates ?? 0,
      scored: track.window.total,
      window: finiteJson(track.metrics() ?? {}),
    };
  }
  return { model: name, window: engine.ctxConfig().metricsWindow, symbols };
}

/** GET /models, GET /models/:name/metrics, POST /predict. */
export function registerMlRoutes(app: FastifyInstance, engine: MlEngine, isRunning: () => boolean): void {
  const running = () => {
    if (!isRunning()) throw new NautilusError('LIFECYCLE', 'the ml engine is not running');
  };
  app.get('/models', async () => {
    running();
    return listModels(engine);
  });
  app.get<{ Params: { name: string } }>('/models/:name/metrics', async (request) => {
    running();
    return modelMetrics(engine, request.params.name);
  });
  app.post('/predict', async (request) => {
    running();
    return predict(engine, parseBody(request.body));
  });
}
