import { topics } from '../../domain/topics.ts';
import { defineManifest, noOptions } from '../manifest.ts';

export const backtestingManifest = defineManifest({
  name: 'backtesting',
  title: 'Backtesting',
  description:
    'Runs backtests of the same engines in its own in-process kernel on a deterministic test clock.',
  defaultPort: 8110,
  // Runs its own in-process kernel, so it subscribes to nothing on the shared bus.
  subscribes: [],
  publishes: [topics.pattern('backtest')],
  configSchema: noOptions,
  implemented: false,
  pending: 'the backtest runner: issue 4',
});
