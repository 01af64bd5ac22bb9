import { topics } from '../../domain/topics.ts';
import { defineManifest, noOptions } from '../manifest.ts';

export const factorManifest = defineManifest({
  name: 'factor',
  title: 'Factor',
  description: 'Computes factor exposures and updates from market data, portfolios and strategies.',
  defaultPort: 8300,
  subscribes: [topics.pattern('market_data'), topics.pattern('portfolio'), topics.pattern('strategy')],
  publishes: [topics.pattern('factor.calculation'), topics.pattern('factor.update')],
  configSchema: noOptions,
  implemented: false,
  pending: 'factor calculations: issue 5',
});
