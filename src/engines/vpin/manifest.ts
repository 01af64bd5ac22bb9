import { topics } from '../../domain/topics.ts';
import { defineManifest, noOptions } from '../manifest.ts';

export const vpinManifest = defineManifest({
  name: 'vpin',
  title: 'VPIN',
  description: 'Volume-synchronised probability of informed trading, with toxicity alerts.',
  defaultPort: 10000,
  // The table's `features.*` is the `feature` family in domain/topics.
  subscribes: [topics.pattern('market_data'), topics.pattern('feature')],
  publishes: [topics.pattern('vpin.calculation'), topics.pattern('toxicity.alert')],
  configSchema: noOptions,
  implemented: false,
  pending: 'VPIN and toxicity alerts: issue 5',
});
