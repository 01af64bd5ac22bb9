import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import { LiveClock } from '../../core/live-clock.ts';
import { createLogger } from '../../core/logger.ts';
import { RedisCluster } from '../../testing/redis-cluster.ts';
import { type RedisServer, startRedisServer } from '../../testing/redis-server.ts';
import { busConfigSchema } from '../bus-config.ts';
import { runBusConformance } from '../testing/conformance.ts';
import { RedisBus } from './redis-bus.ts';

let cluster: RedisCluster;
let engineLogic: RedisServer;
let prefix = '';
let buses: RedisBus[] = [];

beforeAll(async () => {
  [cluster, engineLogic] = await Promise.all([RedisCluster.start(3), startRedisServer()]);
}, 60_000);

afterAll(async () => {
  await Promise.all([cluster?.stop(), engineLogic?.stop()]);
});

// The bus contract holds with the MarketData bus split over 4 shards on a 3-node cluster.
runBusConformance({
  name: 'redis cluster (4 MarketData shards on 3 nodes)',
  readBatch: 500,
  async createBus() {
    prefix ||= `conf-${randomBytes(3).toString('hex')}`;
    const config = busConfigSchema.parse({
      transport: 'redis',
      marketDataCluster: cluster.seeds,
      marketDataShards: 4,
      engineLogicUrl: engineLogic.url,
      prefix,
      claimIdleMs: 100,
      claimIntervalMs: 50,
      blockMs: 500,
    });
    const bus = new RedisBus(config, { clock: new LiveClock(), logger: createLogger({ level: 'silent' }) });
    await bus.start();
    buses.push(bus);
    return bus;
  },
  async cleanup() {
    await Promise.all(buses.map((b) => b.stop()));
    buses = [];
    await Promise.all([...cluster.nodes, engineLogic].map((node) => node.flushall()));
    prefix = '';
  },
});
