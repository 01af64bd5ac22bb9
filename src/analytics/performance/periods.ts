/** Annualisation conventions of empyrical: trading periods per year. */

export type Period = 'daily' | 'weekly' | 'monthly';

export const ANNUALIZATION_FACTORS: Readonly<Record<Period, number>> = {
  daily: 252,
  weekly: 52,
  monthly: 12,
};

export interface PeriodOptions {
  /** Frequency of the returns; default 'daily' (252 per year). */
  period?: Period;
  /** Overrides `period` with an explicit number of periods per year. */
  annualization?: number;
}

export function annualizationFactor(options: PeriodOptions = {}): number {
  if (options.annualization !== undefined) {
    if (!(options.annualization > 0)) {
      throw new RangeError(`annualization must be > 0, got ${options.annualization}`);
    }
    return options.annualization;
  }
  const period = options.period ?? 'daily';
  const factor = ANNUALIZATION_FACTORS[period];
  if (factor === undefined)
    throw new RangeError(`period must be daily, weekly or monthly, got ${String(period)}`);
  return factor;
}
