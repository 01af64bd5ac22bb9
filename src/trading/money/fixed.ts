import { invalid } from '../errors.ts';
import { divRound, pow10, type RoundingMode } from './rounding.ts';

const MAX_EXACT = BigInt(Number.MAX_SAFE_INTEGER);
const FLOAT_POWERS: readonly number[] = Array.from({ length: 23 }, (_, k) => 10 ** k);

/** Largest supported number of fractional digits. */
export const MAX_SCALE = 30;

/**
 * Wire form accepted by `Fixed.parse`: the same grammar as `decimal` in domain/payloads.ts.
 * Exponent notation ("1e-3"), a leading "+", ".5", "5." and whitespace are rejected on purpose:
 * exact amounts travel as plain decimal strings. Floats go through `fixedFromNumber` instead.
 */
const DECIMAL_TEXT = /^(-?)(\d+)(?:\.(\d+))?$/;

function checkScale(scale: number): void {
  if (!Number.isInteger(scale) || scale < 0 || scale > MAX_SCALE) {
    throw invalid(`scale must be an integer in [0, ${MAX_SCALE}], got ${scale}`);
  }
}

/** Exact fixed-point decimal: value = units / 10^scale. Immutable. */
export class Fixed {
  readonly units: bigint;
  readonly scale: number;

  // Immutable by type (readonly fields, no mutators); Object.freeze cost ~30% of every operation.
  private constructor(units: bigint, scale: number) {
    this.units = units;
    this.scale = scale;
  }

  static fromUnits(units: bigint, scale: number): Fixed {
    checkScale(scale);
    return new Fixed(units, scale);
  }

  /** Parses "101.25", "-0.5", "42". Keeps trailing zeros as scale ("1.50" has scale 2). */
  static parse(text: string): Fixed {
    const match = DECIMAL_TEXT.exec(text);
    if (!match) throw invalid(`not a decimal string: ${JSON.stringify(text)} (expected e.g. "101.25")`);
    const frac = match[3] ?? '';
    if (frac.length > MAX_SCALE) throw invalid(`too many decimal places in ${JSON.stringify(text)}`);
    const units = BigInt(`${match[2]}${frac}`);
    return new Fixed(match[1] === '-' ? -units : units, frac.length);
  }

  static of(value: string | bigint | Fixed): Fixed {
    if (value instanceof Fixed) return value;
    if (typeof value === 'bigint') return new Fixed(value, 0);
    return Fixed.parse(value);
  }

  static zero(scale = 0): Fixed {
    return Fixed.fromUnits(0n, scale);
  }

  toString(): string {
    const negative = this.units < 0n;
    const digits = (negative ? -this.units : this.units).toString().padStart(this.scale + 1, '0');
    const int = digits.slice(0, digits.length - this.scale);
    const frac = this.scale > 0 ? `.${digits.slice(digits.length - this.scale)}` : '';
    return `${negative ? '-' : ''}${int}${frac}`;
  }

  toJSON(): string {
    return this.toString();
  }

  /** Lossy: for display and float-based models only, never for accounting. */
  toNumber(): number {
    // Both operands exact doubles: IEEE division rounds once, like parsing the decimal text.
    if (this.scale <= 22 && this.units <= MAX_EXACT && this.units >= -MAX_EXACT)
      return Number(this.units) / FLOAT_POWERS[this.scale]!;
    return Number(this.toString());
  }

  /** The same value at another scale; rounding only when digits are dropped. */
  rescale(scale: number, mode: RoundingMode = 'half-even'): Fixed {
    if (scale === this.scale) return this;
    checkScale(scale);
    if (scale >= this.scale) return new Fixed(this.units * pow10(scale - this.scale), scale);
    return new Fixed(divRound(this.units, pow10(this.scale - scale), mode), scale);
  }

  /** True when rescaling to `scale` loses nothing. */
  fitsScale(scale: number): boolean {
    return scale >= this.scale || this.units % pow10(this.scale - scale) === 0n;
  }

