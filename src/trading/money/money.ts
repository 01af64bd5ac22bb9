import { invalid } from '../errors.ts';
import { currency } from './currency.ts';
import { Fixed } from './fixed.ts';
import { Ratio } from './ratio.ts';
import type { RoundingMode } from './rounding.ts';

/** An amount of one currency, always held at that currency's precision. Immutable. */
export class Money {
  readonly amount: Fixed;
  readonly currency: string;

  private constructor(amount: Fixed, code: string) {
    this.amount = amount;
    this.currency = code;
    Object.freeze(this);
  }

  /** Exact: throws when `value` has more significant decimals than the currency allows. */
  static of(value: string | Fixed, code: string): Money {
    const precision = currency(code).precision;
    const amount = Fixed.of(value);
    if (!amount.fitsScale(precision)) {
      throw invalid(`${amount.toString()} has more than ${precision} decimals for ${code}`, { code });
    }
    return new Money(amount.rescale(precision), code);
  }

  /** Rounds an exact value (Fixed or Ratio) to the currency's precision. */
  static round(value: Fixed | Ratio, code: string, mode: RoundingMode = 'half-even'): Money {
    const precision = currency(code).precision;
    const amount = value instanceof Ratio ? value.toFixed(precision, mode) : value.rescale(precision, mode);
    return new Money(amount, code);
  }

  static zero(code: string): Money {
    return new Money(Fixed.zero(currency(code).precision), code);
  }

  private same(other: Money, op: string): void {
    if (other.currency !== this.currency) {
      throw invalid(`cannot ${op} ${other.currency} and ${this.currency}`, {
        left: this.currency,
        right: other.currency,
      });
    }
  }

  add(other: Money): Money {
    this.same(other, 'add');
    return new Money(this.amount.add(other.amount), this.currency);
  }

  sub(other: Money): Money {
    this.same(other, 'subtract');
    return new Money(this.amount.sub(other.amount), this.currency);
  }

  /** Scales by a factor (a fee rate, a margin rate), rounded back to the currency precision. */
  mul(factor: Fixed, mode: RoundingMode = 'half-even'): Money {
    return new Money(this.amount.mul(factor, currency(this.currency).precision, mode), this.currency);
  }

  cmp(other: Money): -1 | 0 | 1 {
    this.same(other, 'compare');
    return this.amount.cmp(other.amount);
  }
  eq(other: Money): boolean {
    return this.currency === other.currency && this.amount.eq(other.amount);
  }
  lt(other: Money): boolean {
    return this.cmp(other) < 0;
  }
  gt(other: Money): boolean {
    return this.cmp(other) > 0;
  }

  neg(): Money {
    return new Money(this.amount.neg(), this.currency);
  }
  abs(): Money {
    return new Money(this.amount.abs(), this.currency);
  }
  isZero(): boolean {
    return this.amount.isZero();
  }
  isNegative(): boolean {
    return this.amount.isNegative();
  }

  /** "101.25 USD" */
  toString(): string {
    return `${this.amount.toString()} ${this.currency}`;
  }

  /** Wire form: the amount as a decimal string. */
  toJSON(): { amount: string; currency: string } {
    return { amount: this.amount.toString(), currency: this.currency };
  }
}
