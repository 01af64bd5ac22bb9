import { Writable } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LiveClock } from '../../core/live-clock.ts';
import { createLogger } from '../../core/logger.ts';
import type { Envelope } from '../../domain/envelope.ts';
import { topics } from '../../domain/topics.ts';
import { RedisCluster } from '../../testing/redis-cluster.ts';
import { type RedisServer, startRedisServer } from '../../testing/redis-server.ts';
import { type BusConfig, busConfigSchema } from '../bus-config.ts';
import { waitFor } from '../testing/wait-for.ts';
import { keySlot } from './crc16.ts';
import { RedisBus } from './redis-bus.ts';
import { shardOfTopic } from './shard-routing.ts';
import { controlKey, shardPrefix, streamKey } from './stream-keys.ts';

const SHARDS = 6;
const SYMBOLS = Array.from({ length: 50 }, (_, i) => `SYM${i}`);
const PER_SYMBOL = 200;
const trade = (symbol: string, seq: number) => ({
  kind: 'trade' as const,
  symbol,
  price: 100 + seq / 100,
  size: 1,
  tradeId: String(seq),
  tsNs: BigInt(seq),
});

let cluster: RedisCluster;
let engineLogic: RedisServer;
const buses: RedisBus[] = [];

async function bus(overrides: Partial<BusConfig> = {}, logger = createLogger({ level: 'silent' })) {
  const config = busConfigSchema.parse({
    transport: 'redis',
    marketDataCluster: cluster.seeds,
    marketDataShards: SHARDS,
    engineLogicUrl: engineLogic.url,
    blockMs: 500,
    ...overrides,
  });
  const created = new RedisBus(config, { clock: new LiveClock(), logger });
  await created.start();
  buses.push(created);
  return created;
}

/** Deliveries per consumer instance: topic -> trade sequence numbers in arrival order. */
function recorder() {
  const byTopic = new Map<string, number[]>();
  const ids: string[] = [];
  const handler = (e: Envelope) => {
    ids.push(e.id);
    const list = byTopic.get(e.topic) ?? [];
    list.push(Number((e.payload as { tradeId: string }).tradeId));
    byTopic.set(e.topic, list);
  };
  return { byTopic, ids, handler };
}

const increasing = (list: number[]) => list.every((v, i) => i === 0 || list[i - 1]! < v);

beforeAll(async () => {
  [cluster, engineLogic] = await Promise.all([RedisCluster.start(3), startRedisServer()]);
}, 60_000);

async function stopBuses() {
  await Promise.all(buses.splice(0).map((b) => b.stop()));
}

afterEach(stopBuses);
afterAll(async () => {
  await Promise.all([cluster?.stop(), engineLogic?.stop()]);
});

