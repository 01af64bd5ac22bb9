import { availableParallelism } from 'node:os';
import type { FastifyInstance } from 'fastify';
import type { Envelope } from '../../domain/envelope.ts';
import type { MarketDataPayload } from '../../domain/payloads.ts';
import type { Nanos } from '../../domain/time.ts';
import { topics } from '../../domain/topics.ts';
import { Pipeline } from '../../signals/ml/pipeline.ts';
import { Engine, type EngineContext } from '../engine.ts';
import { readFeatures } from './feature-payload.ts';
import { finiteJson } from './finite-json.ts';
import type { MlConfig, OnlineModelConfig, OnnxModelConfig } from './manifest.ts';
import { MlPool } from './ml-pool.ts';
import { registerMlRoutes } from './ml-routes.ts';
import { ModelTrack, type Prediction } from './model-track.ts';
import { type LoadedOnnx, loadOnnx, runOnnx } from './onnx-model.ts';

export interface SymbolState {
  /** Latest value of every feature seen for the symbol (NaN: not yet available). */
  snapshot: Map<string, number>;
  lastClose: number | undefined;
  /** Model name -> track. */
  tracks: Map<string, ModelTrack>;
}

export interface OnnxEntry {
  config: OnnxModelConfig;
  status: 'loading' | 'ready' | 'error';
  error?: string;
  loaded?: LoadedOnnx;
}

/**
 * Online models per symbol on the features stream. Each `feature.calculation.<symbol>` updates the
 * symbol's feature snapshot and every model predicts on it, published on `ml.prediction.<model>`;
 * each `barSpec` bar labels the standing prediction with the next-bar return, scores it
 * (walk-forward metrics) and queues it; every `trainBatch` labelled samples the model learns the
 * batch and `model.training.complete.<model>` follows. Batches of `workerThreshold` or more samples
 * train on a worker thread while the old weights keep predicting. ONNX models predict the same way
 * (onnxruntime on this thread for one row; POST /predict batches of `workerThreshold` rows on a
 * worker) and are scored, never trained. A model file that fails to load leaves that model in
 * `error` (shown in /health and GET /models); everything else keeps serving.
 */
export class MlEngine extends Engine<MlConfig> {
  readonly symbols = new Map<string, SymbolState>();
  readonly onnx = new Map<string, OnnxEntry>();
  readonly pool = new MlPool(Math.max(1, Math.min(4, availableParallelism() - 1)));
  readonly counts = { predictions: 0, batches: 0, offloaded: 0, failures: 0 };

  constructor(ctx: EngineContext<MlConfig>) {
    super(ctx);
    for (const config of ctx.config.onnxModels) this.onnx.set(config.name, { config, status: 'loading' });
  }

  async onStart(): Promise<void> {
    await Promise.all([...this.onnx.values()].map((entry) => this.load(entry)));
    await this.ctx.bus.subscribe(topics.pattern('feature.calculation'), (envelope) =>
      this.onFeatures(envelope),
    );
    await this.ctx.bus.subscribe(topics.pattern('market_data.bar'), (envelope) => this.onBar(envelope));
  }

  /** The engine's validated options, for its routes. */
  ctxConfig(): MlConfig {
    return this.ctx.config;
  }

  override async onStop(): Promise<void> {
    await this.pool.destroy();
  }

  override registerRoutes(app: FastifyInstance, isRunning: () => boolean): void {
    registerMlRoutes(app, this, isRunning);
  }

  override healthFields(): Record<string, unknown> {
    return {
      models: [...this.ctx.config.models.map((m) => m.name), ...this.onnx.keys()],
      symbols: this.symbols.size,
      ...this.counts,
      degraded: [...this.onnx.values()].filter((e) => e.status === 'error').map((e) => e.config.name),
    };
  }

  override healthDetail(): string {
    const failed = [...this.onnx.values()].filter((entry) => entry.status === 'error');
    const base = `${this.counts.predictions} predictions, ${this.counts.batches} training batches on ${this.symbols.size} symbols`;
    return failed.length === 0 ? base : `degraded: ${failed.map((e) => e.error).join('; ')}; ${base}`;
  }

  private async load(entry: OnnxEntry): Promise<void> {
    try {
      entry.loaded = await loadOnnx(entry.config);
      entry.status = 'ready';
    } catch (error) {
      entry.status = 'error';
      entry.error = (error as Error).message;
      this.ctx.logger.error(
        { model: entry.config.name, err: entry.error },
        'onnx model not loaded; serving without it',
      );
    }
  }

  private stateOf(symbol: string): SymbolState {
    let state = this.symbols.get(symbol);
    if (!state) {
      state = { snapshot: new Map(), lastClose: undefined, tracks: new Map() };
      this.symbols.set(symbol, state);
    }
    return state;
  }

