import type { Fixed } from '../money/fixed.ts';
import { Money } from '../money/money.ts';
import type { Price, Quantity } from '../money/price.ts';
import type { RoundingMode } from '../money/rounding.ts';
import type { Instrument } from './instrument.ts';

export type Liquidity = 'maker' | 'taker';

/** Exact notional value: |quantity| * price * multiplier, unrounded. */
export function notionalValue(instrument: Instrument, quantity: Quantity, price: Price): Fixed {
  return quantity.abs().mul(price).mul(instrument.multiplier);
}

/** Notional in the quote currency, rounded (half-even) to the currency precision. */
export function notional(instrument: Instrument, quantity: Quantity, price: Price): Money {
  return Money.round(notionalValue(instrument, quantity, price), instrument.quoteCurrency);
}

/** Fee = notional * maker/taker rate in the quote currency; half-even unless told. Negative = rebate. */
export function commission(
  instrument: Instrument,
  quantity: Quantity,
  price: Price,
  liquidity: Liquidity,
  mode: RoundingMode = 'half-even',
): Money {
  const rate = liquidity === 'maker' ? instrument.makerFee : instrument.takerFee;
  return Money.round(notionalValue(instrument, quantity, price).mul(rate), instrument.quoteCurrency, mode);
}

/** Initial margin for a position of `quantity` at `price`; rounded up (conservative). */
export function initialMargin(instrument: Instrument, quantity: Quantity, price: Price): Money {
  const value = notionalValue(instrument, quantity, price).mul(instrument.marginInit);
  return Money.round(value, instrument.quoteCurrency, 'ceil');
}

/** Maintenance margin; rounded up (conservative). */
export function maintenanceMargin(instrument: Instrument, quantity: Quantity, price: Price): Money {
  const value = notionalValue(instrument, quantity, price).mul(instrument.marginMaint);
  return Money.round(value, instrument.quoteCurrency, 'ceil');
}

export function isOnTick(instrument: Instrument, price: Price): boolean {
  return price.isMultipleOf(instrument.tickSize);
}

/** Why a quantity is not tradable on this instrument, or undefined when it is. */
export function quantityProblem(instrument: Instrument, quantity: Quantity): string | undefined {
  if (!quantity.isPositive()) return `quantity must be positive, got ${quantity}`;
  if (quantity.lt(instrument.minQuantity)) {
    return `quantity ${quantity} is below the minimum ${instrument.minQuantity} for ${instrument.id}`;
  }
  if (!quantity.isMultipleOf(instrument.lotSize)) {
    return `quantity ${quantity} is not a multiple of the lot size ${instrument.lotSize} for ${instrument.id}`;
  }
  return undefined;
}

/** Why a price is not valid on this instrument's tick grid, or undefined when it is. */
export function priceProblem(instrument: Instrument, price: Price): string | undefined {
  if (!isOnTick(instrument, price)) {
    return `price ${price} is not on the tick grid ${instrument.tickSize} for ${instrument.id}`;
  }
  return undefined;
}
