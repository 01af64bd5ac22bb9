import { topics } from '../../domain/topics.ts';
import { defineManifest, noOptions } from '../manifest.ts';

export const portfolioManifest = defineManifest({
  name: 'portfolio',
  title: 'Portfolio',
  description: 'Positions, PnL and portfolio state from order events and upstream signals.',
  defaultPort: 8900,
  subscribes: [
    topics.pattern('strategy'),
    topics.pattern('risk'),
    topics.pattern('analytics'),
    topics.pattern('collateral'),
    topics.pattern('order.event'),
  ],
  publishes: [topics.pattern('portfolio.update'), topics.pattern('position.change')],
  configSchema: noOptions,
  implemented: false,
  pending: 'positions and PnL: issue 4',
});
