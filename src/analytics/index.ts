/** Pure float64 analytics: performance (empyrical conventions), trades, risk (VaR/ES), optimisation. */

export {
  correlationDistance,
  type HrpOptions,
  hierarchicalRiskParity,
  hrpWeights,
} from './optimisation/hrp.ts';
export {
  type InputsFromPrices,
  inputsFromPrices,
  type PriceCell,
} from './optimisation/inputs-from-prices.ts';
export { maximumSharpe } from './optimisation/max-sharpe.ts';
export { minimumVariance } from './optimisation/min-variance.ts';
export { type RiskParityOptions, riskContributions, riskParity } from './optimisation/risk-parity.ts';
export { type Merge, quasiDiagonalOrder, singleLinkage } from './optimisation/single-linkage.ts';
export type { OptimisationInputs, OptimisationOptions, PortfolioResult } from './optimisation/types.ts';
export { type AlphaBeta, alphaBeta, beta } from './performance/alpha-beta.ts';
export { drawdownSeries, maxDrawdown } from './performance/drawdown.ts';
export {
  ANNUALIZATION_FACTORS,
  annualizationFactor,
  type Period,
  type PeriodOptions,
} from './performance/periods.ts';
export {
  calmarRatio,
  downsideRisk,
  excessReturns,
  omegaRatio,
  type Rate,
  sharpeRatio,
  sortinoRatio,
} from './performance/ratios.ts';
export { annualReturn, annualVolatility, cumReturns, cumReturnsFinal } from './performance/returns.ts';
export { rolling, rolling2, rollingBeta, rollingSharpe, rollingVolatility } from './performance/rolling.ts';
export { stability } from './performance/stability.ts';
export { conditionalValueAtRisk, tailRatio, valueAtRisk } from './performance/tail.ts';
export {
  type HistoricalVarOptions,
  type HorizonScaling,
  historicalVar,
  overlappingReturns,
} from './risk/historical-var.ts';
export { covarianceFactor, type MonteCarloVarOptions, monteCarloVar } from './risk/monte-carlo-var.ts';
export { parametricVar, parametricVarFromMoments } from './risk/parametric-var.ts';
export type { VarMethod, VarOptions, VarResult } from './risk/types.ts';
export { covarianceMatrix, meanVector, portfolioReturns } from './shared/matrix-stats.ts';
export { normCdf, normInv, normPdf } from './shared/normal.ts';
export { createPrng, mulberry32, type Prng } from './shared/prng.ts';
export { percentile } from './shared/stats.ts';
export { type RoundTrip, type TradeStats, tradeStats } from './trades/trade-stats.ts';
