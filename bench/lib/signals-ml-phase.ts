import * as ort from 'onnxruntime-node';
import { readMarketDataFile } from '../../src/marketdata/files/read-market-data-file.ts';
import type { ModelSpec } from '../../src/signals/ml/create-model.ts';
import { linearOnnxModel } from '../../src/signals/ml/fixtures/linear-onnx.ts';
import { Pipeline } from '../../src/signals/ml/pipeline.ts';
import { RollingWindow } from '../../src/signals/ml/rolling-window.ts';
import { sharedData } from '../../src/testing/shared-data.ts';
import { progress, type Row, rate } from './report.ts';

const FILE = sharedData('btc-perp-20211231-20220201_1m.csv');
/** Lagged 1-bar log returns as features: a stand-in for the features engine's vector. */
const LAGS = 16;
const ONNX_BATCH = 1024;

const seconds = (since: bigint) => Number(process.hrtime.bigint() - since) / 1e9;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;

async function samples(limit: number): Promise<{ xs: Float64Array[]; ys: number[] }> {
  const closes: number[] = [];
  for await (const batch of readMarketDataFile(FILE).batches())
    for (const record of batch) if (record.kind === 'bar') closes.push(record.close);
  const returns = closes.slice(1).map((close, i) => Math.log(close / closes[i]!));
  const xs: Float64Array[] = [];
  const ys: number[] = [];
  for (let t = LAGS; t < returns.length && xs.length < limit; t++) {
    xs.push(Float64Array.from({ length: LAGS }, (_, lag) => returns[t - 1 - lag]!));
    ys.push(returns[t]!);
  }
  return { xs, ys };
}

/** Baseline: the least a per-sample loop over the same vectors does (one dot product with fixed weights). */
function bareLoop(xs: readonly Float64Array[]): number {
  const w = Float64Array.from({ length: LAGS }, (_, i) => 1 / (i + 1));
  const started = process.hrtime.bigint();
  let sum = 0;
  for (const x of xs) for (let i = 0; i < LAGS; i++) sum += w[i]! * x[i]!;
  if (Number.isNaN(sum)) throw new Error('unreachable');
  return xs.length / seconds(started);
}

/** Walk-forward: predict, score, then learn each sample (scaler + model), as the engine does per bar. */
function walkForward(spec: ModelSpec, xs: readonly Float64Array[], ys: readonly number[]) {
  const pipeline = Pipeline.create(spec, LAGS);
  const window = new RollingWindow(5000);
  const classify = spec.kind === 'sgd-logistic';
  const started = process.hrtime.bigint();
  for (let i = 0; i < xs.length; i++) {
    const y = classify ? (ys[i]! > 0 ? 1 : 0) : ys[i]!;
    window.push(pipeline.predict(xs[i]!), y);
    pipeline.learn(xs[i]!, y);
  }
  return { perS: xs.length / seconds(started), metrics: window.metrics(pipeline.task)! };
}

async function onnxRowsPerS(xs: readonly Float64Array[], rounds: number): Promise<number> {
  const weights = Array.from({ length: LAGS }, (_, i) => [1 / (i + 1)]);
  const session = await ort.InferenceSession.create(linearOnnxModel(weights, [0]));
  const input = new Float32Array(ONNX_BATCH * LAGS);
  for (let r = 0; r < ONNX_BATCH; r++) input.set(xs[r]!, r * LAGS);
  const tensor = new ort.Tensor('float32', input, [ONNX_BATCH, LAGS]);
  const started = process.hrtime.bigint();
  for (let i = 0; i < rounds; i++) await session.run({ x: tensor });
  const perS = (rounds * ONNX_BATCH) / seconds(started);
  await session.release();
  return perS;
}

const SGD = { learningRate: 0.01, l2: 1e-4, forgetting: 0.995, delta: 1 };

export async function runMlPhase(quick: boolean): Promise<{ rows: Row[]; json: Record<string, number> }> {
  const { xs, ys } = await samples(quick ? 10_000 : Number.POSITIVE_INFINITY);
  progress(`ml: ${xs.length} walk-forward samples of ${LAGS} lagged returns from ${FILE}`);
  const repeats = quick ? 3 : 5;
  const baseline = median(Array.from({ length: repeats }, () => bareLoop(xs)));
  const rls = Array.from({ length: repeats }, () => walkForward({ ...SGD, kind: 'rls' }, xs, ys));
  const logit = Array.from({ length: repeats }, () => walkForward({ ...SGD, kind: 'sgd-logistic' }, xs, ys));
  const rlsPerS = median(rls.map((r) => r.perS));
  const logitPerS = median(logit.map((r) => r.perS));
  const onnx = await onnxRowsPerS(xs, quick ? 200 : 1000);
  const rlsHit = (rls[0]!.metrics as { hitRate: number }).hitRate;
  const logitAuc = (logit[0]!.metrics as { auc: number }).auc;
  const ratio = (value: number) => `${(value / baseline).toFixed(3)}x`;
  const rows: Row[] = [
    {
      metric: `ml RLS walk-forward (k=${LAGS}) samples/s`,
      value: rate(rlsPerS),
      baseline: rate(baseline),
      ratio: ratio(rlsPerS),
    },
    {
      metric: `ml SGD logistic walk-forward samples/s`,
      value: rate(logitPerS),
      baseline: rate(baseline),
      ratio: ratio(logitPerS),
    },
    {
      metric: `ml ONNX linear rows/s (batch ${ONNX_BATCH})`,
      value: rate(onnx),
      baseline: rate(baseline),
      ratio: ratio(onnx),
    },
    { metric: 'ml RLS hit rate, last 5000 (BTC 1m)', value: rlsHit.toFixed(4) },
    { metric: 'ml SGD logistic AUC, last 5000 (BTC 1m)', value: logitAuc.toFixed(4) },
  ];
  return {
    rows,
    json: {
      ml_rls_updates_per_s: Math.round(rlsPerS),
      ml_sgd_updates_per_s: Math.round(logitPerS),
      ml_onnx_rows_per_s: Math.round(onnx),
      ml_baseline_per_s: Math.round(baseline),
    },
  };
}
