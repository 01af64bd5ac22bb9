import { z } from 'zod';
import { OPTIMISATION_METHODS } from '../../analytics/optimisation/optimisers.ts';
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
    .default({ USDT: 1, USDC: 1 })
    .describe(
      'Fallback rates to the base currency when no live FX mark gives one (default: USDT and USDC at 1, right for a USD base; replace it for another base)',
    ),
  rebalance: z
    .strictObject({
      method: z
        .enum(['none', ...OPTIMISATION_METHODS])
        .default('none')
        .describe('Optimiser whose targets are published on portfolio.rebalance.<account> (none: off)'),
      symbols: z
        .array(z.string().min(1))
        .default([])
        .describe('Symbols to allocate across (empty: every marked instrument)'),
      everyMs: z
        .number()
        .int()
        .positive()
        .default(86_400_000)
        .describe('Event time between published rebalance plans'),
      sampleEveryMs: z
        .number()
        .int()
        .positive()
        .default(86_400_000)
        .describe('Returns are taken between last prices sampled once per this much event time'),
      lookback: z.number().int().min(3).default(61).describe('Price samples kept for the optimiser'),
      minObservations: z.number().int().min(2).default(20).describe('Fewest sampled returns to plan on'),
      riskFree: z.number().finite().default(0).describe('Annual risk-free rate (max-sharpe, Sharpe)'),
      periodsPerYear: z
        .number()
        .positive()
        .default(252)
        .describe('Samples per year, to annualise (252 for daily samples)'),
    })
    .default({
      method: 'none',
      symbols: [],
      everyMs: 86_400_000,
      sampleEveryMs: 86_400_000,
      lookback: 61,
      minObservations: 20,
      riskFree: 0,
      periodsPerYear: 252,
    })
    .describe('Portfolio optimisation: target weights and sizes from sampled returns'),
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
  publishes: [
    topics.pattern('portfolio.update'),
    topics.pattern('position.change'),
    topics.pattern('portfolio.rebalance'),
  ],
  configSchema: portfolioConfigSchema,
  usesStore: true,
  implemented: true,
});
