import { z } from 'zod';
import { topics } from '../../domain/topics.ts';
import { MARGIN_METHODS } from '../../signals/collateral/margin.ts';
import { defineManifest } from '../manifest.ts';

export const collateralConfigSchema = z.strictObject({
  method: z
    .enum(MARGIN_METHODS)
    .default('regt')
    .describe(
      'regt: Reg T initial + FINRA 4210(c) maintenance; stress: worst loss over ±15% in 10 points per symbol',
    ),
  baseCurrency: z
    .string()
    .regex(/^[A-Z0-9]{2,10}$/)
    .default('USD')
    .describe(
      'Only instruments quoted in this currency are margined (others stay in cash at their last valuation)',
    ),
  startingCash: z
    .number()
    .finite()
    .default(100_000)
    .describe("An account's cash before its first portfolio.update (the portfolio engine's startingCapital)"),
  publishEveryMs: z
    .number()
    .int()
    .nonnegative()
    .default(1_000)
    .describe(
      'At most one collateral.margin.<account> per this many ms of event time on price ticks (0: every tick); fills and calls publish at once',
    ),
});

export type CollateralConfig = z.output<typeof collateralConfigSchema>;

export const collateralManifest = defineManifest({
  name: 'collateral',
  title: 'Collateral',
  description:
    'Margin per account (Reg T / FINRA 4210 or ±15% stress), margin calls, pre-trade projected margin.',
  defaultPort: 9000,
  // Beyond the table: positions come from position.change (the portfolio engine's fills).
  subscribes: [
    topics.pattern('portfolio'),
    topics.pattern('position.change'),
    topics.pattern('market_data'),
    topics.pattern('risk'),
    topics.pattern('strategy'),
  ],
  publishes: [topics.pattern('collateral.margin'), topics.pattern('margin.alert')],
  configSchema: collateralConfigSchema,
  implemented: true,
});
