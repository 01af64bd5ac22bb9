import { invalid } from '../errors.ts';

/**
 * How an inexact result is brought onto the target grid.
 * - half-even: ties to the even neighbour (banker's rounding; the default everywhere)
 * - half-up: ties away from zero (the schoolbook rule, symmetric for negatives)
 * - floor: towards -infinity; ceil: towards +infinity; trunc: towards zero
 */
export type RoundingMode = 'half-even' | 'half-up' | 'floor' | 'ceil' | 'trunc';

export const ROUNDING_MODES: readonly RoundingMode[] = ['half-even', 'half-up', 'floor', 'ceil', 'trunc'];

/** Integer division n / d rounded with `mode`. Exact when d divides n. */
export function divRound(n: bigint, d: bigint, mode: RoundingMode = 'half-even'): bigint {
  if (d === 0n) throw invalid('division by zero');
  let num = n;
  let den = d;
  if (den < 0n) {
    num = -num;
    den = -den;
  }
  const q = num / den;
  const r = num % den;
  if (r === 0n) return q;
  const negative = num < 0n;
  const away = negative ? q - 1n : q + 1n;
  switch (mode) {
    case 'trunc':
      return q;
    case 'floor':
      return negative ? away : q;
    case 'ceil':
      return negative ? q : away;
    case 'half-up':
    case 'half-even': {
      const twice = 2n * (r < 0n ? -r : r);
      if (twice > den) return away;
      if (twice < den) return q;
      if (mode === 'half-up') return away;
      return q % 2n === 0n ? q : away;
    }
    default:
      throw invalid(`unknown rounding mode: ${String(mode)}`);
  }
}

/** 10^0 .. 10^64: every scale Fixed uses, so the hot paths never exponentiate. */
const POWERS: readonly bigint[] = Array.from({ length: 65 }, (_, k) => 10n ** BigInt(k));

export function pow10(exponent: number): bigint {
  const cached = POWERS[exponent];
  if (cached !== undefined) return cached;
  if (!Number.isInteger(exponent) || exponent < 0) throw invalid(`bad power of ten: ${exponent}`);
  return 10n ** BigInt(exponent);
}
