import { topics } from '../../domain/topics.ts';
import { defineManifest, noOptions } from '../manifest.ts';

export const analyticsManifest = defineManifest({
  name: 'analytics',
  title: 'Analytics',
  description: 'Performance and portfolio analytics from portfolio, risk, strategy and prediction streams.',
  defaultPort: 8100,
  subscribes: [
    topics.pattern('portfolio'),
    topics.pattern('risk'),
    topics.pattern('strategy'),
    topics.pattern('ml.prediction'),
  ],
  publishes: [topics.pattern('analytics.result'), topics.pattern('performance.metric')],
  configSchema: noOptions,
  implemented: false,
  pending: 'performance and portfolio analytics: issue 4',
});
