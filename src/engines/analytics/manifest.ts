import { z } from 'zod';
import { topics } from '../../domain/topics.ts';
import { defineManifest } from '../manifest.ts';

export const analyticsConfigSchema = z.strictObject({
  every: z
    .number()
    .int()
    .positive()
    .default(20)
    .describe('Publish performance every N equity updates of an account (and on engine stop)'),
});

export type AnalyticsConfig = z.output<typeof analyticsConfigSchema>;

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
  configSchema: analyticsConfigSchema,
  implemented: true,
});
