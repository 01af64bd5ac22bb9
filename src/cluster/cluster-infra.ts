import { join } from 'node:path';
import { NautilusError } from '../core/errors.ts';
import { KERNEL } from '../engines/host/kernel.ts';
import { type ClusterState, removeClusterState } from './cluster-state.ts';
import { pidAlive, portInUse, signalPid, waitForExit } from './pids.ts';
import {
  createClusterDatabase,
  initPostgres,
  type PostgresLaunch,
  postgresLaunch,
  startPostgres,
  stopPostgres,
} from './postgres-instance.ts';
import { REDIS_ROLES, type RedisRole, redisLaunch, redisMarker, startRedis } from './redis-instance.ts';

export interface ClusterPorts {
  main: number;
  marketData: number;
  engineLogic: number;
  postgres: number;
}

/** Off the machine's 6379/5432 and `npm start`'s 6379-6381, so a cluster runs beside both. */
export const DEFAULT_CLUSTER_PORTS: ClusterPorts = {
  main: 16379,
  marketData: 16380,
  engineLogic: 16381,
  postgres: 15432,
};

/** How long a stop waits after SIGTERM before SIGKILL. */
export const STOP_GRACE_MS = 15_000;

/** The HTTP ports one process will listen on, from its effective config. */
export function httpPorts(config: {
  engines: readonly string[];
  http: { enabled: boolean; portOffset: number };
  dashboard: { enabled: boolean; port: number };
}): number[] {
  if (!config.http.enabled) return [];
  const engines = config.engines.includes('all') ? [...KERNEL.keys()] : config.engines;
  const ports = engines.map((engine) => KERNEL.get(engine)!.manifest.defaultPort + config.http.portOffset);
  if (config.dashboard.enabled) ports.push(config.dashboard.port + config.http.portOffset);
  return ports;
}

/** Refuses to start when a port is taken (or planned twice), naming who wanted it. */
export async function checkPortsFree(wanted: ReadonlyArray<{ port: number; user: string }>): Promise<void> {
  const seen = new Map<number, string>();
  for (const { port, user } of wanted) {
    const other = seen.get(port);
    if (other)
      throw new NautilusError('CONFIG_INVALID', `port ${port} is planned for both ${other} and ${user}`);
    seen.set(port, user);
  }
  const used = await Promise.all(wanted.map(async (w) => ((await portInUse(w.port)) ? w : null)));
  const taken = used.filter((w) => w !== null);
  if (taken.length > 0) {
    throw new NautilusError(
      'CONFIG_INVALID',
      `ports already in use on 127.0.0.1: ${taken.map((w) => `${w.port} (${w.user})`).join(', ')}; pick other ports or stop what holds them`,
    );
  }
}

/** The three Redis servers, started together; if one fails the others are stopped. */
export async function startRedisSet(dir: string, ports: ClusterPorts): Promise<ClusterState['redis']> {
  const results = await Promise.allSettled(
    REDIS_ROLES.map(async (role) => {
      const launch = redisLaunch(role, ports[role], join(dir, 'redis', role));
      const pid = await startRedis(launch);
      return { pid, port: launch.port, dir: launch.dir, args: launch.args };
    }),
  );
  const started = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) {
    await Promise.all(started.map((redis) => stopPid(redis.pid, redisMarker(redis.port))));
    throw failed.reason;
  }
  const [main, marketData, engineLogic] = started as [RedisState, RedisState, RedisState];
  return { main, marketData, engineLogic };
}

type RedisState = ClusterState['redis']['main'];

/** Redis servers and PostgreSQL, in parallel; on a failure whatever did start is stopped again. */
export async function startInfra(
  dir: string,
  ports: ClusterPorts,
  managedPostgres: boolean,
): Promise<Pick<ClusterState, 'redis' | 'postgres'>> {
  const [redis, postgres] = await Promise.allSettled([
    startRedisSet(dir, ports),
    managedPostgres ? startClusterPostgres(dir, ports.postgres) : Promise.resolve(null),
  ]);
  if (redis.status === 'fulfilled' && postgres.status === 'fulfilled') {
    return { redis: redis.value, postgres: postgres.value };
  }
  if (redis.status === 'fulfilled') {
    await Promise.all(Object.values(redis.value).map((r) => stopPid(r.pid, redisMarker(r.port))));
  }
  if (postgres.status === 'fulfilled' && postgres.value) await stopPostgres(launchOf(postgres.value));
  throw redis.status === 'rejected' ? redis.reason : (postgres as PromiseRejectedResult).reason;
}

/** A PostgreSQL server of the cluster's own, with its database. */
export async function startClusterPostgres(
  dir: string,
  port: number,
): Promise<NonNullable<ClusterState['postgres']>> {
  const launch = postgresLaunch(port, join(dir, 'postgres'));
  await initPostgres(launch);
  const pid = await startPostgres(launch);
  await createClusterDatabase(port);
  return { ...launch, pid };
}

export const launchOf = (postgres: NonNullable<ClusterState['postgres']>): PostgresLaunch => ({
  port: postgres.port,
  dir: postgres.dir,
  bin: postgres.bin,
  runAs: postgres.runAs,
});

export type StopOutcome = 'SIGTERM' | 'SIGKILL' | 'not running';

/** SIGTERM, then SIGKILL after STOP_GRACE_MS; says which one ended it. */
export async function stopPid(pid: number | null, marker: string): Promise<StopOutcome> {
  if (pid === null || !pidAlive(pid, marker)) return 'not running';
  signalPid(pid, 'SIGTERM');
  if (await waitForExit(pid, STOP_GRACE_MS, marker)) return 'SIGTERM';
  signalPid(pid, 'SIGKILL');
  await waitForExit(pid, STOP_GRACE_MS, marker);
  return 'SIGKILL';
}

export interface DownReport {
  processes: Array<{ name: string; pid: number | null; stopped: StopOutcome }>;
  redis: Array<{ role: RedisRole; pid: number; stopped: StopOutcome }>;
  postgres: 'stopped' | 'not managed' | 'not running';
  ms: number;
}

/** Engine processes first (they flush to the buses and the store), then Redis, then PostgreSQL. */
export async function stopCluster(state: ClusterState): Promise<DownReport> {
  const started = performance.now();
  const processes = await Promise.all(
    state.processes.map(async ({ spec, pid, configFile }) => ({
      name: spec.name,
      pid,
      stopped: await stopPid(pid, configFile),
    })),
  );
  const redis = await Promise.all(
    REDIS_ROLES.map(async (role) => {
      const { pid, port } = state.redis[role];
      return { role, pid, stopped: await stopPid(pid, redisMarker(port)) };
    }),
  );
  let postgres: DownReport['postgres'] = 'not managed';
  if (state.postgres) {
    postgres = pidAlive(state.postgres.pid, state.postgres.dir) ? 'stopped' : 'not running';
    if (postgres === 'stopped') await stopPostgres(launchOf(state.postgres));
  }
  removeClusterState(state.dir);
  return { processes, redis, postgres, ms: Math.round(performance.now() - started) };
}
