import { runMonitoringPhase } from './lib/monitoring-phase.ts';
import { runPhases } from './lib/run-phases.ts';
import { runStorePhase } from './lib/store-phase.ts';

/**
 * `npm run bench -- store [--quick]`: the market-data writer into PGlite and PostgreSQL beside one
 * INSERT per row, and reading every engine's /metrics beside process metrics alone.
 */
export async function main(args: string[]): Promise<void> {
  await runPhases(
    [
      ['store', runStorePhase],
      ['monitoring', runMonitoringPhase],
    ],
    args,
  );
}
