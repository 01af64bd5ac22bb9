import { z } from 'zod';
import { topics } from '../../domain/topics.ts';
import { defineManifest } from '../manifest.ts';

export const riskConfigSchema = z.strictObject({
  limits: z
    .strictObject({
      maxOrderNotional: z.string().optional(),
      maxPosition: z.record(z.string(), z.string()).optional(),
      maxOrdersPerSecond: z.number().int().positive().optional(),
      priceBand: z.number().gt(0).lt(1).optional(),
    })
    .default({})
    .describe(
      'Pre-trade limits: maxOrderNotional (decimal), maxPosition ({"*": "1000"}), maxOrdersPerSecond, priceBand (0.05)',
    ),
  venue: z.string().min(1).default('sim').describe('Venue that approved orders are routed to'),
  onToxicity: z
    .enum(['REDUCING', 'HALTED'])
    .default('REDUCING')
    .describe(
      'Trading state a critical toxicity alert (toxicity.alert.*, FLASH_CRASH priority) moves to; a stricter state is kept',
    ),
  toxicityCoolOffMs: z
    .number()
    .int()
    .nonnegative()
    .default(1_800_000)
    .describe(
      'Event time without a critical toxicity alert after which a toxicity-imposed state returns to ACTIVE (0: stays until requested)',
    ),
  var: z
    .strictObject({
      confidence: z.number().gt(0).lt(1).default(0.99),
      horizonDays: z.number().int().positive().default(1),
      window: z.number().int().min(20).default(250),
      every: z.number().int().positive().default(50),
      monteCarloPaths: z.number().int().nonnegative().default(2_000),
    })
    .default({ confidence: 0.99, horizonDays: 1, window: 250, every: 50, monteCarloPaths: 2_000 })
    .describe(
      'Portfolio VaR/ES from equity returns: historical and parametric every N updates, Monte Carlo (fixed seed; 0 paths: off) every 10th time; confidence, horizon, window of returns',
    ),
});

export type RiskConfig = z.output<typeof riskConfigSchema>;

export const riskManifest = defineManifest({
  name: 'risk',
  title: 'Risk',
  description:
    'Pre-trade checks and risk metrics; approves or denies order commands and sets the trading state.',
  defaultPort: 8200,
  subscribes: [
    topics.pattern('portfolio'),
    topics.pattern('vpin'),
    topics.pattern('toxicity.alert'),
    topics.pattern('ml.prediction'),
    topics.pattern('strategy'),
    topics.pattern('order.command'),
    topics.pattern('order.event'),
    topics.pattern('market_data'),
    topics.pattern('risk.state'),
  ],
  // Beyond the table: the order path strategy -> risk -> execution needs risk to publish approved
  // commands and its denials (as order events), and the trading state is risk's to announce.
  publishes: [
    topics.pattern('risk.alert'),
    topics.pattern('risk.metric'),
    topics.pattern('portfolio.risk'),
    topics.pattern('risk.state'),
    topics.pattern('order.approved'),
    topics.pattern('order.event'),
  ],
  configSchema: riskConfigSchema,
  usesStore: true,
  implemented: true,
});
