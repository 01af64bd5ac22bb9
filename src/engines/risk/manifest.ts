import { topics } from '../../domain/topics.ts';
import { defineManifest, noOptions } from '../manifest.ts';

export const riskManifest = defineManifest({
  name: 'risk',
  title: 'Risk',
  description:
    'Pre-trade checks and risk metrics; approves or denies order commands and sets the trading state.',
  defaultPort: 8200,
  subscribes: [
    topics.pattern('portfolio'),
    topics.pattern('vpin'),
    topics.pattern('ml.prediction'),
    topics.pattern('strategy'),
    topics.pattern('order.command'),
  ],
  // Beyond the table: the order path strategy -> risk -> execution needs risk to publish approved
  // commands, and the trading state (ACTIVE / REDUCING / HALTED) is risk's to announce.
  publishes: [
    topics.pattern('risk.alert'),
    topics.pattern('risk.metric'),
    topics.pattern('portfolio.risk'),
    topics.pattern('risk.state'),
    topics.pattern('order.approved'),
  ],
  configSchema: noOptions,
  implemented: false,
  pending: 'pre-trade checks, VaR and the trading state: issue 4',
});
