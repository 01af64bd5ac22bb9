import { topics } from '../../domain/topics.ts';
import { defineManifest, noOptions } from '../manifest.ts';

export const strategyManifest = defineManifest({
  name: 'strategy',
  title: 'Strategy',
  description: 'Turns market data, predictions, risk and VPIN into signals, rebalances and order commands.',
  defaultPort: 8700,
  subscribes: [
    topics.pattern('market_data'),
    topics.pattern('ml'),
    topics.pattern('risk'),
    topics.pattern('vpin'),
  ],
  publishes: [
    topics.pattern('strategy.signal'),
    topics.pattern('portfolio.rebalance'),
    topics.pattern('order.command'),
  ],
  configSchema: noOptions,
  implemented: false,
  pending: 'strategies and order generation: issue 4',
});
