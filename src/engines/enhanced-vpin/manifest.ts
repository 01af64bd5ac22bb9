import { z } from 'zod';
import { topics } from '../../domain/topics.ts';
import { CLASSIFICATIONS, type Classification } from '../../signals/vpin/classifiers.ts';
import { commonVpinOptions } from '../../signals/vpin/vpin-config.ts';
import { defineManifest } from '../manifest.ts';

export const enhancedVpinConfigSchema = z.strictObject({
  classification: z
    .enum(CLASSIFICATIONS as [Classification, ...Classification[]])
    .default('aggressor')
    .describe('aggressor or tick (trades), bvc or bvc-t (Student-t BVC on time bars)'),
  clock: z
    .enum(['volume', 'time'])
    .default('volume')
    .describe('volume: equal-volume buckets; time: fixed intervals, VPIN = sum |B - S| / sum V'),
  intervalSeconds: z
    .number()
    .int()
    .min(1)
    .default(60)
    .describe('Time clock on trades: interval length (bars are one interval each)'),
  degreesOfFreedom: z.number().positive().default(0.25).describe('bvc-t: Student-t degrees of freedom'),
  ...commonVpinOptions,
});

export type EnhancedVpinConfig = z.output<typeof enhancedVpinConfigSchema>;

/** The cross-symbol aggregate is published under this pseudo-symbol. */
export const AGGREGATE_SYMBOL = '_all';

export const enhancedVpinManifest = defineManifest({
  name: 'enhanced-vpin',
  title: 'Enhanced VPIN',
  description: 'VPIN with enhanced bucketing and classification, with toxicity alerts.',
  defaultPort: 10001,
  // The table's `features.*` is the `feature` family in domain/topics.
  subscribes: [topics.pattern('market_data'), topics.pattern('feature')],
  publishes: [topics.pattern('vpin.enhanced'), topics.pattern('toxicity.alert')],
  configSchema: enhancedVpinConfigSchema,
  implemented: true,
});
