import { z } from 'zod';
import { topics } from '../../domain/topics.ts';
import { defineManifest } from '../manifest.ts';

const limitRule = z.enum(['strict', 'touch']);
const DATA_KINDS = ['trade', 'quote', 'bar', 'book'] as const;

export const executionConfigSchema = z.strictObject({
  venue: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/, 'a topic segment: letters, digits, "_" or "-"')
    .default('sim')
    .describe('Venue this engine serves: it consumes order.approved.{venue}'),
  fill: z
    .strictObject({
      tradeLimitRule: limitRule
        .default('strict')
        .describe('Resting limits vs trades: strict needs a trade through the limit, touch also at it'),
      barLimitRule: limitRule
        .default('touch')
        .describe('Resting limits vs bars: touch fills a buy when low <= limit, strict needs low < limit'),
      kinds: z
        .array(z.enum(DATA_KINDS))
        .min(1)
        .default([...DATA_KINDS])
        .describe('Market data kinds that produce fills and triggers'),
    })
    .default({ tradeLimitRule: 'strict', barLimitRule: 'touch', kinds: [...DATA_KINDS] })
    .describe('Fill model of the simulated venue'),
  slippageTicks: z
    .number()
    .int()
    .min(0)
    .default(0)
    .describe('Taker fills move this many ticks against the taker'),
  latencyMs: z
    .number()
    .min(0)
    .default(0)
    .describe('Submit/cancel reach the matching engine after this delay'),
  sessionEnd: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/, 'expected HH:MM or HH:MM:SS (UTC)')
    .default('00:00')
    .describe('UTC time of day at which DAY orders expire'),
  oms: z.enum(['NETTING', 'HEDGING']).default('NETTING').describe('Position keeping for reduce-only checks'),
});

export type ExecutionConfig = z.output<typeof executionConfigSchema>;

export const executionManifest = defineManifest({
  name: 'execution',
  title: 'Execution',
  description:
    'Routes approved order commands to the venue (simulated for paper trading and backtests) and publishes order events and fills.',
  defaultPort: 8750,
  // Beyond the table: the simulated venue matches against market data, so execution hears it.
  // With a store it also journals the whole order flow: submit commands and every order event.
  subscribes: [
    topics.pattern('order.approved'),
    topics.pattern('market_data'),
    topics.pattern('order.command'),
    topics.pattern('order.event'),
  ],
  publishes: [topics.pattern('order.event'), topics.pattern('trade.execution')],
  configSchema: executionConfigSchema,
  usesStore: true,
  implemented: true,
});
