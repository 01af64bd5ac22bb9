import { invalid } from '../errors.ts';
import { Fixed } from './fixed.ts';
import { divRound, pow10, type RoundingMode } from './rounding.ts';

/** A price on an instrument's grid (scale = the instrument's price precision). */
export type Price = Fixed;
/** A non-negative size on an instrument's grid (scale = the instrument's size precision). */
export type Quantity = Fixed;

const NUMBER_TEXT = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/;

/**
 * The decimal a float64 stands for: its shortest round-trip form (ECMAScript Number#toString),
 * as units / 10^scale. So 0.1 + 0.2 is 0.30000000000000004, while 0.1 is exactly 0.1: the
 * binary noise beyond 17 significant digits never enters the arithmetic.
 */
function decimalOf(x: number): { units: bigint; scale: number } {
  if (!Number.isFinite(x)) throw invalid(`not a finite number: ${x}`);
  const match = NUMBER_TEXT.exec(String(x));
  if (!match) throw invalid(`cannot read number ${x}`);
  const frac = match[3] ?? '';
  const exponent = Number(match[4] ?? '0');
  let units = BigInt(`${match[2]}${frac}`);
  let scale = frac.length - exponent;
  if (scale < 0) {
    units *= pow10(-scale);
    scale = 0;
  }
  return { units: match[1] === '-' ? -units : units, scale };
}

/** Exact Fixed for a float's shortest decimal form ("1e-7" -> 0.0000001). Throws beyond MAX_SCALE. */
export function fixedFromNumber(x: number): Fixed {
  const { units, scale } = decimalOf(x);
  return Fixed.fromUnits(units, scale);
}

/** Steps below this stay far from float error: |q| * 4e-16 < 1e-6 (see stepsOfFloat). */
const FAST_STEP_LIMIT = 2 ** 30;
const UNAMBIGUOUS = 1e-6;

/**
 * x / step rounded with `mode` in float arithmetic, or undefined when float error could change
 * the answer. The float quotient is within 4e-16 relative of the exact decimal quotient, so a
 * quotient under 2^30 whose fraction sits more than 1e-6 from the rounding boundary (the tie for
 * half modes, the integers for directed ones) rounds exactly as the decimal arithmetic would.
 */
function stepsOfFloat(x: number, step: Fixed, mode: RoundingMode): number | undefined {
  if (step.scale > 22 || step.units > 1_000_000_000n) return undefined;
  const q = (x * 10 ** step.scale) / Number(step.units);
  if (!(Math.abs(q) < FAST_STEP_LIMIT)) return undefined;
  const fraction = q - Math.floor(q);
  if (mode === 'half-even' || mode === 'half-up') {
    return Math.abs(fraction - 0.5) > UNAMBIGUOUS ? Math.round(q) : undefined;
  }
  if (fraction < UNAMBIGUOUS || fraction > 1 - UNAMBIGUOUS) return undefined;
  return mode === 'floor' ? Math.floor(q) : mode === 'ceil' ? Math.ceil(q) : Math.trunc(q);
}

/** Rounds a float to a multiple of `step`, exactly; the result has the step's scale. */
export function floatToStep(x: number, step: Fixed, mode: RoundingMode = 'half-even'): Fixed {
  if (step.units <= 0n) throw invalid(`step must be positive, got ${step.toString()}`);
  if (!Number.isFinite(x)) throw invalid(`not a finite number: ${x}`);
  const fast = stepsOfFloat(x, step, mode);
  if (fast !== undefined) return Fixed.fromUnits(BigInt(fast) * step.units, step.scale);
  const { units, scale } = decimalOf(x);
  // x / step = (units / 10^scale) / (stepUnits / 10^stepScale)
  const k =
    scale >= step.scale
      ? divRound(units, step.units * pow10(scale - step.scale), mode)
      : divRound(units * pow10(step.scale - scale), step.units, mode);
  return Fixed.fromUnits(k * step.units, step.scale);
}

/** Market data price (float64) onto the tick grid: nearest tick, ties half-even unless told. */
export function priceFromFloat(x: number, tickSize: Fixed, mode: RoundingMode = 'half-even'): Price {
  return floatToStep(x, tickSize, mode);
}

/** Float size onto the lot grid; negative sizes throw. */
export function quantityFromFloat(x: number, lotSize: Fixed, mode: RoundingMode = 'half-even'): Quantity {
  if (x < 0) throw invalid(`quantity must not be negative, got ${x}`);
  return floatToStep(x, lotSize, mode);
}

/** Exact price at `precision` decimals; more significant decimals throw. */
export function makePrice(value: string | Fixed, precision: number): Price {
  const fixed = Fixed.of(value);
  if (!fixed.fitsScale(precision)) {
    throw invalid(`price ${fixed.toString()} has more than ${precision} decimals`);
  }
  return fixed.rescale(precision);
}

/** Exact non-negative quantity at `precision` decimals. */
export function makeQuantity(value: string | Fixed, precision: number): Quantity {
  const fixed = Fixed.of(value);
  if (fixed.isNegative()) throw invalid(`quantity must not be negative, got ${fixed.toString()}`);
  if (!fixed.fitsScale(precision)) {
    throw invalid(`quantity ${fixed.toString()} has more than ${precision} decimals`);
  }
  return fixed.rescale(precision);
}
