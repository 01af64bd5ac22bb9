import { describe, expect, it } from 'vitest';
import { annualizationFactor } from './periods.ts';

describe('annualizationFactor', () => {
  it('maps daily/weekly/monthly to 252/52/12 and defaults to daily', () => {
    expect(annualizationFactor()).toBe(252);
    expect(annualizationFactor({ period: 'weekly' })).toBe(52);
    expect(annualizationFactor({ period: 'monthly' })).toBe(12);
    expect(annualizationFactor({ period: 'weekly', annualization: 365 })).toBe(365);
  });

  it('rejects a non-positive override and an unknown period', () => {
    expect(() => annualizationFactor({ annualization: 0 })).toThrow(/annualization/);
    expect(() => annualizationFactor({ period: 'hourly' as never })).toThrow(RangeError);
  });
});
