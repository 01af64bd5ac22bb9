import { z } from 'zod';
import { topics } from '../../domain/topics.ts';
import { defineManifest } from '../manifest.ts';

export const strategyEntrySchema = z.strictObject({
  name: z.enum(['ema-cross', 'mean-reversion', 'vpin-aware']),
  /** Strategy id (order ids "O-<id>-<n>", topic segment); default: the name. */
  id: z.string().min(1).optional(),
  /** Validated by the strategy's own schema when the engine starts. */
  params: z.record(z.string(), z.unknown()).default({}),
  /** Bars this strategy trades on; default: the engine's barSpec. */
  barSpec: z.string().min(1).optional(),
});

export type StrategyEntry = z.output<typeof strategyEntrySchema>;

/** Paper-trading default: a quick EMA cross on the synthetic market's AAPL 10-second bars (orders within ~2 minutes of npm start). */
const DEFAULT_STRATEGIES: StrategyEntry[] = [
  { name: 'ema-cross', params: { symbol: 'AAPL', quantity: 10, fast: 2, slow: 5 } },
];

export const strategyConfigSchema = z.strictObject({
  barSpec: z
    .string()
    .min(1)
    .default('10s')
    .describe('Bar spec fed to onBar (the hub builds 1m bars); other bars are ignored'),
  strategies: z
    .array(strategyEntrySchema)
    .default(DEFAULT_STRATEGIES)
    .describe(
      'Hosted strategies: [{name: ema-cross|mean-reversion|vpin-aware, id?, params: {symbol, quantity, ...}, barSpec?}]',
    ),
});

export type StrategyConfig = z.output<typeof strategyConfigSchema>;

export const strategyManifest = defineManifest({
  name: 'strategy',
  title: 'Strategy',
  description: 'Turns market data, predictions, risk and VPIN into signals, rebalances and order commands.',
  defaultPort: 8700,
  // Beyond the table: a strategy hears the events of its own orders (fills, risk denials).
  subscribes: [
    topics.pattern('market_data'),
    topics.pattern('ml'),
    topics.pattern('risk'),
    topics.pattern('vpin'),
    topics.pattern('order.event'),
  ],
  publishes: [
    topics.pattern('strategy.signal'),
    topics.pattern('portfolio.rebalance'),
    topics.pattern('order.command'),
  ],
  configSchema: strategyConfigSchema,
  usesStore: true,
  implemented: true,
});
