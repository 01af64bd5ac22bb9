import { availableParallelism, loadavg } from 'node:os';
import { FEED_CHUNK, runMemoryPhase } from './lib/memory-phase.ts';
import { runRedisSuite } from './lib/redis-suite.ts';
import { formatTable, progress, rate, verdict } from './lib/report.ts';

const MEMORY_TARGET_PER_S = 2_000_000;

/**
 * Bus throughput and latency, memory and Redis, each next to a baseline measured in the same run.
 * `--quick` runs every phase at a tenth of the size: a smoke test of the harness, not a measurement.
 * `--msgpack` runs the Redis phases with the msgpack codec (JSON is the default).
 */
export async function main(args: string[]): Promise<void> {
  const scale = args.includes('--quick') ? 0.1 : 1;
  const codec = args.includes('--msgpack') ? 'msgpack' : 'json';
  const memoryMessages = Math.round(2_000_000 * scale);
  // Other work on the machine skews every number: the load is reported with them.
  const loadBefore = loadavg()[0]!;

  progress(`memory bus: ${memoryMessages.toLocaleString('en-US')} messages`);
  const memory = await runMemoryPhase(memoryMessages);

  const redis = await runRedisSuite({
    redisBenchmarkRequests: Math.round(1_000_000 * scale),
    nodeRedisEntries: Math.round(500_000 * scale),
    messages: Math.round(1_000_000 * scale),
    warmup: 20_000,
    window: 20_000,
    latencySeconds: scale < 1 ? 2 : 10,
    flashBacklog: Math.round(100_000 * scale),
    flashRepeats: 20,
    codec,
  });

  const loadAfter = loadavg()[0]!;
  const rows = [
    {
      metric: `memory bus publish->handler (feed yields every ${FEED_CHUNK.toLocaleString('en-US')}; median of 3: ${memory.feedRuns.map((r) => (r / 1e6).toFixed(2)).join(' / ')} M)`,
      value: rate(memory.busPerS),
      baseline: `${rate(memory.rawLoopPerS)} raw loop`,
      ratio: (memory.busPerS / memory.rawLoopPerS).toFixed(3),
      target: `>= ${rate(MEMORY_TARGET_PER_S)}`,
      verdict: verdict(memory.busPerS >= MEMORY_TARGET_PER_S),
    },
    {
      metric: `memory bus, one burst of ${memoryMessages.toLocaleString('en-US')} then delivery`,
      value: rate(memory.burstPerS),
    },
    ...redis.rows,
    {
      metric: `machine: ${availableParallelism()} cores, load avg 1 min`,
      value: `${loadBefore.toFixed(2)} -> ${loadAfter.toFixed(2)}`,
    },
  ];
  console.log(formatTable(rows));
  // The last line is the machine-readable result.
  console.log(
    JSON.stringify({
      memory_msgs_per_s: Math.round(memory.busPerS),
      memory_burst_msgs_per_s: Math.round(memory.burstPerS),
      memory_raw_loop_per_s: Math.round(memory.rawLoopPerS),
      ...redis.json,
      codec,
      cores: availableParallelism(),
      load_avg_1m: [Number(loadBefore.toFixed(2)), Number(loadAfter.toFixed(2))],
    }),
  );
}
