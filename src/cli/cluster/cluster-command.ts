import { join } from 'node:path';
import { type ClusterPorts, LocalCluster } from '../../cluster/cluster.ts';
import { parseValue } from '../../core/config/config-entries.ts';
import { NautilusError } from '../../core/errors.ts';
import { KERNEL } from '../../engines/host/kernel.ts';
import { loadCliConfig } from '../config-flags.ts';
import { renderTable } from '../table.ts';

export interface ClusterFlags {
  dir?: string;
  processes?: string;
  set?: string[];
  portOffset?: string;
  storeUrl?: string;
  prefix?: string;
  mainPort?: string;
  marketDataPort?: string;
  engineLogicPort?: string;
  postgresPort?: string;
  json?: boolean;
}

/** `<dataDir>/cluster`, dataDir as the config (file, env) says. */
export function defaultClusterDir(): string {
  return join(loadCliConfig({}).config.dataDir, 'cluster');
}

function integer(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isInteger(parsed))
    throw new NautilusError('BAD_REQUEST', `--${flag}: expected an integer, got ${value}`);
  return parsed;
}

function setOverrides(assignments: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(
    assignments.map((assignment) => {
      const eq = assignment.indexOf('=');
      if (eq <= 0) throw new NautilusError('BAD_REQUEST', `--set ${assignment}: expected key.path=value`);
      return [assignment.slice(0, eq), parseValue(assignment.slice(eq + 1))];
    }),
  );
}

function ports(flags: ClusterFlags): Partial<ClusterPorts> {
  const entries = Object.entries({
    main: integer('main-port', flags.mainPort),
    marketData: integer('market-data-port', flags.marketDataPort),
    engineLogic: integer('engine-logic-port', flags.engineLogicPort),
    postgres: integer('postgres-port', flags.postgresPort),
  });
  return Object.fromEntries(entries.filter(([, port]) => port !== undefined));
}

const enginePorts = (engines: readonly string[], offset: number) =>
  engines.map((engine) => `${engine}:${KERNEL.get(engine)!.manifest.defaultPort + offset}`).join(' ');

function describe(cluster: LocalCluster): string {
  const rows = cluster
    .processes()
    .map((p) => [
      p.name,
      p.pid === null ? '-' : String(p.pid),
      p.alive ? 'alive' : 'dead',
      p.instanceId,
      enginePorts(p.engines, p.portOffset),
    ]);
  const urls = cluster.urls();
  return [
    renderTable(['PROCESS', 'PID', 'STATE', 'INSTANCE', 'ENGINES (HTTP PORT)'], rows),
    '',
    `main Redis        ${urls.mainUrl}`,
    `MarketData bus    ${urls.marketDataUrl}`,
    `engine-logic bus  ${urls.engineLogicUrl}`,
    `store             ${urls.storeUrl.replace(/\/\/[^@/]*@/, '//***@')}`,
    `bus prefix        ${urls.prefix}`,
    `logs              ${join(cluster.dir, 'logs')}`,
    '',
  ].join('\n');
}

/** `nautilus cluster up`: starts everything, prints the table and returns (the processes keep running). */
export async function clusterUpCommand(flags: ClusterFlags, out: (text: string) => void): Promise<number> {
  const started = performance.now();
  const cluster = await LocalCluster.up({
    dir: flags.dir ?? defaultClusterDir(),
    processes: integer('processes', flags.processes),
    portOffset: integer('port-offset', flags.portOffset),
    ports: ports(flags),
    prefix: flags.prefix,
    storeUrl: flags.storeUrl,
    set: setOverrides(flags.set ?? []),
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  out(`Cluster up in ${seconds} s (${cluster.dir}); nautilus cluster down stops it.\n${describe(cluster)}`);
  return 0;
}

/** `nautilus cluster down`: engine processes, then Redis, then PostgreSQL. */
export async function clusterDownCommand(flags: ClusterFlags, out: (text: string) => void): Promise<number> {
  const report = await LocalCluster.attach(flags.dir ?? defaultClusterDir()).down();
  if (flags.json) {
    out(`${JSON.stringify(report, null, 2)}\n`);
    return 0;
  }
  const rows = [
    ...report.processes.map((p) => [p.name, String(p.pid ?? '-'), p.stopped]),
    ...report.redis.map((r) => [`redis ${r.role}`, String(r.pid), r.stopped]),
    ['postgres', '-', report.postgres],
  ];
  out(
    `${renderTable(['STOPPED', 'PID', 'HOW'], rows)}\nCluster down in ${(report.ms / 1000).toFixed(1)} s.\n`,
  );
  return 0;
}

/** `nautilus cluster status`: the processes, then every instance in the registry; 1 when one is dead. */
export async function clusterStatusCommand(
  flags: ClusterFlags,
  out: (text: string) => void,
): Promise<number> {
  const cluster = LocalCluster.attach(flags.dir ?? defaultClusterDir());
  const processes = cluster.processes();
  const instances = await cluster.instances();
  if (flags.json) {
    out(
      `${JSON.stringify({ processes, urls: cluster.urls(), instances }, (_, v) => (typeof v === 'bigint' ? String(v) : v), 2)}\n`,
    );
  } else {
    const rows = instances.map((i) => [
      i.engine,
      i.instanceId,
      String(i.port ?? '-'),
      i.state,
      i.alive ? 'alive' : 'dead',
    ]);
    out(`${describe(cluster)}\n${renderTable(['ENGINE', 'INSTANCE', 'PORT', 'STATE', 'ALIVE'], rows)}\n`);
  }
  const healthy = processes.every((p) => p.alive) && instances.every((i) => i.alive);
  return healthy ? 0 : 1;
}
