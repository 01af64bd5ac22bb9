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
