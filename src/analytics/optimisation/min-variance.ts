/** Long-only, fully invested minimum-variance portfolio. */
import { solveSimplexQp } from './active-set-qp.ts';
import {
  checkInputs,
  type OptimisationInputs,
  type OptimisationOptions,
  type PortfolioResult,
  summarise,
} from './types.ts';

/** Minimises w'Sw subject to sum(w) = 1 and w >= 0 (exact active-set solution). */
export function minimumVariance(
  inputs: OptimisationInputs,
  options: OptimisationOptions = {},
): PortfolioResult {
  const n = checkInputs(inputs);
  const w = solveSimplexQp(inputs.covariance, new Array<number>(n).fill(1), new Array<number>(n).fill(1 / n));
  return summarise(inputs, w, options);
}
