import { z } from 'zod';
import { busAuthConfigSchema } from './bus-auth-config.ts';

const redisUrl = z
  .string()
  .regex(/^rediss?:\/\//, 'expected a redis:// or rediss:// URL')
  .describe('Redis URL (credentials allowed; never logged)');

/** The `bus` section of the config: shared by every transport, Redis options used only by Redis. */
export const busConfigSchema = z
  .strictObject({
    transport: z
      .enum(['memory', 'redis'])
      .default('memory')
      .describe('memory: embedded, one process; redis: two Redis Streams buses'),
    codec: z.enum(['json', 'msgpack']).default('json').describe('Wire encoding of envelopes on Redis'),
    marketDataUrl: redisUrl.default('redis://127.0.0.1:6380').describe('MarketData bus Redis'),
    engineLogicUrl: redisUrl.default('redis://127.0.0.1:6381').describe('Engine-logic bus Redis'),
    mainUrl: redisUrl.default('redis://127.0.0.1:6379').describe('Main Redis: engine registry only'),
    prefix: z
      .string()
      .regex(/^[A-Za-z0-9_:-]+$/)
      .default('nautilus')
      .describe('Key prefix of every stream and registry key'),
    maxLen: z
      .number()
      .int()
      .positive()
      .default(100_000)
      .describe('Approximate MAXLEN per stream, in entries (an entry holds 1-16 messages)'),
    maxAgeMs: z
      .number()
      .int()
      .nonnegative()
      .default(0)
      .describe('Time-based trimming (MINID ~) per stream; 0 = off'),
    maxLenHard: z
      .number()
      .int()
      .positive()
      .optional()
      .describe(
        'Hard cap per stream, in entries (default 10 x maxLen): the only trim that drops entries a consumer group has not consumed (counted in trimmedUnconsumed)',
      ),
    maxDeliveries: z
      .number()
      .int()
      .min(1)
      .default(5)
      .describe('Deliveries before a message is dead-lettered'),
    claimIdleMs: z
      .number()
      .int()
      .positive()
      .default(5_000)
      .describe('Pending this long => claimable by another consumer (XAUTOCLAIM)'),
    claimIntervalMs: z
      .number()
      .int()
      .positive()
      .default(1_000)
      .describe('How often pending messages are checked'),
    readCount: z
      .number()
      .int()
      .min(1)
      .max(10_000)
      .default(500)
      .describe(
        'Messages per stream per read round (a stream entry holds up to 16 messages published together)',
      ),
    blockMs: z.number().int().min(10).default(2_000).describe('Blocking read timeout'),
    outageBufferSize: z
      .number()
      .int()
      .min(0)
      .default(100_000)
      .describe('Bound of the local publish queue: batching, and the outage buffer while a bus is down'),
    overflowPolicy: z
      .enum(['drop-oldest', 'drop-newest', 'reject'])
      .default('reject')
      .describe('When the outage buffer is full: drop and count, or throw to the publisher'),
    maxMessageBytes: z
      .number()
      .int()
      .positive()
      .default(1_048_576)
      .describe('Larger entries are dead-lettered, not decoded'),
    dedupeWindow: z
      .number()
      .int()
      .positive()
      .default(100_000)
      .describe('Message ids remembered per group for idempotent handling (at most)'),
    dedupeWindowMs: z
      .number()
      .int()
      .positive()
      .default(30_000)
      .describe(
        "Ids older than this are forgotten: keep it above maxDeliveries x claimIdleMs (the claimer's redelivery horizon, 25 s by default); memory per group is then rate x window, flat once full",
      ),
    tls: z
      .strictObject({
        caFile: z
          .string()
          .min(1)
          .optional()
          .describe("PEM CA bundle that signed the Redis servers' certificates"),
        certFile: z
          .string()
          .min(1)
          .optional()
          .describe('PEM client certificate (servers with tls-auth-clients)'),
        keyFile: z.string().min(1).optional().describe('PEM private key of the client certificate'),
        rejectUnauthorized: z
          .boolean()
          .default(true)
          .describe('Refuse servers whose certificate does not verify (turn off only for tests)'),
      })
      .prefault({})
      .describe('TLS for every rediss:// URL (bus lanes and main Redis)'),
    credentialsFile: z
      .string()
      .min(1)
      .optional()
      .describe(
        'JSON/YAML file with {marketData, engineLogic, main: {username, password}}: Redis ACL credentials for URLs that carry none',
      ),
    auth: busAuthConfigSchema,
    deadLetterMaxLen: z
      .number()
      .int()
      .positive()
      .default(100_000)
      .describe('Approximate MAXLEN of the dead-letter stream'),
    marketDataShards: z
      .number()
      .int()
      .min(1)
      .max(256)
      .default(1)
      .describe('MarketData streams split by symbol over this many shards (README "Sharded market data")'),
    marketDataCluster: z
      .array(redisUrl)
      .default([])
      .describe('Redis Cluster seed URLs: shards live on the nodes owning their hash slots'),
    marketDataShardUrls: z
      .array(redisUrl)
      .default([])
      .describe('Independent Redis nodes: shard k on URL k mod length (instead of marketDataCluster)'),
  })
  .refine((bus) => bus.maxLenHard === undefined || bus.maxLenHard > bus.maxLen, {
    message: 'must be greater than bus.maxLen',
    path: ['maxLenHard'],
  })
  .prefault({});

export type BusConfig = z.output<typeof busConfigSchema>;

/** Stream length beyond which retention trims even what a group has not consumed. */
export function hardCapOf(config: Pick<BusConfig, 'maxLen' | 'maxLenHard'>): number {
  return config.maxLenHard ?? config.maxLen * 10;
}
