import { createModel, type ModelSpec, restoreModel } from './create-model.ts';
import type { ModelState, OnlineModel, Task } from './online-model.ts';
import { Standardizer, type StandardizerState } from './standardizer.ts';

export interface PipelineState {
  scaler: StandardizerState;
  model: ModelState;
}

/** Raw features -> online z-scores -> model. Learning updates the scaler first, then the model. */
export class Pipeline {
  private readonly scaled: Float64Array;

  private constructor(
    private readonly scaler: Standardizer,
    readonly model: OnlineModel,
  ) {
    this.scaled = new Float64Array(model.dim);
  }

  static create(spec: ModelSpec, dim: number): Pipeline {
    return new Pipeline(new Standardizer(dim), createModel(spec, dim));
  }

  static restore(state: PipelineState): Pipeline {
    return new Pipeline(Standardizer.restore(state.scaler), restoreModel(state.model));
  }

  get task(): Task {
    return this.model.task;
  }

  predict(raw: ArrayLike<number>): number {
    return this.model.predict(this.scaler.transform(raw, this.scaled));
  }

  learn(raw: ArrayLike<number>, y: number): void {
    this.scaler.observe(raw);
    this.model.update(this.scaler.transform(raw, this.scaled), y);
  }

  /** Learns samples in order: the unit of work a worker thread runs. */
  learnBatch(xs: ReadonlyArray<ArrayLike<number>>, ys: ArrayLike<number>): void {
    for (let i = 0; i < xs.length; i++) this.learn(xs[i]!, ys[i]!);
  }

  state(): PipelineState {
    return { scaler: this.scaler.state(), model: this.model.state() };
  }
}
