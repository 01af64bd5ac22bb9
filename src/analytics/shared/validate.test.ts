import { describe, expect, it } from 'vitest';
import { assertNonEmpty, assertPositiveInteger, assertProbability, assertSameLength } from './validate.ts';

describe('validate', () => {
  it('throws RangeErrors naming the argument', () => {
    expect(() => assertNonEmpty('returns', [])).toThrow(new RangeError('returns must not be empty'));
    expect(() => assertSameLength('a', [1], 'b', [])).toThrow(
      /a and b must have the same length \(got 1 and 0\)/,
    );
    expect(() => assertProbability('confidence', 1)).toThrow(/confidence must be in \(0, 1\)/);
    expect(() => assertProbability('confidence', Number.NaN)).toThrow(RangeError);
    expect(() => assertPositiveInteger('window', 2.5)).toThrow(/window/);
  });

  it('accepts valid values', () => {
    expect(() => assertProbability('confidence', 0.99)).not.toThrow();
    expect(() => assertSameLength('a', [1], 'b', [2])).not.toThrow();
  });
});
