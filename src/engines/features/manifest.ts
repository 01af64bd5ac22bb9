import { topics } from '../../domain/topics.ts';
import { defineManifest, noOptions } from '../manifest.ts';

export const featuresManifest = defineManifest({
  name: 'features',
  title: 'Features',
  description: 'Feature engineering from market data, portfolios and strategies.',
  defaultPort: 8500,
  subscribes: [topics.pattern('market_data'), topics.pattern('portfolio'), topics.pattern('strategy')],
  publishes: [topics.pattern('feature.calculation'), topics.pattern('feature.update')],
  configSchema: noOptions,
  implemented: false,
  pending: 'feature calculations: issue 5',
});
