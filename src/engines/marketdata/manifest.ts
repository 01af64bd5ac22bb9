import { z } from 'zod';
import { topics } from '../../domain/topics.ts';
import { parseBarSpec } from '../../marketdata/bars/bar-spec.ts';
import { SOURCE_NAMES } from '../../marketdata/hub/source-names.ts';
import { defineManifest } from '../manifest.ts';

const barSpec = z.string().refine(
  (spec) => {
    try {
      parseBarSpec(spec);
      return true;
    } catch {
      return false;
    }
  },
  {
    error: (issue) =>
      `bar spec ${JSON.stringify(issue.input)}: expected e.g. 1m, 15s, 100t (ticks), 5000v (volume)`,
  },
);

const sourceConfig = z.strictObject({
  baseUrl: z.url().optional(),
  apiKey: z.string().min(1).optional(),
  userAgent: z.string().min(1).optional(),
  capacity: z.number().positive().optional(),
  refillPerSecond: z.number().positive().optional(),
  timeoutMs: z.number().int().positive().optional(),
});

export const marketdataConfigSchema = z.strictObject({
  record: z
    .array(z.enum(['trade', 'quote', 'bar', 'book']))
    .default(['trade', 'bar'])
    .describe(
      'Market data kinds the hub keeps in the store (trades, quotes, bars, book snapshots), in batches that never block the feed; [] keeps none',
    ),
  feed: z
    .enum(['synthetic', 'replay', 'ibkr', 'none'])
    .default('synthetic')
    .describe(
      'Live stream: the seeded synthetic market, file replay, the IBKR market-data WebSocket, or none',
    ),
  seed: z
    .number()
    .int()
    .default(1)
    .describe('Seed of the embedded synthetic market: the same seed replays the same tape'),
  tickMs: z
    .number()
    .positive()
    .default(50)
    .describe('How often due synthetic events are published, in ms of clock time'),
  symbols: z
    .array(z.string().min(1))
    .min(1)
    .optional()
    .describe('Restrict the synthetic market to these symbols (default: every built-in instrument)'),
  rateScale: z
    .number()
    .positive()
    .default(1)
    .describe('Multiplies every instrument trade rate of the synthetic market, e.g. 0.1 for a quiet feed'),
  replay: z
    .strictObject({
      files: z.array(z.string().min(1)).default([]),
      speed: z.union([z.number().min(1e-6), z.literal('max')]).default(1),
      badRows: z.enum(['skip', 'fail']).default('skip'),
      symbol: z.string().min(1).optional(),
      lockstep: z.boolean().default(false),
    })
    .default({ files: [], speed: 1, badRows: 'skip', lockstep: false })
    .describe(
      'feed=replay: files (CSV/Parquet), speed (1 = real time, 10, or "max"), badRows skip|fail, symbol override, lockstep (memory bus: start once the host is up, each record waits until the bus is idle: paper runs identical to backtests)',
    ),
  ibkr: z
    .strictObject({
      conids: z.record(z.string().min(1), z.number().int().positive()).default({}),
      keepAliveMs: z.number().int().positive().default(60_000),
    })
    .default({ conids: {}, keepAliveMs: 60_000 })
    .describe('feed=ibkr: conids by symbol, e.g. {"AAPL": 265598}; the gateway URL is sources.ibkr.baseUrl'),
  bars: z
    .array(barSpec)
    .default(['10s', '1m'])
    .describe('Bars built from live trades and published: time (1m), tick (100t), volume (5000v)'),
  barHistory: z
    .number()
    .int()
    .positive()
    .default(500)
    .describe('Recent bars kept per symbol and spec for /bars'),
  staleAfterMs: z
    .number()
    .int()
    .positive()
    .default(10_000)
    .describe(
      'A live symbol silent this long is stale: alert on market_data.status.<symbol> and in /metrics',
    ),
  cacheMaxEntries: z.number().int().positive().default(100_000).describe('LRU bound of the hub cache'),
  prefetch: z
    .strictObject({
      enabled: z.boolean().default(true),
      minSupport: z.number().int().positive().default(3),
      minConfidence: z.number().gt(0).max(1).default(0.5),
    })
    .default({ enabled: true, minSupport: 3, minConfidence: 0.5 })
    .describe('Prefetch X when Y is asked, once engines asked X right after Y minSupport times'),
  sources: z
    .partialRecord(z.enum(SOURCE_NAMES), sourceConfig)
    .default({})
    .describe(
      'Per data source: baseUrl, apiKey, userAgent (sec-edgar), capacity and refillPerSecond (rate limit), timeoutMs',
    ),
});

export type MarketdataConfig = z.output<typeof marketdataConfigSchema>;
export type SourceConfig = z.output<typeof sourceConfig>;

export const marketdataManifest = defineManifest({
  name: 'marketdata',
  title: 'Market-data hub',
  description:
    'The only component that talks to external data APIs; publishes market data for every other engine.',
  defaultPort: 8800,
  // Its inputs are external sources, not the bus.
  subscribes: [],
  publishes: [topics.pattern('market_data'), topics.pattern('price.update'), topics.pattern('volume.update')],
  configSchema: marketdataConfigSchema,
  usesStore: true,
  implemented: true,
});