  /** The symbol's online track of `model`; its features are fixed to the names known at creation. */
  private onlineTrack(state: SymbolState, model: OnlineModelConfig): ModelTrack {
    let track = state.tracks.get(model.name);
    if (!track) {
      const names = [...state.snapshot.keys()].sort().slice(0, this.ctx.config.maxFeatures);
      const learner = Pipeline.create(model, names.length);
      track = new ModelTrack(learner.task, names, this.ctx.config.metricsWindow, learner);
      state.tracks.set(model.name, track);
    }
    return track;
  }

  private onFeatures(envelope: Envelope): void | Promise<void> {
    const record = readFeatures(envelope.payload, envelope.topic.slice(envelope.topic.lastIndexOf('.') + 1));
    if (!record) return;
    const state = this.stateOf(record.symbol);
    for (const [name, value] of record.values) state.snapshot.set(name, value);
    const base = state.lastClose;
    if (base === undefined) return; // no close yet to measure the next return from
    const atNs = envelope.eventTimeNs;
    for (const model of this.ctx.config.models) {
      const track = this.onlineTrack(state, model);
      const x = Float64Array.from(track.features, (name) => state.snapshot.get(name) ?? Number.NaN);
      if (!x.some(Number.isFinite)) continue;
      this.publish(model.name, model.kind, record.symbol, track, track.predict(x, base, atNs), atNs);
    }
    const runs: Promise<void>[] = [];
    for (const entry of this.onnx.values()) {
      if (entry.status !== 'ready') continue;
      const x = Float64Array.from(entry.config.features, (name) => state.snapshot.get(name) ?? Number.NaN);
      if (!x.every(Number.isFinite)) continue; // a user model gets every input or no call
      runs.push(this.predictOnnx(entry, state, record.symbol, x, base, atNs));
    }
    if (runs.length > 0) return Promise.all(runs).then(() => undefined);
  }

  private async predictOnnx(
    entry: OnnxEntry,
    state: SymbolState,
    symbol: string,
    x: Float64Array,
    base: number,
    atNs: Nanos,
  ): Promise<void> {
    const { name, task, features } = entry.config;
    let track = state.tracks.get(name);
    if (!track) {
      track = new ModelTrack(task, features, this.ctx.config.metricsWindow, undefined);
      state.tracks.set(name, track);
    }
    const [y] = await runOnnx(entry.loaded!, Float32Array.from(x), 1, x.length);
    this.publish(name, 'onnx', symbol, track, track.hold(x, base, atNs, y!), atNs);
  }

  private publish(
    model: string,
    kind: string,
    symbol: string,
    track: ModelTrack,
    p: Prediction,
    atNs: Nanos,
  ) {
    this.counts.predictions++;
    this.ctx.bus.publish({
      topic: topics.ml.prediction(model),
      payload: {
        model,
        kind,
        task: track.task,
        symbol,
        prediction: Number.isFinite(p.prediction) ? p.prediction : null,
        confidence: p.confidence,
        horizon: `next ${this.ctx.config.barSpec} bar`,
        features: track.features.length,
        samples: track.learner?.model.updates ?? 0,
        tsNs: atNs,
      },
      eventTimeNs: atNs,
    });
  }

  private onBar(envelope: Envelope): void {
    const bar = envelope.payload as MarketDataPayload;
    if (bar.kind !== 'bar' || bar.spec !== this.ctx.config.barSpec) return;
    const state = this.stateOf(bar.symbol);
    state.lastClose = bar.close;
    for (const [name, track] of state.tracks) {
      const queued = track.label(bar.close, envelope.eventTimeNs);
      if (track.learner && !track.training && queued >= this.ctx.config.trainBatch)
        this.train(name, bar.symbol, track, envelope.eventTimeNs);
    }
  }

  private train(model: string, symbol: string, track: ModelTrack, atNs: Nanos): void {
    const batch = track.take();
    if (batch.ys.length < this.ctx.config.workerThreshold) {
      track.learner!.learnBatch(batch.xs, batch.ys);
      this.trained(model, symbol, track, batch.ys.length, false, atNs);
      return;
    }
    track.training = true;
    this.counts.offloaded++;
    this.pool.train(track.learner!.state(), batch.xs, batch.ys).then(
      (state) => {
        track.learner = Pipeline.restore(state);
        track.training = false;
        this.trained(model, symbol, track, batch.ys.length, true, atNs);
      },
      (error: unknown) => {
        track.training = false;
        this.counts.failures++;
        this.ctx.logger.error({ model, symbol, err: (error as Error).message }, 'training batch failed');
      },
    );
  }

  private trained(
    model: string,
    symbol: string,
    track: ModelTrack,
    samples: number,
    offloaded: boolean,
    atNs: Nanos,
  ) {
    this.counts.batches++;
    this.ctx.bus.publish({
      topic: topics.model.trainingComplete(model),
      payload: {
        model,
        kind: track.learner!.model.kind,
        symbol,
        samples,
        totalSamples: track.learner!.model.updates,
        offloaded,
        metrics: finiteJson(track.metrics() ?? {}),
        tsNs: atNs,
      },
      eventTimeNs: atNs,
    });
  }
}
