import { topics } from '../../domain/topics.ts';
import { defineManifest, noOptions } from '../manifest.ts';

export const mlManifest = defineManifest({
  name: 'ml',
  title: 'Machine learning',
  description: 'Model training and predictions from VPIN, risk, strategy, analytics and feature streams.',
  defaultPort: 8400,
  subscribes: [
    topics.pattern('vpin'),
    topics.pattern('risk'),
    topics.pattern('strategy'),
    topics.pattern('analytics'),
    topics.pattern('feature'),
  ],
  publishes: [topics.pattern('ml.prediction'), topics.pattern('model.training.complete')],
  configSchema: noOptions,
  implemented: false,
  pending: 'model training and predictions: issue 5',
});
