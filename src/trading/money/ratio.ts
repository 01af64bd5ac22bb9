import { invalid } from '../errors.ts';
import { Fixed } from './fixed.ts';
import { divRound, pow10, type RoundingMode } from './rounding.ts';

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

/**
 * Exact rational number (num / den, den > 0, reduced). Used where an exact value need not be a
 * finite decimal, e.g. an average price of 100.00 x1 and 101.00 x2; rounded once, when booked.
 */
export class Ratio {
  readonly num: bigint;
  readonly den: bigint;

  private constructor(num: bigint, den: bigint) {
    this.num = num;
    this.den = den;
    Object.freeze(this);
  }

  static of(num: bigint, den = 1n): Ratio {
    if (den === 0n) throw invalid('ratio with zero denominator');
    const sign = den < 0n ? -1n : 1n;
    const g = gcd(num, den) || 1n;
    return new Ratio((sign * num) / g, (sign * den) / g);
  }

  static fromFixed(value: Fixed): Ratio {
    return Ratio.of(value.units, pow10(value.scale));
  }

  static readonly ZERO = Ratio.of(0n);

  add(other: Ratio | Fixed): Ratio {
    const o = other instanceof Fixed ? Ratio.fromFixed(other) : other;
    return Ratio.of(this.num * o.den + o.num * this.den, this.den * o.den);
  }
  sub(other: Ratio | Fixed): Ratio {
    const o = other instanceof Fixed ? Ratio.fromFixed(other) : other;
    return this.add(o.neg());
  }
  mul(other: Ratio | Fixed): Ratio {
    const o = other instanceof Fixed ? Ratio.fromFixed(other) : other;
    return Ratio.of(this.num * o.num, this.den * o.den);
  }
  div(other: Ratio | Fixed): Ratio {
    const o = other instanceof Fixed ? Ratio.fromFixed(other) : other;
    if (o.num === 0n) throw invalid('division by zero');
    return Ratio.of(this.num * o.den, this.den * o.num);
  }
  neg(): Ratio {
    return new Ratio(-this.num, this.den);
  }
  isZero(): boolean {
    return this.num === 0n;
  }
  sign(): -1 | 0 | 1 {
    return this.num < 0n ? -1 : this.num > 0n ? 1 : 0;
  }
  cmp(other: Ratio): -1 | 0 | 1 {
    const a = this.num * other.den;
    const b = other.num * this.den;
    return a < b ? -1 : a > b ? 1 : 0;
  }
  /** True when the value is a finite decimal with at most `scale` digits. */
  fitsScale(scale: number): boolean {
    return (this.num * pow10(scale)) % this.den === 0n;
  }
  toFixed(scale: number, mode: RoundingMode = 'half-even'): Fixed {
    return Fixed.fromUnits(divRound(this.num * pow10(scale), this.den, mode), scale);
  }
  toString(): string {
    return this.den === 1n ? `${this.num}` : `${this.num}/${this.den}`;
  }
}
