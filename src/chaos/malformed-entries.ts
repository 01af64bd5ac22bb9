import { streamOfTopic } from '../bus/redis/stream-keys.ts';
import { topics } from '../domain/topics.ts';
import { withRedis } from './redis-stats.ts';
import type { ScenarioContext, ScenarioFacts } from './scenario.ts';

const deadLetterCount = (url: string, key: string) => withRedis(url, (client) => client.xLen(key));

/**
 * Writes bad entries straight into a market-data stream and the order-command stream, as a buggy
 * or hostile client could: no fields, undecodable data, a non-envelope, an entry past
 * maxMessageBytes; plus envelopes whose payload fails its schema, published through the bus.
 * Every group reading a stream must dead-letter each one (so at least `injected` dead letters) and
 * keep delivering the valid traffic around them (the ledger checks that).
 */
export async function injectMalformed(ctx: ScenarioContext, perKind: number): Promise<ScenarioFacts> {
  const { prefix, marketDataUrl, engineLogicUrl } = ctx.cluster.urls();
  const { maxMessageBytes } = ctx;
  const targets = [
    { url: marketDataUrl, lane: 'market_data', topic: topics.marketData.trade('CX0') },
    { url: engineLogicUrl, lane: 'engine_logic', topic: topics.order.submit('chaos') },
  ];
  const before = await Promise.all(
    targets.map((t) => deadLetterCount(t.url, `${prefix}:${t.lane}:dead_letter`)),
  );
  let injected = 0;
  for (const { url, topic } of targets) {
    const stream = streamOfTopic(prefix, topic, 'NORMAL');
    await withRedis(url, async (client) => {
      for (let i = 0; i < perKind; i++) {
        await client.xAdd(stream, '*', { junk: `no t or d field ${i}` });
        await client.xAdd(stream, '*', { t: topic, d: `{"not json ${i}` });
        await client.xAdd(stream, '*', { t: topic, d: JSON.stringify({ id: i, hello: 'not an envelope' }) });
        injected += 3;
      }
      for (let i = 0; i < Math.max(1, Math.floor(perKind / 10)); i++) {
        await client.xAdd(stream, '*', { t: topic, d: 'x'.repeat(maxMessageBytes + 1) });
        injected++;
      }
    });
  }
  for (let i = 0; i < perKind; i++) {
    ctx.bus.publish({
      engine: 'chaos',
      topic: topics.marketData.trade('CXBAD'),
      payload: { kind: 'trade', symbol: 'CXBAD' },
    });
    injected++;
  }
  await ctx.bus.flush();
  await ctx.sleep(ctx.holdMs(5_000));
  const after = await Promise.all(
    targets.map((t) => deadLetterCount(t.url, `${prefix}:${t.lane}:dead_letter`)),
  );
  const deadLettered = after.reduce((sum, n, i) => sum + n - before[i]!, 0);
  return { injected, deadLettered };
}
