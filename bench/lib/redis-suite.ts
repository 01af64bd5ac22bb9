import { pino } from 'pino';
import { busConfigSchema } from '../../src/bus/bus-config.ts';
import { createBus } from '../../src/bus/create-bus.ts';
import type { MessageBus } from '../../src/bus/message-bus.ts';
import { LiveClock } from '../../src/core/live-clock.ts';
import { type RedisServer, startRedisServers } from '../../src/testing/redis-server.ts';
import { type BusPair, PRICE_TOPIC, publishPrice } from './bus-pair.ts';
import { flashCrashPhase, latencyPhase, rawLatencyPhase } from './latency-phases.ts';
import { nodeRedisXadd, redisBenchmarkXadd } from './redis-baselines.ts';
import { commandFailures, connectedClients, cpuSeconds } from './redis-stats.ts';
import { ms, progress, type Row, rate, verdict } from './report.ts';
import {
  consumeOnlyPhase,
  publishOnlyPhase,
  throughputPhase,
  twoProcessThroughputPhase,
} from './throughput-phases.ts';

export interface RedisSizes {
  redisBenchmarkRequests: number;
  nodeRedisEntries: number;
  messages: number;
  warmup: number;
  window: number;
  latencySeconds: number;
  flashBacklog: number;
  flashRepeats: number;
  codec: 'json' | 'msgpack';
}

const TARGETS = { perS: 150_000, vsXadd: 0.4, connectionsPerBus: 2 };

const count = (n: number) => n.toLocaleString('en-US');

/**
 * Every Redis phase, on three dedicated redis-servers (market data bus, engine-logic bus, main)
 * and two RedisBus instances in this process: `bench-pub` publishes, `bench-sub` subscribes.
 */
