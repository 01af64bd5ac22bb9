import { Fixed } from '../money/fixed.ts';
import type { Quantity } from '../money/price.ts';
import type { OrderSide } from '../orders/order-types.ts';

/** The venue's signed net position per instrument (long > 0), from its own fills. */
export class NetPositions {
  private readonly net = new Map<string, Fixed>();

  get(instrumentId: string): Fixed {
    return this.net.get(instrumentId) ?? Fixed.zero();
  }

  apply(instrumentId: string, side: OrderSide, quantity: Quantity): void {
    const signed = side === 'buy' ? quantity : quantity.neg();
    this.net.set(instrumentId, this.get(instrumentId).add(signed));
  }

  /** How much an order on `side` may trade without increasing |position| (zero when it cannot reduce). */
  reducible(instrumentId: string, side: OrderSide): Quantity {
    const net = this.get(instrumentId);
    const reduces = side === 'buy' ? net.isNegative() : net.isPositive();
    return reduces ? net.abs() : Fixed.zero();
  }
}
