import { fx } from '../money/fixed.ts';
import { Money } from '../money/money.ts';
import type { OrderSide } from '../orders/order-types.ts';
import type { PositionFill } from './position.ts';

let counter = 0;

/** Test fixture: a fill with a unique fill id and increasing timestamp. */
export function fill(
  side: OrderSide,
  qty: string,
  px: string,
  fee = '0',
  currency = 'USD',
  orderId = 'O-1',
): PositionFill {
  counter += 1;
  return {
    orderId,
    fillId: `F-${counter}`,
    side,
    quantity: fx(qty),
    price: fx(px),
    commission: Money.of(fee, currency),
    tsNs: BigInt(counter),
  };
}
