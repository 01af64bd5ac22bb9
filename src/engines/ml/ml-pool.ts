import { Piscina } from 'piscina';
import type { PipelineState } from '../../signals/ml/pipeline.ts';
import type { MlTask } from './ml-worker.ts';
import type { OnnxModelSpec } from './onnx-model.ts';

/**
 * Worker threads for heavy ml work, started on first use. The worker is the `.ts` file next to
 * this one under tsx and vitest (threads do not inherit tsx's loader, hence `--import tsx`) and
 * the `.js` one after `npm run build`.
 */
export class MlPool {
  private piscina: Piscina<MlTask, PipelineState | Float32Array> | undefined;

  constructor(private readonly threads: number) {}

  train(state: PipelineState, xs: Float64Array[], ys: number[]): Promise<PipelineState> {
    return this.pool().run({ op: 'train', state, xs, ys }) as Promise<PipelineState>;
  }

  onnx(spec: OnnxModelSpec, rows: Float32Array, n: number, k: number): Promise<Float32Array> {
    return this.pool().run({ op: 'onnx', spec, rows, n, k }) as Promise<Float32Array>;
  }

  get started(): boolean {
    return this.piscina !== undefined;
  }

  /** Tasks waiting for a thread. */
  get queued(): number {
    return this.piscina?.queueSize ?? 0;
  }

  async destroy(): Promise<void> {
    await this.piscina?.destroy();
    this.piscina = undefined;
  }

  private pool(): Piscina<MlTask, PipelineState | Float32Array> {
    if (!this.piscina) {
      const typescript = import.meta.url.endsWith('.ts');
      this.piscina = new Piscina({
        filename: new URL(`./ml-worker.${typescript ? 'ts' : 'js'}`, import.meta.url).href,
        execArgv: typescript ? [...process.execArgv, '--import', 'tsx'] : [...process.execArgv],
        minThreads: 0,
        maxThreads: this.threads,
        idleTimeout: 30_000,
      });
    }
    return this.piscina;
  }
}
