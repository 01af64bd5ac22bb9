import { describe, expect, it } from 'vitest';
import { fx } from './fixed.ts';
import { fixedFromNumber, makePrice, makeQuantity, priceFromFloat, quantityFromFloat } from './price.ts';

const s = (x: { toString(): string }) => x.toString();

describe('fixedFromNumber', () => {
  it('reads the shortest decimal of a float, exponents included', () => {
    expect(s(fixedFromNumber(0.1))).toBe('0.1');
    expect(s(fixedFromNumber(0.1 + 0.2))).toBe('0.30000000000000004');
    expect(s(fixedFromNumber(1e-7))).toBe('0.0000001');
    expect(s(fixedFromNumber(-2.5e-8))).toBe('-0.000000025');
    expect(s(fixedFromNumber(1.5e21))).toBe('1500000000000000000000');
    expect(s(fixedFromNumber(-0))).toBe('0');
    expect(() => fixedFromNumber(Number.NaN)).toThrow('not a finite number');
    expect(() => fixedFromNumber(Number.POSITIVE_INFINITY)).toThrow('not a finite number');
    expect(() => fixedFromNumber(5e-324)).toThrow('scale must be');
  });
});

describe('priceFromFloat: classic float traps', () => {
  const cent = fx('0.01');
  it('0.1 + 0.2 lands on 0.30', () => {
    expect(s(priceFromFloat(0.1 + 0.2, cent))).toBe('0.30');
  });
  it('1.1 * 3 = 3.3000000000000003 lands on 3.30', () => {
    expect(s(priceFromFloat(1.1 * 3, cent))).toBe('3.30');
  });
  it('0.57 * 100 = 56.99999999999999 lands on 57 with tick 1', () => {
    expect(s(priceFromFloat(0.57 * 100, fx('1')))).toBe('57');
  });
  it('4.35 * 100 = 434.99999999999994 lands on 435', () => {
    expect(s(priceFromFloat(4.35 * 100, fx('1')))).toBe('435');
  });
  it('1.005 (binary 1.00499999...) is treated as the decimal tie 1.005', () => {
    expect(s(priceFromFloat(1.005, cent))).toBe('1.00');
    expect(s(priceFromFloat(1.005, cent, 'half-up'))).toBe('1.01');
    expect(s(priceFromFloat(1.015, cent))).toBe('1.02');
  });
  it('snaps to non-decimal ticks', () => {
    expect(s(priceFromFloat(4500.13, fx('0.25')))).toBe('4500.25');
    expect(s(priceFromFloat(4500.12, fx('0.25')))).toBe('4500.00');
    expect(s(priceFromFloat(4500.125, fx('0.25')))).toBe('4500.00');
    expect(s(priceFromFloat(4500.375, fx('0.25')))).toBe('4500.50');
    expect(s(priceFromFloat(1.085025, fx('0.00005')))).toBe('1.08500');
    expect(s(priceFromFloat(1.085076, fx('0.00005')))).toBe('1.08510');
  });
  it('FX and JPY grids', () => {
    expect(s(priceFromFloat(0.7 + 0.1, fx('0.00001')))).toBe('0.80000');
    expect(s(priceFromFloat(1.2 * 3, fx('0.00001')))).toBe('3.60000');
    expect(s(priceFromFloat(1.08452 + 0.00001, fx('0.00001')))).toBe('1.08453');
    expect(s(priceFromFloat(91.715, fx('0.001')))).toBe('91.715');
    expect(s(priceFromFloat(155.6049999, fx('0.001')))).toBe('155.605');
  });
  it('negative prices (spreads) round symmetrically', () => {
    expect(s(priceFromFloat(-0.125, cent))).toBe('-0.12');
    expect(s(priceFromFloat(-0.125, cent, 'half-up'))).toBe('-0.13');
    expect(s(priceFromFloat(-0.125, cent, 'floor'))).toBe('-0.13');
  });
  it('big and tiny magnitudes', () => {
    expect(s(priceFromFloat(43210.987654, cent))).toBe('43210.99');
    expect(s(priceFromFloat(1e-7, cent))).toBe('0.00');
  });
});

describe('quantities and prices', () => {
  it('quantityFromFloat uses the lot grid', () => {
    expect(s(quantityFromFloat(0.1 + 0.2, fx('0.001')))).toBe('0.300');
    expect(s(quantityFromFloat(1234.5, fx('1000')))).toBe('1000');
    expect(s(quantityFromFloat(0.0019, fx('0.001'), 'floor'))).toBe('0.001');
    expect(() => quantityFromFloat(-1, fx('1'))).toThrow('must not be negative');
  });
  it('makePrice / makeQuantity are exact', () => {
    expect(s(makePrice('101.2', 2))).toBe('101.20');
    expect(() => makePrice('101.255', 2)).toThrow('more than 2 decimals');
    expect(s(makeQuantity(fx('5'), 3))).toBe('5.000');
    expect(() => makeQuantity('-1', 0)).toThrow('must not be negative');
    expect(() => makeQuantity('0.0001', 3)).toThrow('more than 3 decimals');
  });
});

describe('floatToStep: the float fast path agrees with decimal arithmetic', () => {
  const modes = ['half-even', 'half-up', 'floor', 'ceil', 'trunc'] as const;
  const steps = ['0.001', '0.00001', '0.25', '0.01', '5', '0.0000001'].map((s) => fx(s));
  // A fixed LCG: the same 40,000 cases every run, biased towards ties and exact multiples.
  let seed = 12345;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };

  it.each(modes)('%s on random prices, exact multiples and ties', (mode) => {
    for (let i = 0; i < 8_000; i++) {
      const step = steps[i % steps.length]!;
      const base = (random() - 0.3) * 10 ** Math.floor(random() * 6);
      const kind = i % 3;
      const ticks = Math.round(base / step.toNumber());
      const x =
        kind === 0
          ? base
          : kind === 1
            ? Number((ticks * step.toNumber()).toPrecision(15))
            : Number(((ticks + 0.5) * step.toNumber()).toPrecision(15));
      const expected = fixedFromNumber(x).roundToStep(step, mode).rescale(step.scale);
      expect(priceFromFloat(x, step, mode).toString(), `${x} on ${step.toString()}`).toBe(
        expected.toString(),
      );
    }
  });
});
