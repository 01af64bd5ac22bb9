import { chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { NautilusError } from '../core/errors.ts';
import {
  type ClusterPorts,
  checkPortsFree,
  DEFAULT_CLUSTER_PORTS,
  httpPorts,
  startInfra,
} from './cluster-infra.ts';
import { type ProcessSpec, planCluster } from './cluster-plan.ts';
import { type ClusterState, processSpecSchema, writeClusterState } from './cluster-state.ts';
import {
  type ClusterEndpoints,
  processConfig,
  spawnEngineProcess,
  writeProcessConfig,
} from './engine-process.ts';
import { postgresUrl } from './postgres-instance.ts';

export interface ClusterUpOptions {
  /** Default `<dataDir>/cluster`. */
  dir?: string;
  /** Where the default dir lives (default ./data). */
  dataDir?: string;
  /** Processes including the replicas process (2-17, default 6). */
  processes?: number;
  /** Added to every engine's HTTP port (0, the default, keeps the documented ports for primaries). */
  portOffset?: number;
  /** Redis and PostgreSQL ports (default DEFAULT_CLUSTER_PORTS). */
  ports?: Partial<ClusterPorts>;
  /** bus.prefix of every process (default nautilus). */
  prefix?: string;
  /** Config overrides for every process, applied last, e.g. `{ 'bus.maxLen': 10000 }`. */
  set?: Record<string, unknown>;
  /** Added to every process's environment (inherited NAUTILUS_* variables are dropped). */
  env?: Record<string, string>;
  /** Node options for every engine process (e.g. `--trace-gc`, which NODE_OPTIONS refuses). */
  nodeArgs?: string[];
  /** More processes beside the plan (e.g. a third risk instance). */
  extraProcesses?: ProcessSpec[];
  /** Per-engine options for every process, under each process's own, e.g. `{ risk: { venue: 'sim' } }`. */
  engineConfig?: Record<string, unknown>;
  /** An existing PostgreSQL (postgres:// URL) instead of the cluster's own. */
  storeUrl?: string;
  /** How long up() waits for every engine to be alive (default 180 s). */
  startTimeoutMs?: number;
}

export const endpointsOf = (urls: ClusterState['urls'], prefix: string): ClusterEndpoints => ({
  mainUrl: urls.main,
  marketDataUrl: urls.marketData,
  engineLogicUrl: urls.engineLogic,
  storeUrl: urls.store,
  prefix,
});

/**
 * Validates every process config, checks every port is free, starts Redis and PostgreSQL, writes
 * the process configs and the state file, and spawns the processes (without waiting for them).
 */
export async function launchCluster(dir: string, options: ClusterUpOptions): Promise<ClusterState> {
  const ports = { ...DEFAULT_CLUSTER_PORTS, ...options.ports };
  const specs = [
    ...planCluster(options),
    ...(options.extraProcesses ?? []).map((s) => processSpecSchema.parse(s)),
  ];
  const names = specs.map((s) => s.name);
  const twice = names.find((name, i) => names.indexOf(name) !== i);
  if (twice) throw new NautilusError('CONFIG_INVALID', `extraProcesses: process name ${twice} is taken`);
  const prefix = options.prefix ?? 'nautilus';
  const urls = {
    main: `redis://127.0.0.1:${ports.main}`,
    marketData: `redis://127.0.0.1:${ports.marketData}`,
    engineLogic: `redis://127.0.0.1:${ports.engineLogic}`,
    store: options.storeUrl ?? postgresUrl(ports.postgres),
  };
  const env = options.env ?? {};
  const configs = specs.map((spec) =>
    processConfig({
      spec,
      endpoints: endpointsOf(urls, prefix),
      dataDir: join(dir, 'data', spec.name),
      engineConfig: options.engineConfig ?? {},
      set: options.set ?? {},
      env,
    }),
  );
  await checkPortsFree([
    { port: ports.main, user: 'main Redis' },
    { port: ports.marketData, user: 'MarketData bus' },
    { port: ports.engineLogic, user: 'engine-logic bus' },
    ...(options.storeUrl ? [] : [{ port: ports.postgres, user: 'PostgreSQL' }]),
    ...configs.flatMap(({ config }, i) => httpPorts(config).map((port) => ({ port, user: specs[i]!.name }))),
  ]);
  mkdirSync(dir, { recursive: true });
  // As root, PostgreSQL runs as its own user, who must reach its data dir inside this one.
  if (!options.storeUrl) chmodSync(dir, 0o755);
  const state: ClusterState = {
    version: 1,
    dir,
    startedAt: new Date().toISOString(),
    prefix,
    urls,
    ...(await startInfra(dir, ports, !options.storeUrl)),
    env,
    nodeArgs: options.nodeArgs ?? [],
    processes: specs.map((spec, i) => ({
      spec,
      pid: null,
      configFile: writeProcessConfig(dir, spec.name, configs[i]!.raw),
      logFile: join(dir, 'logs', `${spec.name}.log`),
    })),
  };
  // Written before the first spawn: whatever fails from here on, down() finds everything.
  writeClusterState(state);
  for (const process of state.processes) {
    process.pid = spawnEngineProcess(process.configFile, process.logFile, env, options.nodeArgs ?? []);
    writeClusterState(state);
  }
  return state;
}
