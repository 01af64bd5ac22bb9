import { topics } from '../../domain/topics.ts';
import { defineManifest, noOptions } from '../manifest.ts';

export const marketdataManifest = defineManifest({
  name: 'marketdata',
  title: 'Market-data hub',
  description:
    'The only component that talks to external data APIs; publishes market data for every other engine.',
  defaultPort: 8800,
  // Its inputs are external sources, not the bus.
  subscribes: [],
  publishes: [topics.pattern('market_data'), topics.pattern('price.update'), topics.pattern('volume.update')],
  configSchema: noOptions,
  implemented: false,
  pending: 'market-data sources and the tiered cache: issue 3',
});
