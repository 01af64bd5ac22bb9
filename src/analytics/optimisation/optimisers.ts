import { hierarchicalRiskParity } from './hrp.ts';
import { maximumSharpe } from './max-sharpe.ts';
import { minimumVariance } from './min-variance.ts';
import { riskParity } from './risk-parity.ts';
import type { OptimisationInputs, OptimisationOptions, PortfolioResult } from './types.ts';

export const OPTIMISATION_METHODS = ['hrp', 'min-variance', 'max-sharpe', 'risk-parity'] as const;
export type OptimisationMethod = (typeof OPTIMISATION_METHODS)[number];

/** Every long-only optimiser by its CLI/config name (one table for the CLI and the portfolio engine). */
export const OPTIMISERS: Record<
  OptimisationMethod,
  (inputs: OptimisationInputs, options: OptimisationOptions) => PortfolioResult
> = {
  hrp: hierarchicalRiskParity,
  'min-variance': minimumVariance,
  'max-sharpe': maximumSharpe,
  'risk-parity': riskParity,
};