export async function runRedisSuite(
  size: RedisSizes,
): Promise<{ rows: Row[]; json: Record<string, unknown> }> {
  progress('starting redis-servers: market data, engine logic, main');
  const servers = (await startRedisServers(3)) as [RedisServer, RedisServer, RedisServer];
  const [marketData, engineLogic, main] = servers;
  const busServers = [marketData, engineLogic];
  const buses: MessageBus[] = [];
  try {
    progress(`baseline: redis-benchmark XADD -P 64, ${count(size.redisBenchmarkRequests)} requests`);
    const xaddPerS = await redisBenchmarkXadd(marketData, size.redisBenchmarkRequests);

    const clock = new LiveClock();
    const config = busConfigSchema.parse({
      transport: 'redis',
      marketDataUrl: marketData.url,
      engineLogicUrl: engineLogic.url,
      mainUrl: main.url,
      prefix: 'bench',
      codec: size.codec,
    });
    const logger = pino({ level: 'warn' }, pino.destination(2));
    const newBus = async (instanceId: string) => {
      const bus = createBus(config, { clock, logger, instanceId });
      buses.push(bus);
      await bus.start();
      return bus;
    };
    const pub = await newBus('bench-pub');

    const sample = publishPrice(pub, 0, clock.nowNs());
    await pub.flush();
    const encoded = JSON.stringify(sample, (_key, value) =>
      typeof value === 'bigint' ? value.toString() : value,
    );
    progress(
      `baseline: node-redis pipelined XADD of bus-sized entries, ${count(size.nodeRedisEntries)} entries`,
    );
    const nodeXaddPerS = await nodeRedisXadd(marketData.url, size.nodeRedisEntries, PRICE_TOPIC, encoded);

    // The subscriber's connections: the difference in connected clients around its start.
    const clientsBefore = await Promise.all(servers.map(connectedClients));
    const sub = await newBus('bench-sub');
    const pair: BusPair = { clock, pub, sub };

    progress(
      `redis bus end to end: ${count(size.messages)} messages, at most ${count(size.window)} in flight`,
    );
    let cpuUsed = 0;
    let processCpuUsed = 0;
    let clientsAfter: number[] = [];
    const perS = await throughputPhase(pair, {
      messages: size.messages,
      warmup: size.warmup,
      window: size.window,
      around: async (measure) => {
        clientsAfter = await Promise.all(servers.map(connectedClients));
        const cpuBefore = await cpuSeconds(busServers);
        const processBefore = process.cpuUsage();
        await measure();
        const processUsed = process.cpuUsage(processBefore);
        processCpuUsed = (processUsed.user + processUsed.system) / 1e6;
        cpuUsed = (await cpuSeconds(busServers)) - cpuBefore;
      },
    });
    const perBus = clientsAfter.map((after, i) => after - clientsBefore[i]!);
    const cpuPerMillion = cpuUsed / (size.messages / 1e6);
    const processCpuPerMillion = processCpuUsed / (size.messages / 1e6);
    const ratio = perS / xaddPerS;

    progress(`redis bus end to end, publisher in a child process: ${count(size.messages)} messages`);
    const twoProcessPerS = await twoProcessThroughputPhase(pair, {
      marketDataUrl: marketData.url,
      engineLogicUrl: engineLogic.url,
      prefix: config.prefix,
      codec: size.codec,
      messages: size.messages,
      window: size.window,
    });

    const sideMessages = Math.min(size.messages, 90_000); // below MAXLEN: nothing is trimmed unread
    progress(`redis bus publish only, then consume only: ${count(sideMessages)} messages each`);
    const publishOnlyPerS = await publishOnlyPhase(pair, { messages: sideMessages, window: size.window });
    const consumeOnlyPerS = await consumeOnlyPhase(pair, { messages: sideMessages, window: size.window });

    progress(`latency: 10,000 msgs/s for ${size.latencySeconds} s (+1 s warm-up)`);
    const latency = await latencyPhase(pair, {
      ratePerS: 10_000,
      seconds: size.latencySeconds,
      warmupSeconds: 1,
    });

    progress(`baseline latency: bare node-redis XADD -> XREAD at 10,000 msgs/s for ${size.latencySeconds} s`);
    const rawLatency = await rawLatencyPhase(marketData.url, {
      ratePerS: 10_000,
      seconds: size.latencySeconds,
      warmupSeconds: 1,
    });

    progress(`FLASH_CRASH behind a ${count(size.flashBacklog)}-message backlog, ${size.flashRepeats} times`);
    const flash = await flashCrashPhase(pair, { backlog: size.flashBacklog, repeats: size.flashRepeats });

    // Counted after the buses stop, so reads failing while they wind down count too.
    const busFailedReads = buses.reduce((sum, bus) => sum + bus.counters().failedReads, 0);
    progress('stopping buses');
    await Promise.all(buses.map((bus) => bus.stop()));
    const reads = await commandFailures(busServers, 'xreadgroup');
    const wakeReads = await commandFailures(busServers, 'xread');
    const rows: Row[] = [
      { metric: 'baseline: redis-benchmark XADD -P 64', value: rate(xaddPerS) },
      { metric: 'baseline: node-redis pipelined XADD (bus-sized)', value: rate(nodeXaddPerS) },
      {
        metric: 'redis bus publish->XREADGROUP->handler->XACK',
        value: rate(perS),
        baseline: `${rate(xaddPerS)} XADD`,
        ratio: ratio.toFixed(3),
        target: `>= ${rate(TARGETS.perS)}, >= ${TARGETS.vsXadd} of XADD`,
        verdict: verdict(perS >= TARGETS.perS && ratio >= TARGETS.vsXadd),
      },
      {
        metric: 'redis bus vs node-redis XADD pipeline',
        value: rate(perS),
        baseline: `${rate(nodeXaddPerS)} node-redis`,
        ratio: (perS / nodeXaddPerS).toFixed(3),
      },
      {
        metric: 'redis bus end to end, publisher in a child process',
        value: rate(twoProcessPerS),
        baseline: `${rate(xaddPerS)} XADD`,
        ratio: (twoProcessPerS / xaddPerS).toFixed(3),
        target: `>= ${rate(TARGETS.perS)}`,
        verdict: verdict(twoProcessPerS >= TARGETS.perS),
      },
      { metric: 'redis bus publish only (to Redis)', value: rate(publishOnlyPerS) },
      { metric: 'redis bus consume only (backlog drain)', value: rate(consumeOnlyPerS) },
      { metric: 'redis CPU (both buses) per million msgs', value: `${cpuPerMillion.toFixed(2)} s` },
      {
        metric: 'bench process CPU (pub + sub) per million msgs',
        value: `${processCpuPerMillion.toFixed(2)} s`,
      },
      {
        metric: 'subscriber connections (md / el / main)',
        value: perBus.join(' / '),
        target: `<= ${TARGETS.connectionsPerBus} per bus`,
        verdict: verdict(perBus.every((n) => n <= TARGETS.connectionsPerBus)),
      },
      { metric: `latency at 10k msgs/s p50 (${count(latency.samples)} samples)`, value: ms(latency.p50Ms) },
      {
        metric: 'latency at 10k msgs/s p99',
        value: ms(latency.p99Ms),
        baseline: `${ms(rawLatency.p99Ms)} bare XADD->XREAD`,
        ratio: (latency.p99Ms / rawLatency.p99Ms).toFixed(2),
        target: '<= 1 ms',
        verdict: verdict(latency.p99Ms <= 1),
      },
      {
        metric: 'latency at 10k msgs/s p99.9',
        value: ms(latency.p999Ms),
        baseline: `${ms(rawLatency.p999Ms)} bare XADD->XREAD`,
      },
      { metric: 'latency at 10k msgs/s max', value: ms(latency.maxMs) },
      { metric: `FLASH_CRASH p50 (>= ${count(flash.minBehind)} behind)`, value: ms(flash.p50Ms) },
      {
        metric: `FLASH_CRASH p99 (${flash.samples} runs)`,
        value: ms(flash.p99Ms),
        target: '<= 5 ms',
        verdict: verdict(flash.p99Ms <= 5),
      },
      {
        metric: 'failed XREADGROUP calls (all phases)',
        value: String(reads.failed),
        baseline: `${reads.rejected} rejected`,
        target: '0',
        verdict: verdict(reads.failed === 0 && reads.rejected === 0),
      },
      {
        metric: 'failed XREAD calls / bus counter failedReads',
        value: `${wakeReads.failed + wakeReads.rejected} / ${busFailedReads}`,
        target: '0 / 0',
        verdict: verdict(wakeReads.failed + wakeReads.rejected === 0 && busFailedReads === 0),
      },
    ];
    const round3 = (n: number) => Number(n.toFixed(3));
    const json = {
      redis_msgs_per_s: Math.round(perS),
      xadd_baseline_per_s: Math.round(xaddPerS),
      node_redis_xadd_per_s: Math.round(nodeXaddPerS),
      redis_vs_xadd_ratio: Number(ratio.toFixed(4)),
      redis_two_process_msgs_per_s: Math.round(twoProcessPerS),
      redis_publish_only_per_s: Math.round(publishOnlyPerS),
      redis_consume_only_per_s: Math.round(consumeOnlyPerS),
      p50_ms_at_10k: round3(latency.p50Ms),
      p99_ms_at_10k: round3(latency.p99Ms),
      p999_ms_at_10k: round3(latency.p999Ms),
      raw_p99_ms_at_10k: round3(rawLatency.p99Ms),
      raw_p999_ms_at_10k: round3(rawLatency.p999Ms),
      flash_crash_p99_ms: round3(flash.p99Ms),
      redis_cpu_s_per_million: round3(cpuPerMillion),
      bus_process_cpu_s_per_million: round3(processCpuPerMillion),
      connections_per_process: perBus.reduce((sum, n) => sum + n, 0),
      connections_per_bus: { market_data: perBus[0], engine_logic: perBus[1], main: perBus[2] },
      failed_xreadgroup: reads.failed,
      failed_xread: wakeReads.failed + wakeReads.rejected,
      bus_failed_reads: busFailedReads,
    };
    return { rows, json };
  } finally {
    progress('stopping redis-servers');
    await Promise.allSettled(buses.map((bus) => bus.stop()));
    await Promise.allSettled(servers.map((server) => server.stop()));
  }
}
