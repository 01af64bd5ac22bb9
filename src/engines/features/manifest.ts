import { z } from 'zod';
import { topics } from '../../domain/topics.ts';
import { defineManifest } from '../manifest.ts';

export const featuresConfigSchema = z.strictObject({
  barSpec: z
    .string()
    .regex(/^\d+(ns|us|ms|s|m|h|d|t|v)$/)
    .default('1m')
    .describe('Bars of this spec drive the features; one feature.calculation.<symbol> per such bar'),
  returnHorizons: z
    .array(z.number().int().positive())
    .min(1)
    .default([1, 5, 20])
    .describe('Horizons in bars of the rolling simple returns return_<k>'),
  window: z
    .number()
    .int()
    .min(2)
    .default(20)
    .describe('Bars in the volatility, z-score, trade-flow and volume-profile windows'),
  periodsPerYear: z
    .number()
    .nonnegative()
    .default(0)
    .describe('Bars per year to annualise volatility (0: 365 x 24 h over the bar interval, 252 for 1d)'),
  profileBucketBps: z
    .number()
    .positive()
    .default(10)
    .describe('Volume-profile bucket width in basis points of the first close seen'),
  bookDepth: z.number().int().positive().default(5).describe('Book levels per side in book_imbalance'),
});

export type FeaturesConfig = z.output<typeof featuresConfigSchema>;

export const featuresManifest = defineManifest({
  name: 'features',
  title: 'Features',
  description: 'Incremental features per instrument from market data, published once per bar.',
  defaultPort: 8500,
  subscribes: [topics.pattern('market_data'), topics.pattern('portfolio'), topics.pattern('strategy')],
  publishes: [topics.pattern('feature.calculation'), topics.pattern('feature.update')],
  configSchema: featuresConfigSchema,
  implemented: true,
});
