import type { FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';
import type { MessageBus } from '../../bus/message-bus.ts';
import type { Clock } from '../../core/clock.ts';
import { toNautilusError } from '../../core/errors.ts';
import { type ComponentState, Lifecycle } from '../../core/lifecycle.ts';
import type { Logger } from '../../core/logger.ts';
import type { PayloadOf } from '../../domain/payloads.ts';
import type { Nanos } from '../../domain/time.ts';
import { topics } from '../../domain/topics.ts';
import type { Store } from '../../store/store.ts';
import type { Engine, EngineContext } from '../engine.ts';
import { EngineBus, type EngineBusOptions } from '../engine-bus.ts';
import { Heartbeat } from '../heartbeat.ts';
import type { EngineDefinition } from './kernel.ts';

export interface HostedEngineDeps {
  bus: MessageBus;
  clock: Clock;
  logger: Logger;
  metrics: Registry;
  instanceId: string;
  busOptions?: EngineBusOptions;
  heartbeatMs: number;
  /** Called after each heartbeat is published: the host updates the registry. */
  onHeartbeat: (engine: HostedEngine) => void;
}

/** One engine inside a host: its lifecycle, scoped bus, heartbeat, and what /health reports. */
export class HostedEngine {
  readonly name: string;
  readonly lifecycle: Lifecycle;
  readonly bus: EngineBus;
  readonly heartbeat: Heartbeat;
  readonly logger: Logger;
  startedNs: Nanos | null = null;
  /** Built with the host (so its HTTP routes exist before listen); onStart runs in start(). */
  private readonly engine: Engine | null = null;
  private readonly createError: unknown;
  private readonly ctx: EngineContext;

  constructor(
    readonly definition: EngineDefinition,
    config: unknown,
    private readonly deps: HostedEngineDeps,
  ) {
    this.name = definition.manifest.name;
    this.lifecycle = new Lifecycle(`engine ${this.name}`);
    this.bus = new EngineBus(deps.bus, definition.manifest, deps.busOptions);
    this.logger = deps.logger.child({ engine: this.name });
    this.heartbeat = new Heartbeat(this.name, deps.clock, deps.heartbeatMs, (nowNs) => this.beat(nowNs));
    this.ctx = {
      manifest: definition.manifest,
      bus: this.bus,
      clock: deps.clock,
      logger: this.logger,
      metrics: deps.metrics,
      config,
      instanceId: deps.instanceId,
    };
    try {
      this.engine = definition.create(this.ctx);
    } catch (error) {
      this.createError = error;
    }
  }

  get state(): ComponentState {
    return this.lifecycle.state;
  }

  get implemented(): boolean {
    return this.definition.manifest.implemented;
  }

  /** A failure faults this engine only: it is logged and shown in /health and heartbeats, never rethrown. */
  async start(store?: Store): Promise<void> {
    this.lifecycle.transition('starting', 'host starting');
    if (this.definition.manifest.usesStore) this.ctx.store = store;
    this.startedNs = this.deps.clock.nowNs();
    try {
      if (!this.engine) throw this.createError;
      await this.engine.onStart();
      this.lifecycle.transition('running', 'started');
    } catch (error) {
      this.logger.error({ err: error }, 'engine failed to start');
      this.lifecycle.transition('faulted', `start failed: ${toNautilusError(error).message}`);
      // A half-started engine must not keep consuming messages.
      await this.bus.unsubscribeAll().catch(() => undefined);
    }
  }

  /** After every engine of the host started; a failure faults this engine only. */
  async hostReady(): Promise<void> {
    if (!this.running) return;
    try {
      await this.engine?.onHostReady();
    } catch (error) {
      this.logger.error({ err: error }, 'engine failed once the host was ready');
      this.lifecycle.transition('faulted', `host-ready failed: ${toNautilusError(error).message}`);
    }
  }

  async stop(): Promise<void> {
    if (!this.lifecycle.can('stopping')) return;
    this.lifecycle.transition('stopping', 'host stopping');
    this.heartbeat.stop();
    try {
      await this.engine?.onStop();
      await this.bus.unsubscribeAll();
      this.lifecycle.transition('stopped', 'stopped');
    } catch (error) {
      this.logger.error({ err: error }, 'engine failed to stop cleanly');
      this.lifecycle.transition('faulted', `stop failed: ${toNautilusError(error).message}`);
    }
  }

  get running(): boolean {
    return this.state === 'running' || this.state === 'degraded';
  }

  /** The engine's own HTTP routes, registered before the server listens. */
  registerRoutes(app: FastifyInstance): void {
    this.engine?.registerRoutes(app, () => this.running);
  }

  /** Fields the engine adds to /health while it runs (e.g. the hub's symbols). */
  healthFields(): Record<string, unknown> {
    return this.running ? (this.engine?.healthFields() ?? {}) : {};
  }

  /** The engine's own detail while it runs; otherwise why it is in its state. */
  detail(): string {
    const running = this.state === 'running' || this.state === 'degraded';
    return (running ? this.engine?.healthDetail() : undefined) ?? this.lifecycle.reason;
  }

  healthPayload(nowNs: Nanos): PayloadOf<'ENGINE_HEALTH'> {
    return {
      engine: this.name,
      instance: this.deps.instanceId,
      state: this.state,
      implemented: this.implemented,
      detail: this.detail(),
      tsNs: nowNs,
    };
  }

  private beat(nowNs: Nanos): void {
    try {
      this.bus.publish({ topic: topics.engine.health(this.name), payload: this.healthPayload(nowNs) });
    } catch (error) {
      // An outage buffer that refuses (overflow policy "reject") must not stop the heartbeat timer.
      const fault = toNautilusError(error);
      this.logger.warn({ code: fault.code, err: fault.message }, 'heartbeat not published');
    }
    this.deps.onHeartbeat(this);
  }
}
