import { topics } from '../../domain/topics.ts';
import { defineManifest, noOptions } from '../manifest.ts';

export const toranikoManifest = defineManifest({
  name: 'toraniko',
  title: 'Toraniko factor model',
  description: 'Statistical factor model: factor returns and model updates.',
  defaultPort: 8950,
  subscribes: [topics.pattern('portfolio'), topics.pattern('market_data'), topics.pattern('risk')],
  publishes: [topics.pattern('factor.model'), topics.pattern('factor.return')],
  configSchema: noOptions,
  implemented: false,
  pending: 'the factor model: issue 5',
});
