import { z } from 'zod';
import { topics } from '../../domain/topics.ts';
import { defineManifest } from '../manifest.ts';

export const factorConfigSchema = z.strictObject({
  barSpec: z
    .string()
    .regex(/^\d+(ns|us|ms|s|m|h|d|t|v)$/)
    .default('1m')
    .describe('Bars of this spec feed the factors; windows (21, 63, 252 ...) count these bars'),
  everyMs: z
    .number()
    .int()
    .positive()
    .default(60_000)
    .describe('Event time between evaluations; each publishes factor.calculation.<factor> per factor'),
  factors: z
    .array(z.string().min(1))
    .default([])
    .describe('Factor names to evaluate (empty: every factor of the library, see GET /factors)'),
  history: z
    .number()
    .int()
    .min(253)
    .default(260)
    .describe('Bars kept per instrument (12-1 momentum needs 253)'),
  periodsPerYear: z
    .number()
    .nonnegative()
    .default(0)
    .describe('Bars per year to annualise (0: 365 x 24 h over the bar interval, 252 for 1d)'),
  fundamentalSymbols: z
    .array(z.string().min(1))
    .default(['AAPL'])
    .describe('Symbols whose EDGAR company facts are fetched through the hub (US-listed equities)'),
  refreshMs: z
    .number()
    .int()
    .positive()
    .default(21_600_000)
    .describe('Event time between fetches of FRED series and EDGAR facts through the hub'),
  fetchTimeoutMs: z
    .number()
    .int()
    .positive()
    .default(10_000)
    .describe("Wait for the hub's fetch endpoint before a macro/fundamental input counts as unavailable"),
});

export type FactorConfig = z.output<typeof factorConfigSchema>;

export const factorManifest = defineManifest({
  name: 'factor',
  title: 'Factor',
  description: 'Evaluates the factor library per instrument on a schedule of event time.',
  defaultPort: 8300,
  subscribes: [topics.pattern('market_data'), topics.pattern('portfolio'), topics.pattern('strategy')],
  publishes: [topics.pattern('factor.calculation'), topics.pattern('factor.update')],
  configSchema: factorConfigSchema,
  implemented: true,
});
