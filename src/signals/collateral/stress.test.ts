import { describe, expect, it } from 'vitest';
import { fx } from '../../trading/money/fixed.ts';
import type { MarginPosition } from './rules.ts';
import { EQUITY_STRESS, groupStress, stressGroups, stressMoves } from './stress.ts';

const pos = (symbol: string, quantity: string, price: string): MarginPosition => ({
  symbol,
  quantity: fx(quantity),
  price: fx(price),
});
const str = (values: { toString(): string }[]) => values.map(String);

describe('portfolio-margin stress', () => {
  it('uses 10 equidistant moves within ±15%, zero left out (TIMS equities)', () => {
    expect(str(stressMoves(EQUITY_STRESS))).toEqual([
      '-0.15',
      '-0.12',
      '-0.09',
      '-0.06',
      '-0.03',
      '0.03',
      '0.06',
      '0.09',
      '0.12',
      '0.15',
    ]);
    expect(str(stressMoves({ ...EQUITY_STRESS, points: 6, range: fx('0.06') }))).toEqual([
      '-0.06',
      '-0.04',
      '-0.02',
      '0.02',
      '0.04',
      '0.06',
    ]);
    expect(() => stressMoves({ ...EQUITY_STRESS, points: 7 })).toThrow('even integer');
    expect(() => stressMoves({ ...EQUITY_STRESS, points: 6, range: fx('0.1') })).toThrow('exact decimal');
  });

  it('worst loss per group, with the $0.375/share minimum capped at a long value', () => {
    // long 100 @ 50 = 5000: worst at -15% -> 750; minimum 0.375 × 100 = 37.5
    const long = groupStress('A', [pos('A', '100', '50')], EQUITY_STRESS);
    expect([String(long.worstMove), long.worstLoss.eq(fx('750')), long.requirement.eq(fx('750'))]).toEqual([
      '-0.15',
      true,
      true,
    ]);
    // short 200 @ 10 = -2000: worst at +15% -> 300; minimum 75
    const short = groupStress('B', [pos('B', '-200', '10')], EQUITY_STRESS);
    expect([String(short.worstMove), short.requirement.eq(fx('300'))]).toEqual(['0.15', true]);
    // long 1000 @ 2 = 2000: loss 300 < minimum min(375, 2000) = 375
    expect(groupStress('C', [pos('C', '1000', '2')], EQUITY_STRESS).requirement.eq(fx('375'))).toBe(true);
    // long 1000 @ 0.30 = 300: loss 45; minimum capped at the value, min(375, 300) = 300
    expect(groupStress('D', [pos('D', '1000', '0.30')], EQUITY_STRESS).requirement.eq(fx('300'))).toBe(true);
  });

  it('nets lots of one symbol, and sums groups without offsets', () => {
    // +100 and -60 at 50: net value 2000 -> loss 300; minimum 0.375 × 160 = 60
    const groups = stressGroups([pos('A', '100', '50'), pos('B', '-200', '10'), pos('A', '-60', '50')]);
    expect(groups.map((g) => [g.group, String(g.netQuantity), g.requirement.toNumber()])).toEqual([
      ['A', '40', 300],
      ['B', '-200', 300],
    ]);
  });
});
