import type { Store } from '../../store/store.ts';
import { startEngine } from '../testing/engine-test-kit.ts';
import { ApiEngine } from './engine.ts';
import { apiConfigSchema, apiManifest } from './manifest.ts';

/** 2024-01-02T00:00:00Z. */
export const START_NS = 1_704_153_600_000_000_000n;

/** The api engine on the engine test kit (sync memory bus, test clock), its routes on `app`. */
export async function startApi(options: { config?: Record<string, unknown>; store?: Store } = {}) {
  const config = apiConfigSchema.parse({ orderAnswerMs: 0, ...options.config });
  const kit = await startEngine({
    manifest: apiManifest,
    create: (ctx) => new ApiEngine(ctx),
    config,
    startNs: START_NS,
    ...(options.store ? { store: options.store } : {}),
  });
  /** Publishes as another engine would (any topic; the memory bus checks payload schemas). */
  const publish = (engine: string, topic: string, payload: unknown, eventTimeNs = kit.clock.nowNs()) =>
    kit.bus.publish({ engine, topic, payload, eventTimeNs });
  return { ...kit, publish };
}
