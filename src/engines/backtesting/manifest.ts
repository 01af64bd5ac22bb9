import { z } from 'zod';
import { topics } from '../../domain/topics.ts';
import { defineManifest } from '../manifest.ts';

export const backtestingConfigSchema = z.strictObject({
  workers: z
    .number()
    .int()
    .nonnegative()
    .default(0)
    .describe('Worker threads for backtests and sweeps (0: one per core, os.availableParallelism())'),
  maxQueued: z
    .number()
    .int()
    .positive()
    .default(100)
    .describe('Backtests waiting for a worker at most; POST /backtests is refused beyond it'),
  dataRoot: z
    .string()
    .min(1)
    .default('.')
    .describe(
      'Directory that data file paths of POST /backtests resolve inside; paths escaping it are refused',
    ),
});

export type BacktestingConfig = z.output<typeof backtestingConfigSchema>;

export const backtestingManifest = defineManifest({
  name: 'backtesting',
  title: 'Backtesting',
  description:
    'Runs backtests, parameter sweeps and walk-forward optimisations of the same engines on worker threads, each in its own in-process kernel on a deterministic test clock. Results are kept in memory until the SQL store arrives.',
  defaultPort: 8110,
  // Runs its own in-process kernel, so it subscribes to nothing on the shared bus.
  subscribes: [],
  publishes: [topics.pattern('backtest')],
  configSchema: backtestingConfigSchema,
  usesStore: true,
  implemented: true,
});
