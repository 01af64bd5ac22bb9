import { z } from 'zod';
import { topics } from '../../domain/topics.ts';
import { defineManifest } from '../manifest.ts';

export const marketdataConfigSchema = z.strictObject({
  seed: z
    .number()
    .int()
    .default(1)
    .describe('Seed of the embedded synthetic market: the same seed replays the same tape'),
  tickMs: z
    .number()
    .positive()
    .default(50)
    .describe('How often due synthetic events are published, in ms of clock time'),
  symbols: z
    .array(z.string().min(1))
    .min(1)
    .optional()
    .describe('Restrict the synthetic market to these symbols (default: every built-in instrument)'),
  rateScale: z
    .number()
    .positive()
    .default(1)
    .describe('Multiplies every instrument trade rate of the synthetic market, e.g. 0.1 for a quiet feed'),
});

export type MarketdataConfig = z.output<typeof marketdataConfigSchema>;

export const marketdataManifest = defineManifest({
  name: 'marketdata',
  title: 'Market-data hub',
  description:
    'The only component that talks to external data APIs; publishes market data for every other engine.',
  defaultPort: 8800,
  // Its inputs are external sources, not the bus.
  subscribes: [],
  publishes: [topics.pattern('market_data'), topics.pattern('price.update'), topics.pattern('volume.update')],
  configSchema: marketdataConfigSchema,
  implemented: true,
});
