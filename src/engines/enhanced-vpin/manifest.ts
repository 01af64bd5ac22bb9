import { topics } from '../../domain/topics.ts';
import { defineManifest, noOptions } from '../manifest.ts';

export const enhancedVpinManifest = defineManifest({
  name: 'enhanced-vpin',
  title: 'Enhanced VPIN',
  description: 'VPIN with enhanced bucketing and classification, with toxicity alerts.',
  defaultPort: 10001,
  // The table's `features.*` is the `feature` family in domain/topics.
  subscribes: [topics.pattern('market_data'), topics.pattern('feature')],
  publishes: [topics.pattern('vpin.enhanced'), topics.pattern('toxicity.alert')],
  configSchema: noOptions,
  implemented: false,
  pending: 'enhanced VPIN: issue 5',
});
