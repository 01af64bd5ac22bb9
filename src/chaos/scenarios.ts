import { topics } from '../domain/topics.ts';
import { runHttpFuzz } from './http-fuzz.ts';
import { injectMalformed } from './malformed-entries.ts';
import { LoopbackPartition } from './partition.ts';
import type { Scenario, ScenarioContext } from './scenario.ts';
import { runSlowConsumer } from './slow-consumer.ts';
import { runWsFuzz } from './ws-fuzz.ts';

const portOf = (url: string) => Number(new URL(url).port);

function processWith(ctx: ScenarioContext, test: (p: { engines: string[]; replica: boolean }) => boolean) {
  const found = ctx.cluster.processes().find(test);
  if (!found) throw new Error('the cluster has no such process');
  return found;
}

/** The fault campaign of issue 7, in the order it runs. */
export const SCENARIOS: readonly Scenario[] = [
  {
    name: 'baseline',
    fault: 'none: steady load only',
    async run(ctx) {
      await ctx.sleep(ctx.holdMs(8_000));
      return {};
    },
  },
  {
    name: 'kill-engine',
    fault: 'kill -9 the risk+vpin replica process mid-batch, restart it after 3 s',
    async run(ctx) {
      const replica = processWith(ctx, (p) => p.replica);
      await ctx.sleep(ctx.holdMs(2_000));
      await ctx.cluster.kill(replica.name, 'SIGKILL');
      ctx.log(`killed ${replica.name} (${replica.engines.join(', ')})`);
      await ctx.sleep(ctx.holdMs(3_000));
      const restartMs = await ctx.cluster.start(replica.name);
      return { process: replica.name, restartMs };
    },
  },
  ...(['marketData', 'engineLogic', 'main'] as const).map(
    (role): Scenario => ({
      name: `restart-${role === 'main' ? 'main-redis' : role === 'marketData' ? 'market-data-bus' : 'engine-logic-bus'}`,
      fault: `graceful restart of the ${role} Redis (SHUTDOWN, start on the same port and AOF)`,
      async run(ctx) {
        await ctx.sleep(ctx.holdMs(2_000));
        await ctx.sampleReads();
        const downtimeMs = await ctx.cluster.restartRedis(role);
        ctx.log(`${role} Redis back after ${downtimeMs} ms`);
        return { downtimeMs };
      },
    }),
  ),
  {
    name: 'stop-postgres',
    fault: 'PostgreSQL stopped for 10 s (pg_ctl stop -m fast), then started',
    async run(ctx) {
      await ctx.sleep(ctx.holdMs(2_000));
      await ctx.cluster.stopPostgres();
      await ctx.sleep(10_000);
      await ctx.cluster.startPostgres();
      return { downMs: 10_000 };
    },
  },
  {
    name: 'partition',
    fault: 'the trading process cut off the engine-logic bus for 10 s (iptables DROP on loopback)',
    async run(ctx) {
      const trading = processWith(ctx, (p) => !p.replica && p.engines.includes('execution'));
      await ctx.sleep(ctx.holdMs(2_000));
      const partition = new LoopbackPartition(trading.pid!, portOf(ctx.cluster.urls().engineLogicUrl));
      const connections = partition.cut();
      try {
        await ctx.sleep(10_000);
      } finally {
        partition.heal();
      }
      return { process: trading.name, connections, partitionMs: 10_000 };
    },
  },
  {
    name: 'slow-consumer',
    fault: 'a consumer group whose handler sleeps 40 ms per message until its backlog passes MAXLEN',
    run: (ctx) => runSlowConsumer(ctx),
    check: (facts) =>
      Number(facts.missed) + Number(facts.trimmedUnconsumed) > 0
        ? `the slow group missed ${facts.missed} messages (${facts.trimmedUnconsumed} entries trimmed unconsumed)`
        : Number(facts.peakBacklog) <= Number(facts.maxLen)
          ? `the backlog peaked at ${facts.peakBacklog} entries, never past MAXLEN ${facts.maxLen}`
          : undefined,
  },
  {
    name: 'malformed-flood',
    fault: 'malformed, undecodable, invalid and oversized entries XADDed straight into both buses',
    run: (ctx) => injectMalformed(ctx, 50),
    check: (facts) =>
      Number(facts.deadLettered) < Number(facts.injected)
        ? `only ${facts.deadLettered} of ${facts.injected} bad entries were dead-lettered`
        : undefined,
  },
  {
    name: 'api-fuzz',
    fault: 'fuzzed HTTP requests over the API schemas and malformed WebSocket frames',
    async run(ctx) {
      const http = await runHttpFuzz({ baseUrl: ctx.cluster.endpoint('api'), seed: 7, cases: 1_500 });
      const wsUrl = `${ctx.cluster.endpoint('websocket').replace('http', 'ws')}/ws`;
      const ws = await runWsFuzz({
        url: wsUrl,
        seed: 7,
        frames: 1_500,
        probeTopic: topics.pattern('market_data.quote'),
      });
      return {
        httpRequests: http.requests,
        http5xx: http.serverErrors,
        httpBadBodies: http.badErrorBodies,
        httpHealthFailures: http.healthFailures,
        wsFrames: ws.framesSent,
        wsCrashes: ws.crashes,
        wsHealthyAfter: ws.healthyAfter,
        ...(http.examples.length > 0 ? { httpExamples: JSON.stringify(http.examples.slice(0, 3)) } : {}),
        ...(ws.examples.length > 0 ? { wsExamples: ws.examples.slice(0, 3).join(' | ') } : {}),
      };
    },
    check: (f) =>
      Number(f.http5xx) + Number(f.httpHealthFailures) + Number(f.wsCrashes) > 0 || !f.wsHealthyAfter
        ? `fuzzing found ${f.http5xx} 5xx, ${f.httpHealthFailures} failed health checks, ${f.wsCrashes} WebSocket crashes`
        : undefined,
  },
];
