import type { FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';
import type { Clock } from '../core/clock.ts';
import type { Logger } from '../core/logger.ts';
import type { Store } from '../store/store.ts';
import type { EngineBus } from './engine-bus.ts';
import type { EngineManifest } from './manifest.ts';

/** Everything an engine gets from its host; it reaches nothing else (no connections, no other engines). */
export interface EngineContext<C = unknown> {
  manifest: EngineManifest;
  bus: EngineBus;
  clock: Clock;
  /** A child logger carrying the engine name. */
  logger: Logger;
  /** The process registry, shared by the engines of a host: label metrics with the engine name. */
  metrics: Registry;
  /** `engineConfig.<name>`, validated by the manifest's schema. */
  config: C;
  instanceId: string;
  /**
   * The process's store, for engines whose manifest sets `usesStore`; set by the host before
   * `onStart`. Absent in backtests and when the host runs without persistence: an engine then
   * keeps its state in memory only.
   */
  store?: Store;
}

/**
 * An engine wires pure logic to the bus. The host drives its lifecycle: `onStart` subscribes and
 * sets timers (a throw faults only this engine), `onStop` undoes what the host cannot (the host
 * itself drops the engine's subscriptions and its heartbeat).
 */
export abstract class Engine<C = unknown> {
  constructor(protected readonly ctx: EngineContext<C>) {}

  abstract onStart(): void | Promise<void>;

  onStop(): void | Promise<void> {}

  /** Called once every engine of the host has started (producers that must not outrun subscribers). */
  onHostReady(): void | Promise<void> {}

  /**
   * Adds the engine's own endpoints to its port (before it listens). `isRunning` lets handlers
   * answer 503 while the engine is not started.
   */
  registerRoutes(_app: FastifyInstance, _isRunning: () => boolean): void {}

  /** Extra fields of /health while the engine runs. */
  healthFields(): Record<string, unknown> {
    return {};
  }

  /** A line for /health and the heartbeat, e.g. why the engine is degraded. */
  healthDetail(): string | undefined {
    return undefined;
  }
}

export type EngineFactory = (ctx: EngineContext) => Engine;
