import { z } from 'zod';
import { topics } from '../../domain/topics.ts';
import { commonVpinOptions } from '../../signals/vpin/vpin-config.ts';
import { defineManifest } from '../manifest.ts';

export const vpinConfigSchema = z.strictObject({
  classification: z
    .enum(['bvc', 'aggressor'])
    .default('bvc')
    .describe('bvc: bulk volume classification of time bars (the paper); aggressor: trade aggressor side'),
  ...commonVpinOptions,
  partition: z
    .strictObject({
      index: z.number().int().min(0).describe('This instance, 0-based'),
      count: z.number().int().min(1).max(64).describe('Instances sharing the symbols'),
    })
    .refine((p) => p.index < p.count, 'partition.index must be below partition.count')
    .default({ index: 0, count: 1 })
    .describe(
      'Several instances split the symbols (FNV-1a of the symbol mod count): each reads all market data in its own consumer group (needs a stable instanceId) and keeps VPIN state for its symbols only',
    ),
});

export type VpinConfig = z.output<typeof vpinConfigSchema>;

export const vpinManifest = defineManifest({
  name: 'vpin',
  title: 'VPIN',
  description: 'Volume-synchronised probability of informed trading, with toxicity alerts.',
  defaultPort: 10000,
  // The table's `features.*` is the `feature` family in domain/topics.
  subscribes: [topics.pattern('market_data'), topics.pattern('feature')],
  publishes: [topics.pattern('vpin.calculation'), topics.pattern('toxicity.alert')],
  configSchema: vpinConfigSchema,
  usesStore: true,
  implemented: true,
});
