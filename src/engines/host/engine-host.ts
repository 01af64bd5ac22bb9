import type { AddressInfo } from 'node:net';
import { hostname } from 'node:os';
import type { FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';
import type { MessageBus } from '../../bus/message-bus.ts';
import type { Clock } from '../../core/clock.ts';
import type { NautilusConfig } from '../../core/config/config-schema.ts';
import { NautilusError } from '../../core/errors.ts';
import type { ComponentState } from '../../core/lifecycle.ts';
import type { Logger } from '../../core/logger.ts';
import { createMetricsRegistry } from '../../core/metrics.ts';
import type { Store } from '../../store/store.ts';
import { auditPath, DeliveryAudit } from '../delivery-audit.ts';
import { createRegistry } from '../registry/create-registry.ts';
import type { EngineInstance, EngineRegistry } from '../registry/engine-registry.ts';
import { BusStatusCache, lagOf } from './bus-status-cache.ts';
import type { DashboardEndpoints } from './dashboard-server.ts';
import { installEgressGuard } from './egress.ts';
import { buildEngineHttp } from './engine-http.ts';
import { EventLoopLag, registerEventLoopMetrics } from './event-loop-lag.ts';
import { HardwareMonitor } from './hardware-monitor.ts';
import { registerHostMetrics } from './host-metrics.ts';
import { HostedDashboard } from './hosted-dashboard.ts';
import { HostedEngine } from './hosted-engine.ts';
import { type EngineKernel, KERNEL, selectEngines } from './kernel.ts';
import { resolveEngineConfig } from './resolve-engine-config.ts';

export interface EngineHostOptions {
  config: NautilusConfig;
  bus: MessageBus;
  clock: Clock;
  logger: Logger;
  /** Default: in-process for the memory bus, the main Redis otherwise. The host closes it on stop. */
  registry?: EngineRegistry;
  /** Default: every engine of the platform (kernel.ts). */
  kernel?: EngineKernel;
  /**
   * Handed to engines whose manifest sets `usesStore` (the caller opens and closes it; see
   * `needsStore`). Without it those engines keep their state in memory only.
   */
  store?: Store;
  /** Listen on OS-chosen ports instead of defaultPort + portOffset (tests running in parallel). */
  ephemeralPorts?: boolean;
  /**
   * The dashboard's port, whatever `ephemeralPorts` says: a test that must know the dashboard's
   * origin before start (for the API's CORS origins) picks a free one.
   */
  dashboardPort?: number;
  /** Where notices for the operator go (the dashboard build); default stdout. */
  say?: (text: string) => void;
}

export interface HostedEngineInfo {
  engine: string;
  title: string;
  state: ComponentState;
  implemented: boolean;
  detail: string;
  /** Null when HTTP is disabled. */
  port: number | null;
  url: string | null;
}

/** How long start() waits for the main Redis before running without discovery (it keeps retrying). */
const REGISTRY_CONNECT_WAIT_MS = 2_000;

/**
 * Runs any subset of engines in one process on one bus: builds them, drives their lifecycle,
 * beats their hearts into the bus and the registry, and serves each engine's HTTP endpoints.
 */
export class EngineHost {
  readonly instanceId: string;
  readonly metrics: Registry;
  readonly registry: EngineRegistry;
  private readonly engines: HostedEngine[];
  private readonly servers = new Map<string, FastifyInstance>();
  private readonly statusCache: BusStatusCache;
  private readonly hardware = new HardwareMonitor();
  private readonly loopLag = new EventLoopLag();
  private readonly advertisedHost: string;
  private phase: 'new' | 'started' | 'stopped' = 'new';
  private registryFailing = false;
  private releaseEgressGuard: (() => void) | undefined;
  private readonly dashboard: HostedDashboard | undefined;
  private readonly audit: DeliveryAudit | undefined;

  /** Validates the engine selection and every engine's options before anything starts. */
  constructor(private readonly opts: EngineHostOptions) {
    const { config, bus, clock, logger } = opts;
    this.instanceId = config.instanceId ?? bus.instanceId;
    this.metrics = createMetricsRegistry({ instance: this.instanceId });
    this.registry = opts.registry ?? createRegistry(config, clock);
    this.statusCache = new BusStatusCache(bus, Math.max(250, config.registry.heartbeatMs / 2));
    const wildcard = config.host === '0.0.0.0' || config.host === '::';
    this.advertisedHost = config.advertiseHost ?? (wildcard ? hostname() : config.host);
    this.audit = config.audit.deliveryLog
      ? new DeliveryAudit(
          auditPath(config.audit.deliveryLog, this.instanceId),
          this.instanceId,
          config.audit.topics,
        )
      : undefined;
    const deps = {
      bus,
      clock,
      logger,
      metrics: this.metrics,
      instanceId: this.instanceId,
      busOptions: { stableInstanceId: config.instanceId, audit: this.audit },
      heartbeatMs: config.registry.heartbeatMs,
      onHeartbeat: (engine: HostedEngine) => this.recordHeartbeat(engine),
    };
    const servesDashboard = config.http.enabled && config.dashboard.enabled;
    const dashboardPort =
      opts.dashboardPort ?? (opts.ephemeralPorts ? 0 : config.dashboard.port + config.http.portOffset);
    const facts = {
      dashboardOrigins:
        servesDashboard && dashboardPort > 0
          ? [...new Set(['localhost', '127.0.0.1', this.advertisedHost])].map(
              (host) => `http://${host}:${dashboardPort}`,
            )
          : [],
    };
    this.engines = selectEngines(config.engines, opts.kernel ?? KERNEL).map(
      (definition) =>
        new HostedEngine(
          definition,
          resolveEngineConfig(definition.manifest, config.engineConfig, facts),
          deps,
        ),
    );
    this.dashboard = servesDashboard
      ? new HostedDashboard({
          config,
          port: dashboardPort,
          advertisedHost: this.advertisedHost,
          engineUrl: (engine) => this.urlOf(engine),
          say: opts.say ?? ((text) => process.stdout.write(text)),
        })
      : undefined;
    registerHostMetrics(this.metrics, bus, this.engines, this.statusCache);
    registerEventLoopMetrics(this.metrics, this.loopLag);
  }

  /** Bus, registry, HTTP, then the engines. A faulted engine does not stop the others; a port in use stops all. */
  async start(): Promise<void> {
    if (this.phase !== 'new')
      throw new NautilusError('LIFECYCLE', `engine host: start() after ${this.phase}`);
    this.phase = 'started';
    this.releaseEgressGuard = installEgressGuard(this.opts.config, this.metrics, this.opts.logger);
    try {
      await this.opts.bus.start();
      if (!(await this.registry.connect(REGISTRY_CONNECT_WAIT_MS))) {
        this.opts.logger.warn(
          'engine registry unreachable: engines run, discovery retries in the background',
        );
      }
      this.hardware.start();
      this.loopLag.start();
      if (this.opts.config.http.enabled) await Promise.all(this.engines.map((engine) => this.listen(engine)));
      await this.dashboard?.start();
      await Promise.all(this.engines.map((engine) => this.startEngine(engine)));
      await Promise.all(this.engines.map((engine) => engine.hostReady()));
    } catch (error) {
      await this.stop();
      throw error;
    }
  }

  /** Engines stop first (they may publish last words), then the bus flushes, then HTTP closes. */
  async stop(): Promise<void> {
    if (this.phase !== 'started') return;
    this.phase = 'stopped';
    const { logger } = this.opts;
    await Promise.all(this.engines.map((engine) => engine.stop()));
    const registered = this.engines.filter((engine) => engine.startedNs !== null);
    await Promise.all(
      registered.map((engine) => this.reportRegistry(() => this.registry.deregister(this.key(engine)))),
    );
    await this.opts.bus.stop().catch((error) => logger.error({ err: error }, 'bus did not stop cleanly'));
    await Promise.all([...this.servers.values()].map((server) => server.close()));
    await this.dashboard?.stop();
    this.hardware.stop();
    this.loopLag.stop();
    this.releaseEgressGuard?.();
    this.audit?.close();
    await this.registry
      .close()
      .catch((error) => logger.warn({ err: error }, 'registry did not close cleanly'));
  }

  list(): HostedEngineInfo[] {
    return this.engines.map((engine) => ({
      engine: engine.name,
      title: engine.definition.manifest.title,
      state: engine.state,
      implemented: engine.implemented,
      detail: engine.detail(),
      port: this.portOf(engine.name),
      url: this.urlOf(engine.name),
    }));
  }

  /** The dashboard's URL and the API/WebSocket URLs it hands the browser; null when not served. */
  dashboardInfo(): ({ url: string } & DashboardEndpoints) | null {
    const url = this.dashboard?.url;
    return this.dashboard && url ? { url, ...this.dashboard.endpoints() } : null;
  }

  /** The engine's HTTP app, e.g. for `inject` in tests. */
  http(engine: string): FastifyInstance {
    const server = this.servers.get(engine);
    if (!server) throw new NautilusError('NOT_FOUND', `engine ${engine} has no HTTP server in this host`);
    return server;
  }

  private async listen(engine: HostedEngine): Promise<void> {
    const { config, bus, clock } = this.opts;
    const app = buildEngineHttp(engine, {
      bus,
      clock,
      statusCache: this.statusCache,
      metrics: this.metrics,
      hardware: this.hardware,
      instanceId: this.instanceId,
    });
    this.servers.set(engine.name, app);
    const port = this.opts.ephemeralPorts
      ? 0
      : engine.definition.manifest.defaultPort + config.http.portOffset;
    try {
      await app.listen({ host: config.host, port });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const hint =
        code === 'EADDRINUSE'
          ? ' (in use: another host running? http.portOffset shifts every engine port)'
          : '';
      throw new NautilusError(
        'CONFIG_INVALID',
        `engine ${engine.name}: cannot listen on ${config.host}:${port}${hint}`,
        {
          cause: error,
        },
      );
    }
  }

  private async startEngine(engine: HostedEngine): Promise<void> {
    await engine.start(this.opts.store);
    await this.reportRegistry(() => this.registry.register(this.record(engine, null)));
    engine.heartbeat.start();
  }

  private recordHeartbeat(engine: HostedEngine): void {
    void this.statusCache
      .get()
      .then((status) => lagOf(status, engine.name))
      .catch(() => null)
      .then((lag) => {
        // A beat whose status read outlived stop() must not re-register a deregistered instance.
        if (this.phase === 'started')
          return this.reportRegistry(() => this.registry.heartbeat(this.record(engine, lag)));
      });
  }

  private record(engine: HostedEngine, busLag: number | null): EngineInstance {
    const now = this.opts.clock.nowNs();
    return {
      ...this.key(engine),
      host: this.advertisedHost,
      port: this.portOf(engine.name),
      state: engine.state,
      implemented: engine.implemented,
      startedNs: engine.startedNs ?? now,
      lastHeartbeatNs: engine.heartbeat.lastNs ?? now,
      busLag,
    };
  }

  private key(engine: HostedEngine) {
    return { engine: engine.name, instanceId: this.instanceId };
  }

  private urlOf(engine: string): string | null {
    const port = this.portOf(engine);
    return port === null ? null : `http://${this.advertisedHost}:${port}`;
  }

  private portOf(engine: string): number | null {
    const address = this.servers.get(engine)?.server.address();
    return address && typeof address === 'object' ? (address as AddressInfo).port : null;
  }

  /** Discovery is best effort: a registry outage is logged when it starts and when it ends, not per beat. */
  private async reportRegistry(write: () => Promise<void>): Promise<void> {
    try {
      await write();
      if (this.registryFailing) this.opts.logger.info('engine registry reachable again');
      this.registryFailing = false;
    } catch (error) {
      if (!this.registryFailing)
        this.opts.logger.warn({ err: (error as Error).message }, 'engine registry write failed');
      this.registryFailing = true;
    }
  }
}
