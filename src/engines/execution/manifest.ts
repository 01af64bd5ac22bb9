import { topics } from '../../domain/topics.ts';
import { defineManifest, noOptions } from '../manifest.ts';

export const executionManifest = defineManifest({
  name: 'execution',
  title: 'Execution',
  description: 'Sends approved order commands to the venue and publishes order events and fills.',
  defaultPort: 8750,
  subscribes: [topics.pattern('order.approved')],
  publishes: [topics.pattern('order.event'), topics.pattern('trade.execution')],
  configSchema: noOptions,
  implemented: false,
  pending: 'order routing to the simulated venue: issue 4',
});
