import { z } from 'zod';
import { topics } from '../../domain/topics.ts';
import { defineManifest } from '../manifest.ts';

export const portfolioConfigSchema = z.strictObject({
  account: z
    .string()
    .regex(/^[A-Za-z0-9_\-/:]+$/)
    .default('main')
    .describe('Account name: the last segment of portfolio.update.<account>'),
  baseCurrency: z
    .string()
    .regex(/^[A-Z0-9]{2,10}$/)
    .default('USD')
    .describe('Currency equity and base exposures are reported in'),
  startingCapital: z.number().finite().nonnegative().default(100_000).describe('Equity before any fill'),
  oms: z
    .enum(['NETTING', 'HEDGING'])
    .default('NETTING')
    .describe('NETTING: one position per instrument; HEDGING: one per opening order'),
  snapshotEveryMs: z
    .number()
    .int()
    .nonnegative()
    .default(60_000)
    .describe('At most one equity snapshot per this many ms of event time from market data (0: every event)'),
  snapshotOnBars: z.boolean().default(true).describe('Also snapshot on every bar close of any symbol'),
  sectors: z
    .record(z.string(), z.string().min(1))
    .default({})
    .describe('symbol -> sector, for exposure by sector (unmapped symbols count as "other")'),
  fxRates: z
    .record(z.string(), z.number().positive())
    .default({})
    .describe('Fallback rates to the base currency when no live FX mark gives one, e.g. {"USDT": 1}'),
});

export type PortfolioConfig = z.output<typeof portfolioConfigSchema>;

export const portfolioManifest = defineManifest({
  name: 'portfolio',
  title: 'Portfolio',
  description: 'Positions, PnL, exposures and the equity curve from fills and market-data marks.',
  defaultPort: 8900,
  // Beyond the table: marks come from market data, and strategy rebalances live in the portfolio family.
  subscribes: [
    topics.pattern('strategy'),
    topics.pattern('risk'),
    topics.pattern('analytics'),
    topics.pattern('collateral'),
    topics.pattern('order.event'),
    topics.pattern('market_data'),
    topics.pattern('portfolio.rebalance'),
  ],
  publishes: [topics.pattern('portfolio.update'), topics.pattern('position.change')],
  configSchema: portfolioConfigSchema,
  implemented: true,
});
