import { describe, expect, it } from 'vitest';
import { fx } from '../../trading/money/fixed.ts';
import {
  initialRequirement,
  type MarginPosition,
  maintenanceRequirement,
  shortRequirement,
} from './rules.ts';

const pos = (quantity: string, price: string, extra: Partial<MarginPosition> = {}): MarginPosition => ({
  symbol: 'X',
  quantity: fx(quantity),
  price: fx(price),
  ...extra,
});

describe('Reg T initial and FINRA 4210(c) maintenance', () => {
  it('long: 25% maintenance, 50% initial', () => {
    // 100 × 50 = 5000; 0.25 × 5000 = 1250; 0.5 × 5000 = 2500
    expect(maintenanceRequirement(pos('100', '50')).eq(fx('1250'))).toBe(true);
    expect(initialRequirement(pos('100', '50')).eq(fx('2500'))).toBe(true);
  });

  it('short at $5 and above: greater of $5/share and 30% (4210(c)(2)(B))', () => {
    // 1000 × 50 = 50000: 30% = 15000 > $5 × 1000 = 5000
    expect(shortRequirement(fx('1000'), fx('50')).eq(fx('15000'))).toBe(true);
    // 10000 × 5 = 50000: 30% = 15000 < $5 × 10000 = 50000 (price exactly $5 is in this branch)
    expect(shortRequirement(fx('10000'), fx('5')).eq(fx('50000'))).toBe(true);
    // 100 × 10 = 1000: 30% = 300 < $5 × 100 = 500
    expect(maintenanceRequirement(pos('-100', '10')).eq(fx('500'))).toBe(true);
    // Initial on a short: 150% deposited incl. 100% proceeds -> 50% of 1000 = 500 of equity
    expect(initialRequirement(pos('-100', '10')).eq(fx('500'))).toBe(true);
  });

  it('short under $5: greater of $2.50/share and 100% (4210(c)(2)(A))', () => {
    // 10000 × 4.50 = 45000 (100%) > $2.50 × 10000 = 25000
    expect(shortRequirement(fx('10000'), fx('4.50')).eq(fx('45000'))).toBe(true);
    // 50000 × 1.00 = 50000 < $2.50 × 50000 = 125000
    expect(maintenanceRequirement(pos('-50000', '1.00')).eq(fx('125000'))).toBe(true);
    // just under $5: 4.99 × 100 = 499 (100%) > 250; continuous with the $5 branch (500 at $5)
    expect(shortRequirement(fx('100'), fx('4.99')).eq(fx('499'))).toBe(true);
  });

  it('rate rule: house fractions of |notional| with a multiplier', () => {
    const rule = { kind: 'rate' as const, initial: fx('0.06'), maintenance: fx('0.05') };
    // 2 × 5000 × 50 = 500000: 5% = 25000, 6% = 30000; a short the same on |notional|
    expect(maintenanceRequirement(pos('2', '5000', { multiplier: fx('50'), rule })).eq(fx('25000'))).toBe(
      true,
    );
    expect(initialRequirement(pos('-2', '5000', { multiplier: fx('50'), rule })).eq(fx('30000'))).toBe(true);
  });
});
