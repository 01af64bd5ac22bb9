import { invalid } from '../errors.ts';
import type { Instrument } from '../instruments/instrument.ts';
import { quantityProblem } from '../instruments/instrument-math.ts';
import type { Price, Quantity } from '../money/price.ts';
import { priceFromFloat, quantityFromFloat } from '../money/price.ts';
import type { PriceInput, QuantityInput } from './strategy-context.ts';

/** A quantity on the instrument's lot grid (half-even); throws when not tradable (<= 0, below minimum). */
export function snapQuantity(instrument: Instrument, value: QuantityInput): Quantity {
  if (typeof value === 'number' && value < 0) {
    throw invalid(`quantity must be positive, got ${value} for ${instrument.id}`);
  }
  const quantity =
    typeof value === 'number'
      ? quantityFromFloat(value, instrument.lotSize)
      : value.roundToStep(instrument.lotSize);
  const problem = quantityProblem(instrument, quantity);
  if (problem) {
    throw invalid(`cannot trade ${String(value)} of ${instrument.id}: ${problem}`, {
      instrumentId: instrument.id,
    });
  }
  return quantity;
}

/** A price on the instrument's tick grid (half-even); throws when it is not positive. */
export function snapPrice(instrument: Instrument, value: PriceInput): Price {
  const price =
    typeof value === 'number'
      ? priceFromFloat(value, instrument.tickSize)
      : value.roundToStep(instrument.tickSize);
  if (!price.isPositive()) {
    throw invalid(`price must be positive, got ${String(value)} for ${instrument.id}`, {
      instrumentId: instrument.id,
    });
  }
  return price;
}
