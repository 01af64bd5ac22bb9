import type { DistributedResult } from './load-distributed-phase.ts';
import type { Latency, PhaseResult, RedisRole } from './load-measure.ts';
import { FLAT_MB_PER_MIN } from './load-sampling.ts';
import { type Row, rate, verdict } from './report.ts';

const ROLES: RedisRole[] = ['marketData', 'engineLogic', 'main'];
const round = (value: number, digits = 3) => Number(value.toFixed(digits));
const quartet = (l: Latency) =>
  `${l.p50.toFixed(2)} / ${l.p99.toFixed(2)} / ${l.p999.toFixed(2)} / ${l.max.toFixed(2)} ms`;
const totalRss = (result: PhaseResult) => result.memory.reduce((sum, m) => sum + m.endMb, 0);
const ratio = (value: number, baseline: number) => (baseline > 0 ? (value / baseline).toFixed(3) : 'n/a');

/** Connections the bus contract allows: two per bus per bus client, one per engine process to main. */
export function contractClients(result: DistributedResult): Record<RedisRole, number> {
  return { marketData: 2 * result.busClients, engineLogic: 2 * result.busClients, main: result.processCount };
}

function phaseRows(result: PhaseResult): Row[] {
  const { name, counts } = result;
  return [
    { metric: `${name}: market_data bus, messages published`, value: rate(result.publishedPerS.market_data) },
    {
      metric: `${name}: engine_logic bus, messages published`,
      value: rate(result.publishedPerS.engine_logic),
    },
    { metric: `${name}: deliveries to handlers (all groups)`, value: rate(result.deliveredPerS) },
    {
      metric: `${name}: trade publish->probe p50/p99/p99.9/max (${result.trades.count.toLocaleString('en-US')})`,
      value: quartet(result.trades),
    },
    {
      metric: `${name}: order submit->final event p50/p99/p99.9/max (${result.orders.count})`,
      value: quartet(result.orders),
    },
    {
      metric: `${name}: orders sent / filled / rejected / unanswered, publish errors`,
      value: `${counts.orders} / ${counts.fills} / ${counts.rejected} / ${counts.openOrders}, ${counts.publishErrors}`,
    },
    ...result.memory.flatMap((m) => [
      {
        metric: `${name}: RSS ${m.name} (start -> end), slope over 2nd half (GC sawtooth: not judged)`,
        value: `${m.startMb.toFixed(0)} -> ${m.endMb.toFixed(0)} MB, ${m.growthMbPerMin.toFixed(2)} MB/min`,
      },
      {
        metric: `${name}: live heap ${m.name} after the last major GC, trend over the 2nd half (${m.majorGcs} major GCs)`,
        value: `${m.liveHeapEndMb.toFixed(1)} MB, ${m.liveHeapGrowthMbPerMin.toFixed(2)} MB/min`,
        target: m.flat === null ? 'none: < 3 major GCs in the 2nd half' : `< ${FLAT_MB_PER_MIN} MB/min`,
        verdict: m.flat === null ? ('' as const) : verdict(m.flat),
      },
    ]),
  ];
}

function redisRows(result: DistributedResult): Row[] {
  const contract = contractClients(result);
  return ROLES.flatMap((role) => {
    const r = result.redis![role];
    return [
      {
        metric: `distributed: Redis ${role} CPU per s of run / commands / stream entries added`,
        value: `${r.cpuPerS.toFixed(3)} s/s, ${rate(r.commandsPerS)}, ${rate(r.entriesPerS)}`,
      },
      {
        metric: `distributed: Redis ${role} connected clients / used memory`,
        value: `${r.clients}, ${r.memoryMb.toFixed(1)} MB`,
        target: `<= ${contract[role]} (contract)`,
        verdict: verdict(r.clients <= contract[role]),
      },
    ];
  });
}

export function loadRows(embedded: PhaseResult, distributed: DistributedResult): Row[] {
  const comparisons: Row[] = [
    ...(['market_data', 'engine_logic'] as const).map((lane) => ({
      metric: `distributed/embedded: ${lane} messages/s`,
      value: rate(distributed.publishedPerS[lane]),
      baseline: rate(embedded.publishedPerS[lane]),
      ratio: ratio(distributed.publishedPerS[lane], embedded.publishedPerS[lane]),
    })),
    ...(['trades', 'orders'] as const).map((kind) => ({
      metric: `distributed/embedded: ${kind} latency p99`,
      value: `${distributed[kind].p99.toFixed(2)} ms`,
      baseline: `${embedded[kind].p99.toFixed(2)} ms`,
      ratio: ratio(distributed[kind].p99, embedded[kind].p99),
    })),
    {
      metric: 'distributed/embedded: RSS of all engine processes at the end',
      value: `${totalRss(distributed).toFixed(0)} MB`,
      baseline: `${totalRss(embedded).toFixed(0)} MB`,
      ratio: ratio(totalRss(distributed), totalRss(embedded)),
    },
  ];
  return [...phaseRows(embedded), ...phaseRows(distributed), ...redisRows(distributed), ...comparisons];
}

function phaseJson(result: PhaseResult): Record<string, unknown> {
  const latency = (l: Latency) => ({
    count: l.count,
    p50_ms: round(l.p50),
    p99_ms: round(l.p99),
    p999_ms: round(l.p999),
    max_ms: round(l.max),
  });
  return {
    seconds: round(result.seconds, 1),
    market_data_msgs_per_s: Math.round(result.publishedPerS.market_data),
    engine_logic_msgs_per_s: Math.round(result.publishedPerS.engine_logic),
    delivered_per_s: Math.round(result.deliveredPerS),
    trade_latency: latency(result.trades),
    order_latency: latency(result.orders),
    counts: result.counts,
    memory: result.memory.map((m) => ({
      process: m.name,
      start_mb: round(m.startMb, 1),
      end_mb: round(m.endMb, 1),
      growth_mb_per_min: round(m.growthMbPerMin),
      major_gcs: m.majorGcs,
      live_heap_end_mb: round(m.liveHeapEndMb, 1),
      live_heap_growth_mb_per_min: round(m.liveHeapGrowthMbPerMin),
      flat: m.flat,
    })),
  };
}

export function loadJson(embedded: PhaseResult, distributed: DistributedResult): Record<string, unknown> {
  const contract = contractClients(distributed);
  const redis = Object.fromEntries(
    ROLES.map((role) => {
      const r = distributed.redis![role];
      return [
        role,
        {
          cpu_s_per_s: round(r.cpuPerS, 4),
          commands_per_s: Math.round(r.commandsPerS),
          stream_entries_per_s: Math.round(r.entriesPerS),
          clients: r.clients,
          clients_contract: contract[role],
          used_memory_mb: round(r.memoryMb, 1),
        },
      ];
    }),
  );
  const ratios = {
    market_data_msgs_per_s: round(distributed.publishedPerS.market_data / embedded.publishedPerS.market_data),
    engine_logic_msgs_per_s: round(
      distributed.publishedPerS.engine_logic / embedded.publishedPerS.engine_logic,
    ),
    trade_p99: round(distributed.trades.p99 / embedded.trades.p99),
    order_p99: round(distributed.orders.p99 / embedded.orders.p99),
    rss_total: round(totalRss(distributed) / totalRss(embedded)),
  };
  return {
    embedded: phaseJson(embedded),
    distributed: { ...phaseJson(distributed), processes: distributed.processCount, redis },
    ratio_distributed_over_embedded: ratios,
    memory_flat_threshold_mb_per_min: FLAT_MB_PER_MIN,
  };
}
