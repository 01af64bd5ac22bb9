/**
 * Per-position margin rules. Every amount is exact (`Fixed`): the products of decimal prices,
 * quantities and decimal rates need no rounding, so requirements are exact until they are
 * presented to the cent (see `present.ts`).
 *
 * Equity securities follow the US rules:
 * - Initial: Regulation T, 12 CFR 220.12(a): 50% of the current market value of a margin equity
 *   security bought; 220.12(c)(1): a short sale needs 150% of its market value, of which 100% are
 *   the sale proceeds, so the equity the account must hold is again 50% of the short value.
 * - Maintenance: FINRA Rule 4210(c):
 *   (c)(1) 25 percent of the current market value of all margin securities "long" in the account;
 *   (c)(2)(A) $2.50 per share or 100 percent of the current market value, whichever is greater,
 *   of each stock "short" in the account selling at less than $5.00 per share;
 *   (c)(2)(B) $5.00 per share or 30 percent of the current market value, whichever is greater,
 *   of each stock "short" in the account selling at $5.00 per share or above.
 *   The short requirement is continuous in the price: at $5 both branches give $5/share.
 * Other instruments (futures, FX, crypto) carry house rates on |notional| (`rate` rule).
 */
import { Fixed, fx, maxFixed } from '../../trading/money/fixed.ts';

export type MarginRule =
  /** An equity security: Reg T initial, FINRA 4210(c) maintenance. */
  | { kind: 'reg-t' }
  /** Fractions of |notional| for instruments outside Reg T, e.g. a future's exchange rates. */
  | { kind: 'rate'; initial: Fixed; maintenance: Fixed };

export const REG_T: MarginRule = Object.freeze({ kind: 'reg-t' });

export const REG_T_INITIAL = fx('0.5');
export const LONG_MAINTENANCE = fx('0.25');
export const SHORT_MAINTENANCE = fx('0.30');
/** $5.00: the price from which 4210(c)(2)(B) applies, and its per-share minimum. */
export const SHORT_PRICE_FLOOR = fx('5.00');
export const SHORT_PER_SHARE_HIGH = fx('5.00');
/** $2.50 per share: the minimum of 4210(c)(2)(A) for shorts under $5. */
export const SHORT_PER_SHARE_LOW = fx('2.50');

export interface MarginPosition {
  symbol: string;
  /** Signed: negative for a short. */
  quantity: Fixed;
  /** Current price per unit. */
  price: Fixed;
  /** Units per contract (1 for shares). */
  multiplier?: Fixed;
  /** Average cost per unit, for the unrealised P&L line only. */
  costBasis?: Fixed;
  /** Default: Reg T (an equity security). */
  rule?: MarginRule;
}

const ONE = Fixed.of(1n);

/** Signed market value: quantity × price × multiplier. */
export function marketValue(position: MarginPosition): Fixed {
  const value = position.quantity.mul(position.price);
  return position.multiplier ? value.mul(position.multiplier) : value;
}

/** Shares (units) held, unsigned: |quantity| × multiplier. */
export function units(position: MarginPosition): Fixed {
  return position.quantity.abs().mul(position.multiplier ?? ONE);
}

/** Maintenance requirement of one position (a non-negative amount of equity); `value` if known. */
export function maintenanceRequirement(position: MarginPosition, value = marketValue(position)): Fixed {
  const rule = position.rule ?? REG_T;
  if (rule.kind === 'rate') return value.abs().mul(rule.maintenance);
  if (!value.isNegative()) return value.mul(LONG_MAINTENANCE);
  return shortRequirement(units(position), position.price);
}

/** FINRA 4210(c)(2) for `shares` sold short at `price` (per-share minimums included). */
export function shortRequirement(shares: Fixed, price: Fixed): Fixed {
  const value = shares.mul(price);
  if (price.gte(SHORT_PRICE_FLOOR))
    return maxFixed(shares.mul(SHORT_PER_SHARE_HIGH), value.mul(SHORT_MAINTENANCE));
  return maxFixed(shares.mul(SHORT_PER_SHARE_LOW), value);
}

/** Initial requirement of opening this position now (Reg T 50% of |value|, or the house rate). */
export function initialRequirement(position: MarginPosition, value = marketValue(position)): Fixed {
  const rule = position.rule ?? REG_T;
  return value.abs().mul(rule.kind === 'rate' ? rule.initial : REG_T_INITIAL);
}
