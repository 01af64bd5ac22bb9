import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { redisInlineCommand } from '../bus/redis/inline-command.ts';
import { entriesOf } from '../core/config/config-entries.ts';
import type { NautilusConfig } from '../core/config/config-schema.ts';
import { parseConfig } from '../core/config/load-config.ts';
import { NautilusError } from '../core/errors.ts';
import { engineSchemas, KERNEL } from '../engines/host/kernel.ts';
import type { InstanceView } from '../engines/registry/engine-registry.ts';
import { type DownReport, launchOf, STOP_GRACE_MS, stopCluster } from './cluster-infra.ts';
import {
  type ClusterState,
  type ProcessState,
  readClusterState,
  stateFile,
  writeClusterState,
} from './cluster-state.ts';
import { type ClusterUpOptions, endpointsOf, launchCluster } from './cluster-up.ts';
import { type ClusterEndpoints, readProcessConfig, spawnEngineProcess } from './engine-process.ts';
import { pidAlive, signalPid, waitForExit } from './pids.ts';
import { startPostgres, stopPostgres } from './postgres-instance.ts';
import { type RedisRole, redisMarker, startRedis } from './redis-instance.ts';
import { awaitAlive, listInstances, type RegistryTarget } from './registry-wait.ts';

export type { ClusterPorts, DownReport } from './cluster-infra.ts';
export type { ProcessSpec } from './cluster-plan.ts';
export type { ClusterUpOptions } from './cluster-up.ts';
export type { RedisRole } from './redis-instance.ts';

export interface ClusterProcess {
  name: string;
  pid: number | null;
  instanceId: string;
  engines: string[];
  replica: boolean;
  portOffset: number;
  alive: boolean;
  logFile: string;
  configFile: string;
}

const DEFAULT_START_TIMEOUT_MS = 180_000;
const nowNs = () => BigInt(Date.now()) * 1_000_000n;

/**
 * The distributed topology as local processes: three Redis servers (the two buses with the
 * shipped configs, the main Redis), PostgreSQL, and the planned engine processes. The state file
 * lets another process attach (`LocalCluster.attach(dir)`), e.g. `nautilus cluster down`.
 */
export class LocalCluster {
  private constructor(private state: ClusterState) {}

  /** Starts Redis, PostgreSQL and every planned process; resolves when every engine is alive. */
  static async up(options: ClusterUpOptions = {}): Promise<LocalCluster> {
    const dir = resolve(options.dir ?? join(options.dataDir ?? './data', 'cluster'));
    if (existsSync(stateFile(dir))) {
      const previous = LocalCluster.attach(dir);
      if (previous.processes().some((p) => p.alive)) {
        throw new NautilusError(
          'LIFECYCLE',
          `a cluster is already up in ${dir}: run nautilus cluster down --dir ${dir}`,
        );
      }
      await previous.down();
    }
    const since = nowNs();
    const cluster = new LocalCluster(await launchCluster(dir, options));
    try {
      await cluster.awaitProcesses(
        cluster.state.processes,
        since,
        options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS,
      );
      return cluster;
    } catch (error) {
      await cluster.down();
      throw error;
    }
  }

  /** A cluster started by another process (or this one), from its state file. */
  static attach(dir: string): LocalCluster {
    return new LocalCluster(readClusterState(resolve(dir)));
  }

  /** The cluster whose state is in `dir` when its main Redis still runs, else null. */
  static running(dir: string): LocalCluster | null {
    if (!existsSync(stateFile(resolve(dir)))) return null;
    const cluster = LocalCluster.attach(dir);
    const { pid, port } = cluster.state.redis.main;
    return pidAlive(pid, redisMarker(port)) ? cluster : null;
  }

  get dir(): string {
    return this.state.dir;
  }

  processes(): ClusterProcess[] {
    return this.state.processes.map(({ spec, pid, logFile, configFile }) => ({
      name: spec.name,
      pid,
      instanceId: spec.instanceId,
      engines: [...spec.engines],
      replica: spec.replica,
      portOffset: spec.portOffset,
      alive: pid !== null && pidAlive(pid, configFile),
      logFile,
      configFile,
    }));
  }

  urls(): ClusterEndpoints {
    return endpointsOf(this.state.urls, this.state.prefix);
  }

  /** A client's config for this cluster: its buses, main Redis, store and prefix. */
  config(overrides: Record<string, unknown> = {}): NautilusConfig {
    const { urls, prefix } = this.state;
    const base = {
      bus: {
        transport: 'redis',
        marketDataUrl: urls.marketData,
        engineLogicUrl: urls.engineLogic,
        mainUrl: urls.main,
        prefix,
      },
      store: { url: urls.store },
    };
    const extra = Object.entries(overrides).map(([key, value]) => ({
      path: key.split('.'),
      value,
      source: `override ${key}`,
    }));
    return parseConfig([...entriesOf(base, 'cluster'), ...extra], engineSchemas());
  }

