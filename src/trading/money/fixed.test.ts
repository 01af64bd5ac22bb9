import { describe, expect, it } from 'vitest';
import { NautilusError } from '../../core/errors.ts';
import { Fixed, fx, maxFixed, minFixed } from './fixed.ts';

describe('Fixed.parse / toString', () => {
  it('round-trips plain decimals and keeps the scale', () => {
    expect(fx('101.25').units).toBe(10125n);
    expect(fx('101.25').scale).toBe(2);
    expect(fx('-0.5').toString()).toBe('-0.5');
    expect(fx('1.50').toString()).toBe('1.50');
    expect(fx('42').scale).toBe(0);
    expect(fx('0.00001').toString()).toBe('0.00001');
    expect(fx('-0.000').toString()).toBe('0.000');
    expect(fx('123456789012345678901234567890.123').toString()).toBe('123456789012345678901234567890.123');
  });

  it('rejects exponent notation and sloppy forms', () => {
    for (const bad of ['1e-3', '+1', '.5', '5.', ' 1', '1,000', '', 'NaN', '--1', '0x10']) {
      expect(() => fx(bad), bad).toThrow(NautilusError);
    }
    expect(() => fx('1e-3')).toThrow('not a decimal string: "1e-3"');
  });

  it('of accepts bigint and Fixed', () => {
    expect(Fixed.of(7n).toString()).toBe('7');
    const a = fx('1.1');
    expect(Fixed.of(a)).toBe(a);
    expect(JSON.stringify({ a })).toBe('{"a":"1.1"}');
  });
});

describe('arithmetic', () => {
  it('adds and subtracts at the larger scale, exactly', () => {
    expect(fx('0.1').add(fx('0.2')).toString()).toBe('0.3');
    expect(fx('1.005').sub(fx('0.5')).toString()).toBe('0.505');
    expect(fx('-1').add(fx('0.25')).toString()).toBe('-0.75');
  });

  it('multiplies exactly by default and rounds when a scale is given', () => {
    expect(fx('1.25').mul(fx('0.3')).toString()).toBe('0.375');
    expect(fx('1.25').mul(fx('0.3'), 2).toString()).toBe('0.38');
    expect(fx('1.25').mul(fx('0.3'), 2, 'floor').toString()).toBe('0.37');
    expect(fx('1.25').mul(fx('0.3'), 2, 'half-up').toString()).toBe('0.38');
    expect(fx('-1.25').mul(fx('0.3'), 2, 'ceil').toString()).toBe('-0.37');
    expect(fx('0.125').mul(fx('1'), 2).toString()).toBe('0.12');
    expect(fx('2').mul(fx('3'), 4).toString()).toBe('6.0000');
  });

  it('divides at an explicit scale with rounding', () => {
    expect(fx('1').div(fx('3'), 4).toString()).toBe('0.3333');
    expect(fx('2').div(fx('3'), 4).toString()).toBe('0.6667');
    expect(fx('2').div(fx('3'), 4, 'floor').toString()).toBe('0.6666');
    expect(fx('-2').div(fx('3'), 4, 'floor').toString()).toBe('-0.6667');
    expect(fx('10.5').div(fx('0.25'), 0).toString()).toBe('42');
    expect(fx('0.5').div(fx('2'), 0).toString()).toBe('0');
    expect(fx('1.5').div(fx('2'), 0, 'half-up').toString()).toBe('1');
    expect(fx('100').div(fx('0.001'), 2).toString()).toBe('100000.00');
    expect(() => fx('1').div(fx('0.00'), 2)).toThrow('division by zero');
  });

  it('rescales', () => {
    expect(fx('1.2345').rescale(2).toString()).toBe('1.23');
    expect(fx('1.235').rescale(2).toString()).toBe('1.24');
    expect(fx('1.245').rescale(2).toString()).toBe('1.24');
    expect(fx('1.245').rescale(2, 'half-up').toString()).toBe('1.25');
    expect(fx('1.2').rescale(4).toString()).toBe('1.2000');
    expect(fx('1.20').fitsScale(1)).toBe(true);
    expect(fx('1.25').fitsScale(1)).toBe(false);
    expect(() => fx('1').rescale(31)).toThrow('scale must be an integer');
  });

  it('rounds to a step', () => {
    expect(fx('4500.13').roundToStep(fx('0.25')).toString()).toBe('4500.25');
    expect(fx('4500.125').roundToStep(fx('0.25')).toString()).toBe('4500.00');
    expect(fx('4500.375').roundToStep(fx('0.25')).toString()).toBe('4500.50');
    expect(fx('7').roundToStep(fx('5'), 'floor').toString()).toBe('5');
    expect(fx('1.00').isMultipleOf(fx('0.25'))).toBe(true);
    expect(fx('1.1').isMultipleOf(fx('0.25'))).toBe(false);
    expect(() => fx('1').roundToStep(fx('0'))).toThrow('step must be positive');
  });
});

describe('comparison and sign', () => {
  it('compares across scales', () => {
    expect(fx('1.5').eq(fx('1.50'))).toBe(true);
    expect(fx('1.5').cmp(fx('1.49'))).toBe(1);
    expect(fx('-2').cmp(fx('1'))).toBe(-1);
    expect(fx('1').lt(fx('1.0001'))).toBe(true);
    expect(fx('1').lte(fx('1.000'))).toBe(true);
    expect(fx('2').gt(fx('1.999'))).toBe(true);
    expect(fx('2').gte(fx('2.001'))).toBe(false);
  });

  it('negates, abs, zero, min/max', () => {
    expect(fx('1.5').neg().toString()).toBe('-1.5');
    expect(fx('-1.5').abs().toString()).toBe('1.5');
    expect(fx('0.000').isZero()).toBe(true);
    expect(fx('-0.1').sign()).toBe(-1);
    expect(fx('0.1').isPositive()).toBe(true);
    expect(fx('-0.1').isNegative()).toBe(true);
    expect(minFixed(fx('1.1'), fx('1.09')).toString()).toBe('1.09');
    expect(maxFixed(fx('-1'), fx('-2')).toString()).toBe('-1');
    expect(fx('0.1').toNumber()).toBe(0.1);
  });
});

describe('Fixed.toNumber', () => {
  it('equals parsing the decimal text, for random units at every scale', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    for (let i = 0; i < 20_000; i++) {
      const digits = 1 + Math.floor(random() * 17);
      const units = BigInt(Math.floor(random() * 10 ** digits)) * (random() < 0.5 ? -1n : 1n);
      const value = Fixed.fromUnits(units, Math.floor(random() * 25));
      expect(value.toNumber(), value.toString()).toBe(Number(value.toString()));
    }
  });
});
