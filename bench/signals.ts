import { runPhases } from './lib/run-phases.ts';
import { runCollateralPhase } from './lib/signals-collateral-phase.ts';
import { runFactorModelPhase } from './lib/signals-factor-model-phase.ts';
import { runFeaturesPhase } from './lib/signals-features-phase.ts';
import { runMlPhase } from './lib/signals-ml-phase.ts';
import { runVpinPhase } from './lib/signals-vpin-phase.ts';

/**
 * `npm run bench -- signals [--quick]`: the signal engines' hot paths (VPIN, features, the factor
 * model, re-margining, online ML), each beside a baseline measured in the same run.
 */
export async function main(args: string[]): Promise<void> {
  await runPhases(
    [
      ['vpin', runVpinPhase],
      ['features', runFeaturesPhase],
      ['factor model', runFactorModelPhase],
      ['collateral', runCollateralPhase],
      ['ml', runMlPhase],
    ],
    args,
  );
}
