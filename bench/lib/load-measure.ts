import type { BusStatus } from '../../src/bus/message-bus.ts';
import { type BusServerStats, busServerStats } from '../../src/chaos/redis-stats.ts';
import type { DriverCounts } from './load-driver.ts';
import { liveHeapGrowthMbPerMin, majorGcs } from './load-gc-trace.ts';
import { streamEntriesAdded } from './load-redis.ts';
import {
  addLanes,
  FLAT_MB_PER_MIN,
  growthMbPerMin,
  type LaneCounts,
  publishedPerLane,
  rssMb,
  sleep,
} from './load-sampling.ts';
import { percentiles } from './percentiles.ts';
import { progress } from './report.ts';

/** What a phase measures through: its processes, their bus statuses, the probe's samples. */
export interface PhaseTarget {
  name: 'embedded' | 'distributed';
  processes: ReadonlyArray<{ name: string; pid: number }>;
  /** Each process's `--trace-gc` output so far, by process name (read at the end of the run). */
  gcTraces(): Promise<Map<string, string>>;
  /** One status per bus instance (engine processes and, distributed, the bench's own client). */
  statuses(): Promise<BusStatus[]>;
  /** Latency samples (ms) since the last drain, and the driver's counts. */
  drain(): Promise<{ trades: number[]; orders: number[]; counts: DriverCounts }>;
  /** Distributed only: the Redis servers, by role, and the bus key prefix. */
  redis?: { urls: Record<RedisRole, string>; prefix: string };
}

export type RedisRole = 'main' | 'marketData' | 'engineLogic';

export interface Latency {
  count: number;
  p50: number;
  p99: number;
  p999: number;
  max: number;
}

export interface RedisFigures {
  cpuPerS: number;
  /** Stream entries appended per second (XINFO entries-added deltas; 0 on main, which holds none). */
  entriesPerS: number;
  commandsPerS: number;
  /** Connected clients at the end, the INFO call's own connection not counted. */
  clients: number;
  memoryMb: number;
}

export interface ProcessMemory {
  name: string;
  startMb: number;
  endMb: number;
  /** RSS slope over the second half: reported, not judged (GC sawtooth). */
  growthMbPerMin: number;
  majorGcs: number;
  /** Live heap after the last major GC, and its trend (see liveHeapGrowthMbPerMin): what `flat` judges. */
  liveHeapEndMb: number;
  liveHeapGrowthMbPerMin: number;
  /** Null with fewer than 3 major GCs in the second half of the process's life. */
  flat: boolean | null;
}

export interface PhaseResult {
  name: PhaseTarget['name'];
  seconds: number;
  publishedPerS: LaneCounts;
  deliveredPerS: number;
  trades: Latency;
  orders: Latency;
  counts: DriverCounts;
  memory: ProcessMemory[];
  redis?: Record<RedisRole, RedisFigures>;
}

const QUANTILES = [0.5, 0.99, 0.999, 1];

function latency(samples: number[]): Latency {
  const [p50, p99, p999, max] = percentiles(Float64Array.from(samples), QUANTILES) as [
    number,
    number,
    number,
    number,
  ];
  return { count: samples.length, p50, p99, p999, max };
}

async function busTotals(target: PhaseTarget): Promise<{ lanes: LaneCounts; delivered: number }> {
  let lanes: LaneCounts = { market_data: 0, engine_logic: 0 };
  let delivered = 0;
  for (const status of await target.statuses()) {
    lanes = addLanes(lanes, publishedPerLane(status));
    delivered += status.counters.delivered;
  }
  return { lanes, delivered };
}

type RedisSnapshot = BusServerStats & { entriesAdded: number };
const ROLES: RedisRole[] = ['main', 'marketData', 'engineLogic'];

async function redisStats(target: PhaseTarget): Promise<Record<RedisRole, RedisSnapshot> | undefined> {
  if (!target.redis) return undefined;
  const { urls, prefix } = target.redis;
  const snapshots = await Promise.all(
    ROLES.map(async (role) => ({
      ...(await busServerStats(urls[role])),
      entriesAdded: await streamEntriesAdded(urls[role], prefix),
    })),
  );
  return { main: snapshots[0]!, marketData: snapshots[1]!, engineLogic: snapshots[2]! };
}

