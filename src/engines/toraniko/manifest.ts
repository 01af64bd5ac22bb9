import { z } from 'zod';
import { topics } from '../../domain/topics.ts';
import { defineManifest } from '../manifest.ts';

const asset = z.strictObject({
  sector: z.string().min(1).default('unclassified').describe('Sector of the symbol'),
  shares: z
    .number()
    .positive()
    .default(1)
    .describe('Shares outstanding: market cap = shares x previous close'),
  bookPerShare: z
    .number()
    .finite()
    .optional()
    .describe('Book value per share, for book/price (value factor)'),
  salesPerShare: z.number().finite().optional().describe('Sales per share, for sales/price (value factor)'),
  cashFlowPerShare: z.number().finite().optional().describe('Cash flow per share, for cash-flow/price'),
});

export const toranikoConfigSchema = z.strictObject({
  model: z
    .string()
    .regex(/^[A-Za-z0-9_\-/:]+$/)
    .default('toraniko')
    .describe('Model name: the last segment of factor.model.<model>'),
  barSpec: z
    .string()
    .min(1)
    .default('1m')
    .describe('Bars that make one period of the panel (1d for daily equity data)'),
  symbols: z
    .array(z.string().min(1))
    .default([])
    .describe('Symbols in the model (empty: every symbol with such bars)'),
  assets: z
    .record(z.string(), asset)
    .default({})
    .describe(
      'symbol -> {sector, shares, bookPerShare, salesPerShare, cashFlowPerShare}; unlisted symbols: sector "unclassified", 1 share',
    ),
  estimateEveryMs: z
    .number()
    .int()
    .positive()
    .default(60_000)
    .describe('Event time between re-estimations; each estimates every period closed since the last'),
  historyPeriods: z
    .number()
    .int()
    .min(2)
    .default(1_000)
    .describe('Closed periods kept for the panel (momentum needs window + lag + 1)'),
  keepEstimates: z
    .number()
    .int()
    .min(1)
    .default(500)
    .describe('Estimated periods kept for GET /factor-returns'),
  mode: z
    .enum(['two-stage', 'joint'])
    .default('two-stage')
    .describe('two-stage: styles on sector residuals (Toraniko); joint: one WLS on all factors'),
  momentumWindow: z.number().int().min(1).default(504).describe('Returns in the momentum window (periods)'),
  momentumHalfLife: z.number().positive().default(126).describe('Periods for a momentum weight to halve'),
  momentumLag: z
    .number()
    .int()
    .min(1)
    .default(20)
    .describe('Periods between the momentum window and the date'),
  sizeLowerQuantile: z
    .number()
    .min(0)
    .max(1)
    .default(0.3)
    .describe('Size exposures strictly between this quantile of log cap...'),
  sizeUpperQuantile: z
    .number()
    .min(0)
    .max(1)
    .default(0.7)
    .describe('...and this one are zeroed (equal values: keep all)'),
  returnsWinsor: z
    .number()
    .min(0)
    .lt(0.5)
    .default(0.05)
    .describe("Winsorise each period's returns at p and 1-p (0: off)"),
  minAssets: z.number().int().min(1).default(3).describe('Periods with fewer assets are not estimated'),
});

export type ToranikoConfig = z.output<typeof toranikoConfigSchema>;

export const toranikoManifest = defineManifest({
  name: 'toraniko',
  title: 'Toraniko factor model',
  description:
    'Equity factor model: market, sector and style factor returns by constrained cross-sectional WLS.',
  defaultPort: 8950,
  subscribes: [topics.pattern('portfolio'), topics.pattern('market_data'), topics.pattern('risk')],
  publishes: [topics.pattern('factor.model'), topics.pattern('factor.return')],
  configSchema: toranikoConfigSchema,
  implemented: true,
});
