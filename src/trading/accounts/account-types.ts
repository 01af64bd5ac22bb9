import type { Instrument } from '../instruments/instrument.ts';
import type { Money } from '../money/money.ts';
import type { Price, Quantity } from '../money/price.ts';
import type { OrderSide } from '../orders/order-types.ts';

/** A fill as an account sees it. */
export interface AccountFill {
  instrument: Instrument;
  side: OrderSide;
  quantity: Quantity;
  price: Price;
  /** In the quote currency on the platform's instruments (any currency is accepted). */
  commission: Money;
  /** Margin accounts: which position the fill belongs to (default: the instrument id, NETTING). */
  positionId?: string;
  /** Margin accounts: realised PnL of the fill (from PositionBook.applyFill); default zero. */
  realizedPnl?: Money;
}

/** Account decisions are values, not exceptions: the venue turns a reason into OrderRejected. */
export type AccountResult = { ok: true } | { ok: false; reason: string };

export const OK: AccountResult = Object.freeze({ ok: true });

export function rejected(reason: string): AccountResult {
  return { ok: false, reason };
}