  /** `http://127.0.0.1:<port>` of `engine` in `processName` (default: its primary process). */
  endpoint(engine: string, processName?: string): string {
    const owner = this.state.processes.find((p) =>
      processName === undefined
        ? p.spec.engines.includes(engine) && !p.spec.replica
        : p.spec.name === processName,
    );
    const manifest = KERNEL.get(engine)?.manifest;
    if (!owner || !manifest || !owner.spec.engines.includes(engine)) {
      throw new NautilusError(
        'NOT_FOUND',
        `no process of this cluster runs ${engine}${processName ? ` as ${processName}` : ''}`,
      );
    }
    return `http://127.0.0.1:${manifest.defaultPort + owner.spec.portOffset}`;
  }

  /** Every instance in the registry on the main Redis (dead ones until they expire). */
  instances(): Promise<InstanceView[]> {
    return listInstances(this.registryTarget());
  }

  /** Sends `signal`; for SIGKILL/SIGTERM/SIGINT waits until the process is gone. */
  async kill(name: string, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const process = this.process(name);
    if (process.pid === null || !pidAlive(process.pid, process.configFile)) return;
    signalPid(process.pid, signal);
    if (!['SIGKILL', 'SIGTERM', 'SIGINT'].includes(signal)) return;
    if (!(await waitForExit(process.pid, STOP_GRACE_MS, process.configFile))) {
      throw new NautilusError(
        'LIFECYCLE',
        `process ${name} (pid ${process.pid}) still runs ${STOP_GRACE_MS} ms after ${signal}`,
      );
    }
    process.pid = null;
    this.save();
  }

  /** Starts a stopped process with its same spec; resolves with the ms until its engines are alive again. */
  async start(name: string, timeoutMs = DEFAULT_START_TIMEOUT_MS): Promise<number> {
    const process = this.process(name);
    if (process.pid !== null && pidAlive(process.pid, process.configFile)) {
      throw new NautilusError('LIFECYCLE', `process ${name} is running (pid ${process.pid}): kill it first`);
    }
    const started = performance.now();
    const since = nowNs();
    process.pid = spawnEngineProcess(
      process.configFile,
      process.logFile,
      this.state.env,
      this.state.nodeArgs,
    );
    this.save();
    await this.awaitProcesses([process], since, timeoutMs);
    return Math.round(performance.now() - started);
  }

  /** Graceful: SHUTDOWN, then the same server again on its port and dir; resolves with the downtime in ms. */
  async restartRedis(role: RedisRole): Promise<number> {
    const redis = this.state.redis[role];
    const started = performance.now();
    await redisInlineCommand(redis.port, 'SHUTDOWN');
    if (!(await waitForExit(redis.pid, STOP_GRACE_MS, redisMarker(redis.port)))) {
      throw new NautilusError(
        'LIFECYCLE',
        `${role} Redis (pid ${redis.pid}) did not shut down within ${STOP_GRACE_MS} ms`,
      );
    }
    redis.pid = await startRedis({ role, ...redis });
    this.save();
    return Math.round(performance.now() - started);
  }

  pidOfRedis(role: RedisRole): number {
    return this.state.redis[role].pid;
  }

  async stopPostgres(): Promise<void> {
    await stopPostgres(launchOf(this.managedPostgres()));
  }

  async startPostgres(): Promise<void> {
    const postgres = this.managedPostgres();
    postgres.pid = await startPostgres(launchOf(postgres));
    this.save();
  }

  /** Engine processes (SIGTERM, waiting for a clean exit), then Redis, then PostgreSQL; SIGKILL after 15 s. */
  down(): Promise<DownReport> {
    return stopCluster(this.state);
  }

  private async awaitProcesses(
    processes: readonly ProcessState[],
    sinceNs: bigint,
    timeoutMs: number,
  ): Promise<void> {
    const awaited = processes.map((p) => ({
      ...p.spec,
      pid: p.pid!,
      logFile: p.logFile,
      configFile: p.configFile,
    }));
    await awaitAlive({ target: this.registryTarget(), sinceNs, timeoutMs }, awaited);
  }

  /** The main Redis and liveness rule as the processes see them (a `set` may change either). */
  private registryTarget(): RegistryTarget {
    const first = this.state.processes[0];
    const config = first ? readProcessConfig(first.configFile, this.state.env) : this.config();
    const { heartbeatMs, deadAfterBeats } = config.registry;
    return {
      url: config.bus.mainUrl,
      prefix: config.bus.prefix,
      rule: { heartbeatMs, deadAfterBeats },
      security: config.bus,
    };
  }

  private process(name: string): ProcessState {
    const process = this.state.processes.find((p) => p.spec.name === name);
    if (!process) {
      throw new NautilusError(
        'NOT_FOUND',
        `no cluster process ${name} (processes: ${this.state.processes.map((p) => p.spec.name).join(', ')})`,
      );
    }
    return process;
  }

  private managedPostgres(): NonNullable<ClusterState['postgres']> {
    if (!this.state.postgres)
      throw new NautilusError('LIFECYCLE', 'this cluster uses an existing PostgreSQL (storeUrl)');
    return this.state.postgres;
  }

  private save(): void {
    writeClusterState(this.state);
  }
}