/**
 * Measures a running phase for `durationS`: bus counters and Redis INFO at both ends, every
 * engine process's RSS each `intervalS`, and the probe's latency samples collected as it goes.
 */
export async function measurePhase(
  target: PhaseTarget,
  durationS: number,
  intervalS: number,
): Promise<PhaseResult> {
  const trades: number[] = [];
  const orders: number[] = [];
  const rss = new Map(target.processes.map((p) => [p.name, [] as Array<{ atS: number; mb: number }>]));
  await target.drain(); // the warm-up's samples are not part of the run
  const busBefore = await busTotals(target);
  const redisBefore = await redisStats(target);
  const started = performance.now();
  const elapsedS = () => (performance.now() - started) / 1000;
  const sampleMemory = () => {
    for (const p of target.processes) rss.get(p.name)!.push({ atS: elapsedS(), mb: rssMb(p.pid) });
  };
  sampleMemory();
  let lastProgress = 0;
  while (elapsedS() < durationS) {
    await sleep(Math.min(intervalS, durationS - elapsedS()) * 1000);
    sampleMemory();
    const drained = await target.drain();
    trades.push(...drained.trades);
    orders.push(...drained.orders);
    if (elapsedS() - lastProgress >= 9.5 || elapsedS() >= durationS) {
      lastProgress = elapsedS();
      const total = [...target.processes].reduce((sum, p) => sum + rss.get(p.name)!.at(-1)!.mb, 0);
      progress(
        `${target.name}: ${Math.round(elapsedS())}/${durationS} s, ${drained.counts.trades} trades, ` +
          `${drained.counts.orders} orders (${drained.counts.fills} filled), RSS ${total.toFixed(0)} MB`,
      );
    }
  }
  const seconds = elapsedS();
  const busAfter = await busTotals(target);
  const redisAfter = await redisStats(target);
  const { counts } = await target.drain();
  const traces = await target.gcTraces();
  const published = addLanes(busAfter.lanes, busBefore.lanes, -1);
  return {
    name: target.name,
    seconds,
    publishedPerS: {
      market_data: published.market_data / seconds,
      engine_logic: published.engine_logic / seconds,
    },
    deliveredPerS: (busAfter.delivered - busBefore.delivered) / seconds,
    trades: latency(trades),
    orders: latency(orders),
    counts,
    memory: target.processes.map((p) => {
      const points = rss.get(p.name)!;
      const gcs = majorGcs(traces.get(p.name) ?? '');
      const live = liveHeapGrowthMbPerMin(gcs);
      return {
        name: p.name,
        startMb: points[0]!.mb,
        endMb: points.at(-1)!.mb,
        growthMbPerMin: growthMbPerMin(points),
        majorGcs: gcs.length,
        liveHeapEndMb: gcs.at(-1)?.mb ?? Number.NaN,
        liveHeapGrowthMbPerMin: live,
        flat: Number.isNaN(live) ? null : live < FLAT_MB_PER_MIN,
      };
    }),
    ...(redisBefore && redisAfter ? { redis: redisFigures(redisBefore, redisAfter, seconds) } : {}),
  };
}

function redisFigures(
  before: Record<RedisRole, RedisSnapshot>,
  after: Record<RedisRole, RedisSnapshot>,
  seconds: number,
): Record<RedisRole, RedisFigures> {
  const figures = (role: RedisRole): RedisFigures => ({
    cpuPerS: (after[role].usedCpuSeconds - before[role].usedCpuSeconds) / seconds,
    entriesPerS: (after[role].entriesAdded - before[role].entriesAdded) / seconds,
    // INFO's own command and connection are in both snapshots: they cancel out of the rate.
    commandsPerS: (after[role].totalCommands - before[role].totalCommands) / seconds,
    clients: after[role].connectedClients - 1,
    memoryMb: after[role].usedMemoryBytes / 2 ** 20,
  });
  return Object.fromEntries(ROLES.map((role) => [role, figures(role)])) as Record<RedisRole, RedisFigures>;
}
