import { join } from 'node:path';
import { LocalCluster } from '../cluster/cluster.ts';
import type { NautilusConfig } from '../core/config/config-schema.ts';
import { NautilusError } from '../core/errors.ts';
import { LiveClock } from '../core/live-clock.ts';
import { selectEngines } from '../engines/host/kernel.ts';
import { RedisEngineRegistry } from '../engines/registry/redis-registry.ts';
import { type ConfigFlags, loadCliConfig } from './config-flags.ts';
import { renderTable } from './table.ts';

export interface StatusRow {
  engine: string;
  instance: string | null;
  host: string;
  port: number | null;
  state: string;
  implemented: boolean | null;
  heartbeatAgeMs: number | null;
  busLag: number | null;
  alive: boolean;
}

const PROBE_TIMEOUT_MS = 1_000;
const REGISTRY_WAIT_MS = 2_000;

/** Memory bus: engines are only visible over HTTP, so each engine's /health is probed on its port. */
async function probeEngines(config: NautilusConfig): Promise<StatusRow[]> {
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  const deadAfterMs = config.registry.deadAfterBeats * config.registry.heartbeatMs;
  return Promise.all(
    selectEngines(config.engines).map(async ({ manifest }): Promise<StatusRow> => {
      const port = manifest.defaultPort + config.http.portOffset;
      const row = { engine: manifest.name, host, port };
      try {
        const response = await fetch(`http://${host}:${port}/health`, {
          signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
        });
        const health = (await response.json()) as {
          instance: string;
          state: string;
          implemented: boolean;
          bus: { lag: number | null };
          lastHeartbeat: { ageMs: number } | null;
        };
        const age = health.lastHeartbeat?.ageMs ?? null;
        return {
          ...row,
          instance: health.instance,
          state: health.state,
          implemented: health.implemented,
          heartbeatAgeMs: age,
          busLag: health.bus.lag,
          alive: age !== null && age <= deadAfterMs,
        };
      } catch {
        return {
          ...row,
          instance: null,
          state: 'unreachable',
          implemented: null,
          heartbeatAgeMs: null,
          busLag: null,
          alive: false,
        };
      }
    }),
  );
}

/** Redis bus: every host registers its engines on the main Redis. */
async function readRegistry(config: NautilusConfig): Promise<StatusRow[]> {
  const registry = new RedisEngineRegistry({
    url: config.bus.mainUrl,
    prefix: config.bus.prefix,
    security: config.bus,
    clock: new LiveClock(),
    ...config.registry,
  });
  try {
    if (!(await registry.connect(REGISTRY_WAIT_MS))) {
      throw new NautilusError('BUS_UNAVAILABLE', `main Redis at ${registry.endpoint} is unreachable`);
    }
    return (await registry.list()).map((i) => ({
      engine: i.engine,
      instance: i.instanceId,
      host: i.host,
      port: i.port,
      state: i.state,
      implemented: i.implemented,
      heartbeatAgeMs: i.heartbeatAgeMs,
      busLag: i.busLag,
      alive: i.alive,
    }));
  } finally {
    await registry.close();
  }
}

/**
 * Plain `nautilus status` (no config file, no --bus, memory transport) shows the local cluster
 * when `<dataDir>/cluster` holds a running one (`nautilus cluster up`).
 */
function statusTarget(flags: ConfigFlags): NautilusConfig {
  const { config, file } = loadCliConfig(flags);
  if (file !== null || flags.bus !== undefined || config.bus.transport !== 'memory') return config;
  return LocalCluster.running(join(config.dataDir, 'cluster'))?.config() ?? config;
}

const shown = (value: unknown) => (value === null || value === undefined ? '-' : String(value));

/** `nautilus status`: exit 0 when at least one instance is listed and every one is alive, else 1. */
export async function statusCommand(
  flags: ConfigFlags & { json?: boolean },
  out: (text: string) => void,
): Promise<number> {
  const config = statusTarget(flags);
  const rows = config.bus.transport === 'memory' ? await probeEngines(config) : await readRegistry(config);
  if (flags.json) {
    out(`${JSON.stringify(rows, null, 2)}\n`);
  } else if (rows.length === 0) {
    out(`No engine instances registered under prefix "${config.bus.prefix}".\n`);
  } else {
    const header = ['ENGINE', 'INSTANCE', 'HOST', 'PORT', 'STATE', 'HEARTBEAT', 'BUS LAG', 'ALIVE'];
    const table = rows.map((r) => [
      r.engine,
      shown(r.instance),
      r.host,
      shown(r.port),
      r.implemented === false ? `${r.state} (placeholder)` : r.state,
      r.heartbeatAgeMs === null ? '-' : `${(r.heartbeatAgeMs / 1000).toFixed(1)}s ago`,
      shown(r.busLag),
      r.alive ? 'alive' : 'dead',
    ]);
    out(`${renderTable(header, table)}\n`);
  }
  return rows.length > 0 && rows.every((r) => r.alive) ? 0 : 1;
}
