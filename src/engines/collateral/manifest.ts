import { topics } from '../../domain/topics.ts';
import { defineManifest, noOptions } from '../manifest.ts';

export const collateralManifest = defineManifest({
  name: 'collateral',
  title: 'Collateral',
  description: 'Margin and collateral monitoring with margin alerts.',
  defaultPort: 9000,
  subscribes: [
    topics.pattern('portfolio'),
    topics.pattern('market_data'),
    topics.pattern('risk'),
    topics.pattern('strategy'),
  ],
  publishes: [topics.pattern('collateral.margin'), topics.pattern('margin.alert')],
  configSchema: noOptions,
  implemented: false,
  pending: 'margin and collateral monitoring: issue 5',
});
