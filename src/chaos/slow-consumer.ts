import { streamOfTopic, trimmedUnconsumedKey } from '../bus/redis/stream-keys.ts';
import { topics } from '../domain/topics.ts';
import { withRedis } from './redis-stats.ts';
import type { ScenarioContext, ScenarioFacts } from './scenario.ts';

const GROUP = 'chaos-slow';
const SLOW_MS = 40;
const PHASE_LIMIT_MS = 90_000;

/** Lag (entries not yet delivered) plus pending (delivered, not acked) of one group on a stream. */
async function backlogOf(
  url: string,
  stream: string,
  group: string,
): Promise<{ backlog: number; length: number }> {
  return withRedis(url, async (client) => {
    const length = Number(await client.xLen(stream));
    const info = (await client.xInfoGroups(stream)).find((g) => String(g.name) === group);
    return { backlog: info ? Number(info.lag ?? 0) + Number(info.pending) : 0, length };
  });
}

/**
 * A consumer group whose handler sleeps until its backlog on the market-data trade stream passes
 * MAXLEN, then catches up: retention must not trim what the group has not consumed, so it still
 * receives every message published meanwhile.
 */
export async function runSlowConsumer(ctx: ScenarioContext): Promise<ScenarioFacts> {
  const { prefix, marketDataUrl } = ctx.cluster.urls();
  const stream = streamOfTopic(prefix, topics.marketData.trade('CX0'), 'NORMAL');
  const handled = new Set<string>();
  let delayMs = SLOW_MS;
  const subscription = await ctx.bus.subscribe(
    GROUP,
    topics.pattern('market_data.trade'),
    async (envelope) => {
      if (delayMs > 0) await ctx.sleep(delayMs);
      handled.add(envelope.id);
    },
  );
  // The group starts at the stream's end when created: what was published before it is not its to receive.
  const from = ctx.load.messages.size;
  const expected = () =>
    [...ctx.load.messages.values()]
      .slice(from)
      .filter((m) => m.scenario === 'slow-consumer' && m.acked && m.topic.startsWith('market_data.trade.'));
  let peakBacklog = 0;
  let peakLength = 0;
  const started = performance.now();
  try {
    while (performance.now() - started < PHASE_LIMIT_MS) {
      const { backlog, length } = await backlogOf(marketDataUrl, stream, GROUP);
      peakBacklog = Math.max(peakBacklog, backlog);
      peakLength = Math.max(peakLength, length);
      if (backlog > ctx.maxLen * 1.2) break;
      await ctx.sleep(500);
    }
    ctx.log(`slow group backlog ${peakBacklog} entries (MAXLEN ${ctx.maxLen}), stream length ${peakLength}`);
    delayMs = 0;
    const catchUp = performance.now();
    let missed = expected().filter((m) => !handled.has(m.id)).length;
    while (missed > 0 && performance.now() - catchUp < PHASE_LIMIT_MS) {
      await ctx.sleep(250);
      missed = expected().filter((m) => !handled.has(m.id)).length;
    }
    const trimmed = await withRedis(marketDataUrl, (client) =>
      client.hVals(trimmedUnconsumedKey(prefix, 'market_data')),
    );
    return {
      trimmedUnconsumed: trimmed.reduce((sum, n) => sum + Number(n), 0),
      maxLen: ctx.maxLen,
      maxLenHard: ctx.maxLenHard,
      peakBacklog,
      peakStreamLength: peakLength,
      expected: expected().length,
      handled: handled.size,
      missed,
      catchUpMs: Math.round(performance.now() - catchUp),
    };
  } finally {
    await subscription.unsubscribe();
    // The group is this scenario's: left behind, it would hold retention back forever.
    await withRedis(marketDataUrl, (client) => client.sendCommand(['XGROUP', 'DESTROY', stream, GROUP]));
  }
}
