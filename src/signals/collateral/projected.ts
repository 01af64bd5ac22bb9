/**
 * Pre-trade projection: the account's margin before and after a pending order fills at its
 * price (commissions left out). A buy of q at p moves −q·p·multiplier to cash and adds q to the
 * symbol's position, which stays valued at its current mark (a new symbol is marked at p).
 * `wouldCall`: the maintenance requirement after the fill exceeds equity. `initialShortfall`:
 * for an order that increases exposure, what Reg T initial margin (50%) lacks after the fill —
 * the deposit a broker would ask before accepting it.
 */
import { Fixed } from '../../trading/money/fixed.ts';
import { type MarginAccount, type MarginOptions, marginTotals } from './margin.ts';
import { marginSummary } from './report.ts';
import { type MarginPosition, type MarginRule, marketValue } from './rules.ts';

export interface PendingOrder {
  symbol: string;
  side: 'buy' | 'sell';
  /** Positive. */
  quantity: Fixed;
  price: Fixed;
  /** For a symbol the account does not hold yet. */
  multiplier?: Fixed;
  rule?: MarginRule;
}

export interface MarginSnapshot {
  equity: Fixed;
  requirement: Fixed;
  initialRequirement: Fixed;
  excess: Fixed;
  call: Fixed;
}

export interface ProjectedMargin {
  before: MarginSnapshot;
  after: MarginSnapshot;
  wouldCall: boolean;
  increasesExposure: boolean;
  initialShortfall: Fixed;
}

export function applyOrder(account: MarginAccount, order: PendingOrder): MarginAccount {
  if (!order.quantity.isPositive())
    throw new RangeError(`order quantity must be positive, got ${order.quantity}`);
  const signed = order.side === 'buy' ? order.quantity : order.quantity.neg();
  const held = account.positions.find((p) => p.symbol === order.symbol);
  const multiplier = held?.multiplier ?? order.multiplier;
  const fill: MarginPosition = {
    symbol: order.symbol,
    quantity: signed,
    price: order.price,
    ...(multiplier ? { multiplier } : {}),
    ...((held?.rule ?? order.rule) ? { rule: held?.rule ?? order.rule } : {}),
  };
  const cash = account.cash.sub(marketValue(fill));
  if (!held) return { cash, positions: [...account.positions, fill] };
  const positions = account.positions.map((p) =>
    p === held ? { ...p, quantity: p.quantity.add(signed) } : p,
  );
  return { cash, positions };
}

function snapshot(account: MarginAccount, options: MarginOptions): MarginSnapshot {
  return marginSummary(marginTotals(account, options));
}

export function projectMargin(
  account: MarginAccount,
  order: PendingOrder,
  options: MarginOptions,
): ProjectedMargin {
  const held = account.positions
    .filter((p) => p.symbol === order.symbol)
    .reduce((sum, p) => sum.add(p.quantity), Fixed.zero());
  const signed = order.side === 'buy' ? order.quantity : order.quantity.neg();
  const increasesExposure = held.add(signed).abs().gt(held.abs());
  const before = snapshot(account, options);
  const after = snapshot(applyOrder(account, order), options);
  const lacking = after.initialRequirement.sub(after.equity);
  return {
    before,
    after,
    wouldCall: after.call.isPositive(),
    increasesExposure,
    initialShortfall: increasesExposure && lacking.isPositive() ? lacking : Fixed.zero(2),
  };
}