describe('MarketData shards on a 3-node Redis Cluster', () => {
  it('computes the slot of a key as CLUSTER KEYSLOT does', async () => {
    const keys = [
      'foo',
      '{user1000}.following',
      'a{}b',
      ...Array.from({ length: SHARDS }, (_, k) =>
        streamKey(shardPrefix('nautilus', k, SHARDS), 'market_data', 'NORMAL'),
      ),
      ...SYMBOLS.map((s) => `nautilus:${s}:ÄÖ€`),
    ];
    const node = cluster.nodes[0]!;
    for (const key of keys)
      expect(keySlot(key), key).toBe(Number((await node.cli(['CLUSTER', 'KEYSLOT', key])).trim()));
  });

  it('delivers every trade exactly once per group, in order per topic, with the shards on all 3 nodes', async () => {
    const publisher = await bus();
    const [a, b, c] = [await bus(), await bus(), await bus()];
    const [ra, rb, rc] = [recorder(), recorder(), recorder()];
    await a.subscribe('vpin', 'market_data.trade.*', ra.handler);
    await b.subscribe('vpin', 'market_data.trade.*', rb.handler);
    await c.subscribe('features', 'market_data.*', rc.handler);

    const started = performance.now();
    for (let seq = 0; seq < PER_SYMBOL; seq++)
      for (const symbol of SYMBOLS)
        publisher.publish({
          engine: 'marketdata',
          topic: topics.marketData.trade(symbol),
          payload: trade(symbol, seq),
        });
    const total = SYMBOLS.length * PER_SYMBOL;
    await waitFor(
      () => ra.ids.length + rb.ids.length >= total && rc.ids.length >= total,
      'all deliveries',
      30_000,
    );
    const seconds = (performance.now() - started) / 1_000;
    console.info(
      `cluster, ${SHARDS} shards on 3 nodes: ${total} trades to 2 groups in ${seconds.toFixed(2)} s`,
    );
    await new Promise((resolve) => setTimeout(resolve, 300));

    const vpin = [...ra.ids, ...rb.ids];
    expect(vpin.length).toBe(total);
    expect(new Set(vpin).size).toBe(total);
    expect(ra.ids.length).toBeGreaterThan(0);
    expect(rb.ids.length).toBeGreaterThan(0);
    expect(rc.ids.length).toBe(total);
    expect(new Set(rc.ids).size).toBe(total);
    for (const r of [ra, rb])
      for (const [topic, list] of r.byTopic) expect(increasing(list), topic).toBe(true);
    for (const symbol of SYMBOLS)
      expect(rc.byTopic.get(topics.marketData.trade(symbol))).toEqual(
        Array.from({ length: PER_SYMBOL }, (_, i) => i),
      );

    // Each shard's keys sit on the node owning its tag's slot, and every node holds some.
    const prefixes = Array.from({ length: SHARDS }, (_, k) => shardPrefix('nautilus', k, SHARDS));
    const keysPerNode = new Map<number, string[]>();
    for (const node of cluster.nodes)
      keysPerNode.set(
        node.port,
        (await node.cli(['--scan', '--pattern', '{nautilus:md:*'])).trim().split('\n').filter(Boolean),
      );
    for (const prefix of prefixes) {
      const owner = await cluster.nodeOfSlot(keySlot(prefix));
      const stream = streamKey(prefix, 'market_data', 'NORMAL');
      expect(keysPerNode.get(owner.port), stream).toContain(stream);
    }
    for (const node of cluster.nodes)
      expect(keysPerNode.get(node.port)!.length, `keys on ${node.port}`).toBeGreaterThan(0);

    // No CROSSSLOT or MOVED reply anywhere, no failed read or dropped message in any process.
    for (const node of cluster.nodes) {
      const errors = await node.info('errorstats');
      expect(
        Object.keys(errors).filter((k) => /CROSSSLOT|MOVED|ASK/.test(k)),
        `errors on ${node.port}`,
      ).toEqual([]);
    }
    for (const x of [publisher, a, b, c]) {
      expect(x.counters().failedReads).toBe(0);
      expect(x.counters().bufferDropped).toBe(0);
    }

    // Status lists each shard as a lane on its node, and sums the counters over them.
    const status = await c.status();
    const shards = status.lanes.filter((l) => l.shard);
    expect(shards.map((l) => l.shard!.index)).toEqual([0, 1, 2, 3, 4, 5]);
    for (const lane of shards) {
      const owner = await cluster.nodeOfSlot(lane.shard!.slot);
      expect(lane.endpoint).toBe(owner.url);
      expect(lane.connected).toBe(true);
    }
    expect(status.lanes.map((l) => l.lane)).toEqual([
      ...new Array(SHARDS).fill('market_data'),
      'engine_logic',
    ]);
    expect(status.counters.delivered).toBe(total);
    expect(status.connections).toBe(2 * SHARDS + 2);
  });

  it('moves the same load through one plain node and through the cluster (rates printed)', async () => {
    const rate = async (overrides: Partial<BusConfig>) => {
      const [publisher, consumer] = [await bus(overrides), await bus(overrides)];
      let got = 0;
      await consumer.subscribe('features', 'market_data.*', () => void got++);
      const total = 40_000;
      const started = performance.now();
      for (let seq = 0; seq < total / SYMBOLS.length; seq++)
        for (const symbol of SYMBOLS)
          publisher.publish({
            engine: 'marketdata',
            topic: topics.marketData.trade(symbol),
            payload: trade(symbol, seq),
          });
      await waitFor(() => got === total, 'every trade', 60_000);
      await stopBuses();
      return Math.round(total / ((performance.now() - started) / 1_000));
    };
    const single = await rate({
      prefix: 'single',
      marketDataCluster: [],
      marketDataShards: 1,
      marketDataUrl: engineLogic.url,
    });
    const sharded = await rate({ prefix: 'rate' });
    console.info(
      `publish->deliver, one process: single node ${single} msg/s, cluster (${SHARDS} shards) ${sharded} msg/s`,
    );
    expect(Math.min(single, sharded)).toBeGreaterThan(0);
  });

  it('runs shards on independent nodes too: shard k on URL k mod count', async () => {
    const other = await startRedisServer();
    try {
      const nodes = [engineLogic, other];
      const overrides = {
        prefix: 'plain',
        marketDataCluster: [],
        marketDataShards: 3,
        marketDataShardUrls: nodes.map((n) => n.url),
      };
      const [publisher, consumer] = [await bus(overrides), await bus(overrides)];
      const r = recorder();
      await consumer.subscribe('features', 'market_data.*', r.handler);
      for (let seq = 0; seq < 20; seq++)
        for (const symbol of SYMBOLS)
          publisher.publish({
            engine: 'marketdata',
            topic: topics.marketData.trade(symbol),
            payload: trade(symbol, seq),
          });
      await waitFor(() => r.ids.length === SYMBOLS.length * 20, 'all deliveries');
      for (const symbol of SYMBOLS)
        expect(r.byTopic.get(topics.marketData.trade(symbol))).toEqual(
          Array.from({ length: 20 }, (_, i) => i),
        );
      for (let k = 0; k < 3; k++) {
        const stream = streamKey(shardPrefix('plain', k, 3), 'market_data', 'NORMAL');
        expect(await nodes[k % 2]!.cli(['EXISTS', stream]), stream).toBe('1\n');
        expect(await nodes[(k + 1) % 2]!.cli(['EXISTS', stream]), stream).toBe('0\n');
      }
      await stopBuses();
    } finally {
      await other.stop();
    }
  });

  it('reads only the shard of an exact-symbol subscription', async () => {
    const consumer = await bus({ prefix: 'exact' });
    await consumer.subscribe('risk', topics.marketData.trade('AAPL'), () => undefined);
    const mine = shardOfTopic(topics.marketData.trade('AAPL'), SHARDS);
    for (let k = 0; k < SHARDS; k++) {
      const stream = streamKey(shardPrefix('exact', k, SHARDS), 'market_data', 'NORMAL');
      const node = await cluster.nodeOfSlot(keySlot(stream));
      expect(await node.cli(['EXISTS', stream]), stream).toBe(k === mine ? '1\n' : '0\n');
    }
  });

  it('refuses to publish before start, and a cluster together with shard URLs', async () => {
    const config = busConfigSchema.parse({
      transport: 'redis',
      marketDataCluster: cluster.seeds,
      engineLogicUrl: engineLogic.url,
    });
    const idle = new RedisBus(config, { clock: new LiveClock(), logger: createLogger({ level: 'silent' }) });
    expect(() =>
      idle.publish({ engine: 'x', topic: topics.marketData.trade('AAPL'), payload: trade('AAPL', 0) }),
    ).toThrow(/start\(\) first/);
    const both = busConfigSchema.parse({ ...config, marketDataShardUrls: [engineLogic.url] });
    expect(
      () => new RedisBus(both, { clock: new LiveClock(), logger: createLogger({ level: 'silent' }) }),
    ).toThrow(/exclusive/);
  });

  it('logs an error naming the slot when a shard slot moves to another node', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const moved = await bus(
      { prefix: 'moved', marketDataShards: 1 },
      createLogger({ level: 'error', destination: sink }),
    );
    const prefix = shardPrefix('moved', 0, 1);
    const slot = keySlot(prefix);
    const owner = await cluster.nodeOfSlot(slot);
    const target = cluster.nodes.find((n) => n !== owner)!;
    // The slot must be empty to be handed over without MIGRATE: drop the bus's control stream.
    await owner.cli(['DEL', controlKey(prefix, 'market_data', moved.instanceId)]);
    const targetId = (await target.cli(['CLUSTER', 'MYID'])).trim();
    for (const node of [target, owner])
      expect((await node.cli(['CLUSTER', 'SETSLOT', String(slot), 'NODE', targetId])).trim()).toBe('OK');
    await waitFor(
      () => lines.some((l) => l.includes(`hash slot ${slot} moved to 127.0.0.1:${target.port}`)),
      'the MOVED error log',
      5_000,
    );
    const lane = (await moved.status()).lanes.find((l) => l.shard);
    expect(lane?.shard?.movedTo).toBe(`127.0.0.1:${target.port}`);
  });
});
