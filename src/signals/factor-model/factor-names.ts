/** Names of the model's factors, in output order: market, one per sector, then the styles. */
import { type DateEstimate, STYLE_FACTORS } from './estimate.ts';

export const MARKET_FACTOR = 'market';

/** `sector:<name>`, so a sector called e.g. "size" cannot collide with a style. */
export const sectorFactor = (sector: string) => `sector:${sector}`;

export function factorNames(sectorNames: readonly string[]): string[] {
  return [MARKET_FACTOR, ...sectorNames.map(sectorFactor), ...STYLE_FACTORS];
}

/** The estimate's factor returns in `factorNames` order (NaN where a factor was not estimable). */
export function factorReturnsOf(estimate: DateEstimate): number[] {
  return [estimate.market, ...estimate.sectors, ...estimate.styles];
}
