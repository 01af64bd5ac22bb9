import { randomBytes } from 'node:crypto';
import { createClient } from 'redis';
import { afterAll, beforeAll } from 'vitest';
import { LiveClock } from '../../core/live-clock.ts';
import { createLogger } from '../../core/logger.ts';
import { busConfigSchema } from '../bus-config.ts';
import type { MessageBus } from '../message-bus.ts';
import { runBusConformance } from '../testing/conformance.ts';
import { RedisBus } from './redis-bus.ts';

const URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const admin = createClient({ url: URL });
let prefix = '';
let buses: MessageBus[] = [];

beforeAll(async () => {
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(`Redis at ${URL} is required for the Redis bus tests: ${(error as Error).message}`);
  }
});
afterAll(() => admin.close());

for (const codec of ['json', 'msgpack'] as const) {
  runBusConformance({
    name: `redis (${codec} codec)`,
    readBatch: 500,
    async createBus() {
      prefix ||= `test-${randomBytes(4).toString('hex')}`;
      const config = busConfigSchema.parse({
        transport: 'redis',
        marketDataUrl: URL,
        engineLogicUrl: URL,
        prefix,
        claimIdleMs: 100,
        claimIntervalMs: 50,
        blockMs: 500,
        codec,
      });
      const bus = new RedisBus(config, { clock: new LiveClock(), logger: createLogger({ level: 'silent' }) });
      await bus.start();
      buses.push(bus);
      return bus;
    },
    async cleanup() {
      await Promise.all(buses.map((b) => b.stop()));
      buses = [];
      for await (const keys of admin.scanIterator({ MATCH: `${prefix}:*`, COUNT: 1000 }))
        if (keys.length) await admin.del(keys);
      prefix = '';
    },
  });
}
