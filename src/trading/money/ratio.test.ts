import { describe, expect, it } from 'vitest';
import { fx } from './fixed.ts';
import { Ratio } from './ratio.ts';

describe('Ratio', () => {
  it('reduces and normalises the sign', () => {
    expect(Ratio.of(6n, -4n).toString()).toBe('-3/2');
    expect(Ratio.of(0n, 5n).toString()).toBe('0');
    expect(Ratio.fromFixed(fx('0.25')).toString()).toBe('1/4');
    expect(() => Ratio.of(1n, 0n)).toThrow('zero denominator');
  });

  it('does exact arithmetic with Fixed operands', () => {
    // average of 100.00 x1 and 101.00 x2 = 302/3
    const avg = Ratio.fromFixed(fx('100.00')).add(fx('202.00')).div(fx('3'));
    expect(avg.toString()).toBe('302/3');
    expect(avg.toFixed(2).toString()).toBe('100.67');
    expect(avg.toFixed(4, 'floor').toString()).toBe('100.6666');
    expect(avg.mul(fx('3')).toString()).toBe('302');
    expect(avg.sub(fx('100')).toString()).toBe('2/3');
    expect(avg.fitsScale(10)).toBe(false);
    expect(Ratio.of(1n, 8n).fitsScale(3)).toBe(true);
    expect(Ratio.of(1n, 8n).fitsScale(2)).toBe(false);
  });

  it('compares and signs', () => {
    expect(Ratio.of(1n, 3n).cmp(Ratio.of(333n, 1000n))).toBe(1);
    expect(Ratio.of(-1n, 3n).sign()).toBe(-1);
    expect(Ratio.ZERO.isZero()).toBe(true);
    expect(Ratio.of(1n, 2n).neg().toString()).toBe('-1/2');
    expect(() => Ratio.of(1n).div(Ratio.ZERO)).toThrow('division by zero');
  });
});
