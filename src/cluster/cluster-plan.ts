import { NautilusError } from '../core/errors.ts';

/** One engine process of a local cluster: what `nautilus start` runs with and under which identity. */
export interface ProcessSpec {
  /** `p1-hub`: also the instanceId, so a restarted process keeps its registry key and bus consumer name. */
  name: string;
  instanceId: string;
  engines: string[];
  /** http.portOffset: 0 for primaries (the documented ports hold), REPLICA_PORT_OFFSET for replicas. */
  portOffset: number;
  /** Serves the dashboard: only the process that runs the api engine. */
  dashboard: boolean;
  /** Per-engine options for this process (merged over the cluster-wide ones). */
  engineConfig: Record<string, Record<string, unknown>>;
  /** Second instances of engines that also run elsewhere. */
  replica: boolean;
}

interface Group {
  label: string;
  engines: string[];
  /** Position in GROUPS: merged groups are ordered by their first member. */
  order: number;
  /** The GROUPS merged into this one, so names and engine lists keep the topology's order. */
  parts: number[];
}

/** The topology of the issue, in this order; every engine exactly once. */
export const GROUPS: ReadonlyArray<{ label: string; engines: readonly string[] }> = [
  { label: 'hub', engines: ['marketdata'] },
  { label: 'trading', engines: ['strategy', 'risk', 'execution', 'portfolio'] },
  { label: 'signals', engines: ['vpin', 'enhanced-vpin', 'features', 'factor', 'ml', 'toraniko'] },
  { label: 'analytics', engines: ['analytics', 'collateral', 'backtesting'] },
  { label: 'edge', engines: ['api', 'websocket'] },
];

/** Second instances sharing their primaries' consumer groups; never in a process with a primary. */
export const REPLICA_ENGINES: readonly string[] = ['risk', 'vpin'];

/** Replica ports: above every default engine port (<= 10001) and below the ephemeral range. */
export const REPLICA_PORT_OFFSET = 20_000;
/** http.portOffset may be at most 65535 - 10001 (config-schema.ts). */
const MAX_PORT_OFFSET = 65_535 - 10_001;

const ENGINE_COUNT = GROUPS.reduce((sum, group) => sum + group.engines.length, 0);
export const DEFAULT_PROCESSES = GROUPS.length + 1;
export const MIN_PROCESSES = 2;
export const MAX_PROCESSES = ENGINE_COUNT + 1;

export interface PlanOptions {
  /** Processes including the replicas process (default 6: one per group). */
  processes?: number;
  /** Added to every process's port offset, to move the whole cluster off the default ports. */
  portOffset?: number;
}

/** Index of the smallest (or largest) group by engine count; ties go to the earlier group. */
function pick(groups: readonly Group[], better: (a: number, b: number) => boolean): number {
  let best = 0;
  groups.forEach((group, i) => {
    if (better(group.engines.length, groups[best]!.engines.length)) best = i;
  });
  return best;
}

/** Merges the two smallest groups until `count` remain. */
function merge(groups: Group[], count: number): Group[] {
  while (groups.length > count) {
    const first = groups.splice(
      pick(groups, (a, b) => a < b),
      1,
    )[0]!;
    const second = groups.splice(
      pick(groups, (a, b) => a < b),
      1,
    )[0]!;
    const parts = [...first.parts, ...second.parts].sort((a, b) => a - b);
    groups.push({
      label: parts.map((part) => GROUPS[part]!.label).join('-'),
      engines: parts.flatMap((part) => GROUPS[part]!.engines),
      order: parts[0]!,
      parts,
    });
    groups.sort((x, y) => x.order - y.order);
  }
  return groups;
}

/** Peels the last engine off the largest group into its own process until `count` processes exist. */
function split(groups: Group[], count: number): Group[] {
  while (groups.length < count) {
    const index = pick(groups, (a, b) => a > b);
    const source = groups[index]!;
    const engine = source.engines.at(-1)!;
    source.engines = source.engines.slice(0, -1);
    groups.splice(index + 1, 0, { label: engine, engines: [engine], order: source.order, parts: [] });
  }
  return groups;
}

/**
 * The processes of a local cluster: the five primary groups merged or split to `processes - 1`
 * processes, then the replicas process. VPIN instances split the symbols by partition.
 */
export function planCluster(options: PlanOptions = {}): ProcessSpec[] {
  const { processes = DEFAULT_PROCESSES, portOffset = 0 } = options;
  if (!Number.isInteger(processes) || processes < MIN_PROCESSES || processes > MAX_PROCESSES) {
    throw new NautilusError(
      'CONFIG_INVALID',
      `processes: expected an integer from ${MIN_PROCESSES} (everything + replicas) to ${MAX_PROCESSES} (one per engine + replicas), got ${processes}`,
    );
  }
  if (!Number.isInteger(portOffset) || portOffset < 0 || portOffset + REPLICA_PORT_OFFSET > MAX_PORT_OFFSET) {
    throw new NautilusError(
      'CONFIG_INVALID',
      `portOffset: expected an integer from 0 to ${MAX_PORT_OFFSET - REPLICA_PORT_OFFSET} (replicas add ${REPLICA_PORT_OFFSET}), got ${portOffset}`,
    );
  }
  let groups: Group[] = GROUPS.map((group, order) => ({
    ...group,
    engines: [...group.engines],
    order,
    parts: [order],
  }));
  const primaries = processes - 1;
  groups = primaries < groups.length ? merge(groups, primaries) : split(groups, primaries);
  const specs = groups.map((group, i) => spec(`p${i + 1}-${group.label}`, group.engines, portOffset, false));
  specs.push(spec(`p${processes}-replicas`, [...REPLICA_ENGINES], portOffset + REPLICA_PORT_OFFSET, true));
  return specs;
}

function spec(name: string, engines: string[], portOffset: number, replica: boolean): ProcessSpec {
  const engineConfig: ProcessSpec['engineConfig'] = {};
  // Two VPIN instances share one consumer group: each keeps the symbols of its partition.
  if (engines.includes('vpin')) engineConfig.vpin = { partition: { index: replica ? 1 : 0, count: 2 } };
  return {
    name,
    instanceId: name,
    engines,
    portOffset,
    dashboard: engines.includes('api'),
    engineConfig,
    replica,
  };
}
