import { describe, expect, it } from 'vitest';
import { NautilusError } from '../../core/errors.ts';
import { divRound, pow10 } from './rounding.ts';

describe('divRound', () => {
  it('is exact when the divisor divides', () => {
    expect(divRound(10n, 5n, 'floor')).toBe(2n);
    expect(divRound(-10n, 5n, 'ceil')).toBe(-2n);
  });

  it('rounds ties per mode, symmetric for negatives', () => {
    const cases: Array<[bigint, string, bigint]> = [
      [25n, 'half-even', 2n],
      [35n, 'half-even', 4n],
      [-25n, 'half-even', -2n],
      [-35n, 'half-even', -4n],
      [25n, 'half-up', 3n],
      [-25n, 'half-up', -3n],
      [25n, 'floor', 2n],
      [-25n, 'floor', -3n],
      [25n, 'ceil', 3n],
      [-25n, 'ceil', -2n],
      [25n, 'trunc', 2n],
      [-25n, 'trunc', -2n],
    ];
    for (const [n, mode, want] of cases) {
      expect(divRound(n, 10n, mode as 'half-even'), `${n} ${mode}`).toBe(want);
    }
  });

  it('rounds non-ties to the nearest', () => {
    expect(divRound(26n, 10n, 'half-even')).toBe(3n);
    expect(divRound(24n, 10n, 'half-up')).toBe(2n);
    expect(divRound(-26n, 10n, 'half-even')).toBe(-3n);
  });

  it('handles negative divisors', () => {
    expect(divRound(25n, -10n, 'floor')).toBe(-3n);
    expect(divRound(7n, -2n, 'half-even')).toBe(-4n);
  });

  it('throws on zero divisor', () => {
    expect(() => divRound(1n, 0n)).toThrow(NautilusError);
    expect(() => divRound(1n, 0n)).toThrow('division by zero');
  });

  it('pow10', () => {
    expect(pow10(0)).toBe(1n);
    expect(pow10(3)).toBe(1000n);
    expect(() => pow10(-1)).toThrow('bad power of ten');
  });
});