  add(other: Fixed): Fixed {
    const { scale } = this;
    if (other.scale === scale) return new Fixed(this.units + other.units, scale);
    if (other.scale > scale)
      return new Fixed(this.units * pow10(other.scale - scale) + other.units, other.scale);
    return new Fixed(this.units + other.units * pow10(scale - other.scale), scale);
  }

  sub(other: Fixed): Fixed {
    return this.add(new Fixed(-other.units, other.scale));
  }

  /** Exact product at scale a.scale + b.scale, or rounded to `scale` when given. */
  mul(other: Fixed, scale?: number, mode: RoundingMode = 'half-even'): Fixed {
    const exactScale = this.scale + other.scale;
    const units = this.units * other.units;
    if (scale === undefined) return Fixed.fromUnits(units, exactScale);
    checkScale(scale);
    if (scale >= exactScale) return new Fixed(units * pow10(scale - exactScale), scale);
    return new Fixed(divRound(units, pow10(exactScale - scale), mode), scale);
  }

  /** this / other at an explicit result scale. Throws on division by zero. */
  div(other: Fixed, scale: number, mode: RoundingMode = 'half-even'): Fixed {
    checkScale(scale);
    if (other.units === 0n) throw invalid(`division by zero: ${this.toString()} / ${other.toString()}`);
    // (a/10^sa) / (b/10^sb) * 10^s = a * 10^(s + sb - sa) / b
    const shift = scale + other.scale - this.scale;
    const num = shift >= 0 ? this.units * pow10(shift) : this.units;
    const den = shift >= 0 ? other.units : other.units * pow10(-shift);
    return new Fixed(divRound(num, den, mode), scale);
  }

  /** Nearest multiple of `step` (result at step's scale). */
  roundToStep(step: Fixed, mode: RoundingMode = 'half-even'): Fixed {
    if (step.units <= 0n) throw invalid(`step must be positive, got ${step.toString()}`);
    const scale = Math.max(this.scale, step.scale);
    const k = divRound(this.rescale(scale).units, step.rescale(scale).units, mode);
    return new Fixed(k * step.units, step.scale);
  }

  isMultipleOf(step: Fixed): boolean {
    if (step.units === 0n) return false;
    const scale = Math.max(this.scale, step.scale);
    return this.rescale(scale).units % step.rescale(scale).units === 0n;
  }

  cmp(other: Fixed): -1 | 0 | 1 {
    const scale = Math.max(this.scale, other.scale);
    const a = this.scale === scale ? this.units : this.units * pow10(scale - this.scale);
    const b = other.scale === scale ? other.units : other.units * pow10(scale - other.scale);
    return a < b ? -1 : a > b ? 1 : 0;
  }

  /** Numeric equality: 1.5 equals 1.50. */
  eq(other: Fixed): boolean {
    return this.cmp(other) === 0;
  }
  lt(other: Fixed): boolean {
    return this.cmp(other) < 0;
  }
  lte(other: Fixed): boolean {
    return this.cmp(other) <= 0;
  }
  gt(other: Fixed): boolean {
    return this.cmp(other) > 0;
  }
  gte(other: Fixed): boolean {
    return this.cmp(other) >= 0;
  }

  neg(): Fixed {
    return new Fixed(-this.units, this.scale);
  }
  abs(): Fixed {
    return this.units < 0n ? this.neg() : this;
  }
  sign(): -1 | 0 | 1 {
    return this.units < 0n ? -1 : this.units > 0n ? 1 : 0;
  }
  isZero(): boolean {
    return this.units === 0n;
  }
  isNegative(): boolean {
    return this.units < 0n;
  }
  isPositive(): boolean {
    return this.units > 0n;
  }
}

/** Shorthand for Fixed.parse. */
export function fx(text: string): Fixed {
  return Fixed.parse(text);
}

export function minFixed(a: Fixed, b: Fixed): Fixed {
  return a.lte(b) ? a : b;
}

export function maxFixed(a: Fixed, b: Fixed): Fixed {
  return a.gte(b) ? a : b;
}
