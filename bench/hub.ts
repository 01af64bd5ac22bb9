import { availableParallelism, loadavg } from 'node:os';
import { runCachePhase } from './lib/hub-cache-phase.ts';
import { runReplayPhase } from './lib/hub-replay-phase.ts';
import { formatTable, progress, type Row, rate, verdict } from './lib/report.ts';

const TARGETS = { cachePerS: 2_000_000, hitRate: 0.9, memoryReplayPerS: 1_000_000 };

const count = (n: number) => n.toLocaleString('en-US');
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const millions = (runs: number[]) => runs.map((r) => (r / 1e6).toFixed(2)).join(' / ');

/**
 * The market-data hub's hot paths, each next to a baseline measured in the same run: the tiered
 * cache on a request trace (one Zipf over 10k keys of mixed data types), and file replay (CSV, Parquet, into the memory and Redis buses).
 * `--quick` runs a tenth of the sizes: a smoke test of the harness, not a measurement.
 */
export async function main(args: string[]): Promise<void> {
  const quick = args.includes('--quick');
  const redisUrl = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
  const loadBefore = loadavg()[0]!;
  const started = Date.now();

  const cache = await runCachePhase({
    requests: quick ? 100_000 : 1_000_000,
    keys: 10_000,
    zipfS: 1.1,
    ratePerS: 10_000,
    sweepRatesPerS: quick ? [] : [1_000, 5_000, 20_000, 50_000],
    seed: 42,
    otherSeeds: quick ? [] : [1, 2, 3, 4],
    runs: quick ? 1 : 3,
  });
  const replay = await runReplayPhase({
    syntheticTrades: quick ? 100_000 : 1_000_000,
    parquetPasses: quick ? 5 : 40,
    redisRows: quick ? 20_000 : 200_000,
    redisWindow: 20_000,
    redisUrl,
    runs: quick ? 1 : 3,
  });
  const loadAfter = loadavg()[0]!;
  progress(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  const cacheVsMap = cache.lookupsPerS / cache.mapPerS;
  const csvVsRaw = replay.csvPerS / replay.rawLineSplitPerS;
  const byType = Object.entries(cache.hitRateByType)
    .map(([type, rate]) => `${type} ${pct(rate)}`)
    .join(', ');
  const shareByType = Object.entries(cache.requestShareByType)
    .map(([type, share]) => `${type} ${pct(share)}`)
    .join(', ');
  const seeds = Object.entries(cache.hitRateBySeed);
  const seedRates = seeds.map(([, hit]) => hit);
  const rows: Row[] = [
    {
      metric: `cache: lookups, get and set on a miss as in the Map loop (median of ${cache.lookupRuns.length}: ${millions(cache.lookupRuns)} M)`,
      value: rate(cache.lookupsPerS),
      baseline: `${rate(cache.mapPerS)} Map.get`,
      ratio: cacheVsMap.toFixed(3),
      target: `>= ${rate(TARGETS.cachePerS)}`,
      verdict: verdict(cache.lookupsPerS >= TARGETS.cachePerS),
    },
    {
      metric: `cache: lookupOrLoad, misses load concurrently (median of ${cache.concurrentRuns.length}: ${millions(cache.concurrentRuns)} M)`,
      value: rate(cache.concurrentPerS),
      baseline: `${rate(cache.mapPerS)} Map.get`,
      ratio: (cache.concurrentPerS / cache.mapPerS).toFixed(3),
    },
    {
      metric: 'cache: await getOrLoad per request, one after the other',
      value: rate(cache.serialAwaitPerS),
      baseline: `${rate(cache.mapPerS)} Map.get`,
      ratio: (cache.serialAwaitPerS / cache.mapPerS).toFixed(3),
    },
    {
      metric: 'cache: hit path only (clock frozen, trace after priming)',
      value: rate(cache.hitOnlyPerS),
      baseline: `${rate(cache.mapPerS)} Map.get`,
      ratio: (cache.hitOnlyPerS / cache.mapPerS).toFixed(3),
    },
    { metric: 'cache: cacheKeyId(key) alone', value: rate(cache.keyIdPerS) },
    { metric: 'cache: harness alone (TestClock advance + trace read)', value: rate(cache.harnessPerS) },
    {
      metric: `cache: hit rate = 1 - upstream/requests, ${count(cache.requests)} requests at ${count(cache.requests / cache.simulatedSeconds)}/s (${count(cache.distinctRequested)} keys hit)`,
      value: pct(cache.hitRate),
      baseline: `${count(cache.upstreamCalls)} upstream calls`,
      target: `>= ${pct(TARGETS.hitRate)}`,
      verdict: verdict(cache.hitRate >= TARGETS.hitRate),
    },
    { metric: `cache: hit rate by type: ${byType}`, value: '' },
    { metric: `cache: share of requests by type: ${shareByType}`, value: '' },
    {
      metric: `cache: hit rate, traces drawn with seeds ${seeds.map(([seed]) => seed).join(', ')}: ${seeds.map(([, hit]) => pct(hit)).join(', ')}`,
      value: `${pct(Math.min(...seedRates))} min`,
      target: `>= ${pct(TARGETS.hitRate)}`,
      verdict: verdict(Math.min(...seedRates) >= TARGETS.hitRate),
    },
    {
      metric: 'cache: upstream calls vs the fewest the TTLs allow (reference model)',
      value: count(cache.upstreamCalls),
      baseline: `${count(cache.forcedUpstreamCalls)} forced`,
      ratio: (cache.upstreamCalls / cache.forcedUpstreamCalls).toFixed(3),
      target: '= forced',
      verdict: verdict(cache.upstreamCalls === cache.forcedUpstreamCalls),
    },
    {
      metric: 'cache: hit rate, the same requests drawn with one Zipf per data type (the first trace)',
      value: pct(cache.zipfPerTypeHitRate),
    },
    {
      metric: `cache: hit rate by request rate: ${Object.entries(cache.hitRateByRate)
        .map(([perS, hit]) => `${count(Number(perS))}/s ${pct(hit)}`)
        .join(', ')}; TieredCache.hitRate() ${pct(cache.cacheHitRate)}`,
      value: '',
    },
    {
      metric: `CSV parse, ${replay.csvFiles.length} files, ${count(replay.csvRows)} rows (median of runs)`,
      value: rate(replay.csvPerS),
      baseline: `${rate(replay.rawLineSplitPerS)} line split`,
      ratio: csvVsRaw.toFixed(3),
    },
    ...replay.csvFiles.map((file) => ({
      metric: `  ${file.file} (${count(file.rows)} rows)`,
      value: rate(file.perS),
    })),
    { metric: `Parquet parse (${count(replay.parquetRows)} rows per run)`, value: rate(replay.parquetPerS) },
    {
      metric: `CSV -> memory bus -> subscriber (${count(replay.memoryRows)} synthetic trades)`,
      value: rate(replay.memoryPerS),
      baseline: `${rate(replay.memoryPublishOnlyPerS)} pre-parsed`,
      ratio: (replay.memoryPerS / replay.memoryPublishOnlyPerS).toFixed(3),
      target: `>= ${rate(TARGETS.memoryReplayPerS)}`,
      verdict: verdict(replay.memoryPerS >= TARGETS.memoryReplayPerS),
    },
    {
      metric: `CSV -> redis bus -> subscriber (${count(replay.redisRows)} rows)`,
      value: rate(replay.redisPerS),
      baseline: `${rate(replay.memoryPerS)} memory bus`,
      ratio: (replay.redisPerS / replay.memoryPerS).toFixed(3),
    },
    {
      metric: `machine: ${availableParallelism()} cores, load avg 1 min`,
      value: `${loadBefore.toFixed(2)} -> ${loadAfter.toFixed(2)}`,
    },
  ];
  console.log(formatTable(rows));
  const round = (x: number, digits = 4) => Number(x.toFixed(digits));
  // The last line is the machine-readable result.
  console.log(
    JSON.stringify({
      cache_lookups_per_s: Math.round(cache.lookupsPerS),
      cache_lookup_or_load_per_s: Math.round(cache.concurrentPerS),
      cache_serial_await_per_s: Math.round(cache.serialAwaitPerS),
      cache_hit_path_per_s: Math.round(cache.hitOnlyPerS),
      cache_key_id_per_s: Math.round(cache.keyIdPerS),
      map_lookups_per_s: Math.round(cache.mapPerS),
      cache_vs_map_ratio: round(cacheVsMap),
      hit_rate: round(cache.hitRate),
      cache_hit_rate: round(cache.cacheHitRate),
      hit_rate_by_request_rate: Object.fromEntries(
        Object.entries(cache.hitRateByRate).map(([perS, hit]) => [perS, round(hit)]),
      ),
      trace_requests_per_s: Math.round(cache.requests / cache.simulatedSeconds),
      hit_rate_by_seed: Object.fromEntries(seeds.map(([seed, hit]) => [seed, round(hit)])),
      hit_rate_zipf_per_type: round(cache.zipfPerTypeHitRate),
      request_share_by_type: Object.fromEntries(
        Object.entries(cache.requestShareByType).map(([type, share]) => [type, round(share)]),
      ),
      hit_rate_by_type: Object.fromEntries(
        Object.entries(cache.hitRateByType).map(([type, rate]) => [type, round(rate)]),
      ),
      upstream_calls: cache.upstreamCalls,
      forced_upstream_calls: cache.forcedUpstreamCalls,
      requests: cache.requests,
      cache_stats: cache.stats,
      csv_rows_per_s: Math.round(replay.csvPerS),
      csv_rows: replay.csvRows,
      csv_files: Object.fromEntries(replay.csvFiles.map((f) => [f.file, Math.round(f.perS)])),
      raw_line_split_per_s: Math.round(replay.rawLineSplitPerS),
      csv_vs_raw_ratio: round(csvVsRaw),
      parquet_rows_per_s: Math.round(replay.parquetPerS),
      replay_memory_rows_per_s: Math.round(replay.memoryPerS),
      memory_preparsed_rows_per_s: Math.round(replay.memoryPublishOnlyPerS),
      replay_redis_rows_per_s: Math.round(replay.redisPerS),
      redis_rows: replay.redisRows,
      quick,
      cores: availableParallelism(),
      load_avg_1m: [round(loadBefore, 2), round(loadAfter, 2)],
    }),
  );
}
