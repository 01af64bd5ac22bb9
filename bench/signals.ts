import { availableParallelism, loadavg } from 'node:os';
import { formatTable, progress, type Row } from './lib/report.ts';
import { runCollateralPhase } from './lib/signals-collateral-phase.ts';
import { runFactorModelPhase } from './lib/signals-factor-model-phase.ts';
import { runFeaturesPhase } from './lib/signals-features-phase.ts';
import { runMlPhase } from './lib/signals-ml-phase.ts';
import { runVpinPhase } from './lib/signals-vpin-phase.ts';

type Phase = (quick: boolean) => Promise<{ rows: Row[]; json: Record<string, number> }>;

const PHASES: ReadonlyArray<readonly [string, Phase]> = [
  ['vpin', runVpinPhase],
  ['features', runFeaturesPhase],
  ['factor model', runFactorModelPhase],
  ['collateral', runCollateralPhase],
  ['ml', runMlPhase],
];

/**
 * `npm run bench -- signals [--quick]`: the signal engines' hot paths (VPIN, features, the factor
 * model, re-margining, online ML), each beside a baseline measured in the same run.
 */
export async function main(args: string[]): Promise<void> {
  const quick = args.includes('--quick');
  const loadBefore = loadavg()[0]!;
  const rows: Row[] = [];
  const figures: Record<string, number> = {};
  for (const [name, run] of PHASES) {
    progress(`${name}`);
    const result = await run(quick);
    rows.push(...result.rows);
    Object.assign(figures, result.json);
  }
  const loadAfter = loadavg()[0]!;
  rows.push({
    metric: `machine: ${availableParallelism()} cores, load avg 1 min`,
    value: `${loadBefore.toFixed(2)} -> ${loadAfter.toFixed(2)}`,
  });
  console.log(formatTable(rows));
  console.log(
    JSON.stringify({
      ...figures,
      quick,
      cores: availableParallelism(),
      load_avg_1m: [Number(loadBefore.toFixed(2)), Number(loadAfter.toFixed(2))],
    }),
  );
}
