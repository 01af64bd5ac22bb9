/** Small exact helpers for money presented to the cent. */
import { Fixed } from '../../trading/money/fixed.ts';

export const CENT_SCALE = 2;

/**
 * To the cent, conservatively for the account: equity and value held round down, requirements
 * and amounts owed round up. A margin call is judged on these cents, so the reported
 * `excess = equity − requirement` holds exactly in the output.
 */
export function centsDown(value: Fixed): Fixed {
  return value.rescale(CENT_SCALE, 'floor');
}

export function centsUp(value: Fixed): Fixed {
  return value.rescale(CENT_SCALE, 'ceil');
}

/** The same value with trailing fractional zeros dropped ("-0.150000" -> "-0.15"). */
export function trimScale(value: Fixed): Fixed {
  let { units, scale } = value;
  while (scale > 0 && units % 10n === 0n) {
    units /= 10n;
    scale--;
  }
  return Fixed.fromUnits(units, scale);
}

/** An exact amount shown with at least cents ("-30000" -> "-30000.00", "1.125" stays). */
export function money(value: Fixed): string {
  const trimmed = trimScale(value);
  return (trimmed.scale < CENT_SCALE ? trimmed.rescale(CENT_SCALE) : trimmed).toString();
}
