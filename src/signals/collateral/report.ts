/**
 * The full margin picture of an account: equity, requirement, excess or deficit, the call, what
 * cures it, and per-group lines with the trigger price. Equity is floored and requirements are
 * ceiled to the cent (exact.ts), and the call is judged on those cents.
 *
 * Curing a call of D:
 * - cash: deposit D (equity rises by D, the requirement does not move).
 * - liquidation: selling (or buying back) at market turns value into cash, so equity does not
 *   move while the requirement falls in proportion to what is closed (every rule here is linear
 *   in the quantity at a fixed price). Closing a fraction f of every position cures when
 *   (1 − f)·R <= E, i.e. f = D / R, worth f × (long + short value): with longs only under Reg T
 *   that is D / 0.25 = 4·D. Closing only group g needs f_g = D / R_g of it (null when f_g > 1).
 *   With equity <= 0 no liquidation cures (everything sold still leaves a debit): cash only.
 */
import { Fixed } from '../../trading/money/fixed.ts';
import { centsDown, centsUp } from './exact.ts';
import {
  type GroupMargin,
  type MarginAccount,
  type MarginOptions,
  type MarginTotals,
  marginTotals,
} from './margin.ts';
import { initialRequirement, type MarginPosition, maintenanceRequirement, marketValue } from './rules.ts';
import type { GroupStress } from './stress.ts';
import { type TriggerPrice, triggerPrice } from './trigger.ts';

export interface Liquidation {
  /** Units to sell (long) or buy back (short), rounded up to the quantity's step. */
  quantity: Fixed;
  value: Fixed;
}

export interface GroupReport {
  group: string;
  netQuantity: Fixed;
  marketValue: Fixed;
  requirement: Fixed;
  trigger: TriggerPrice;
  liquidationToCure: Liquidation | null;
  stress?: GroupStress;
}

export interface MarginReport {
  method: MarginOptions['method'];
  cash: Fixed;
  longValue: Fixed;
  shortValue: Fixed;
  equity: Fixed;
  requirement: Fixed;
  initialRequirement: Fixed;
  /** equity − requirement; negative is a deficit. */
  excess: Fixed;
  initialExcess: Fixed;
  inCall: boolean;
  call: Fixed;
  cashToCure: Fixed;
  /** Value to close pro rata across every position; null when only cash cures. */
  liquidationToCure: Fixed | null;
  groups: GroupReport[];
}

const ZERO = Fixed.zero(2);

function groupLiquidation(group: GroupMargin, call: Fixed): Liquidation | null {
  if (call.isZero()) return { quantity: Fixed.zero(), value: ZERO };
  if (group.requirement.isZero()) return null;
  let held = Fixed.zero();
  let step = 0;
  for (const position of group.positions) {
    held = held.add(position.quantity.abs());
    step = Math.max(step, position.quantity.scale);
  }
  const quantity = call.mul(held).div(group.requirement, step, 'ceil');
  if (quantity.gt(held)) return null;
  // Per unit value of the group (one price per symbol): |value| / held.
  const gross = group.longValue.add(group.shortValue);
  return { quantity, value: centsUp(gross.mul(quantity).div(held, gross.scale + 2, 'ceil')) };
}

/** Equity, requirements, excess and call to the cent, from exact totals. */
export function marginSummary(totals: MarginTotals) {
  const equity = centsDown(totals.equity);
  const requirement = centsUp(totals.requirement);
  const initialRequirement = centsUp(totals.initial);
  const excess = equity.sub(requirement);
  const call = excess.isNegative() ? excess.neg() : ZERO;
  return { equity, requirement, initialRequirement, excess, call };
}

export function marginReport(account: MarginAccount, options: MarginOptions): MarginReport {
  const totals = marginTotals(account, options);
  const { equity, requirement, initialRequirement, excess, call } = marginSummary(totals);
  const gross = totals.longValue.add(totals.shortValue);
  let liquidationToCure: Fixed | null = ZERO;
  if (call.isPositive())
    liquidationToCure = equity.isPositive()
      ? centsUp(call.mul(gross).div(totals.requirement, gross.scale + 4, 'ceil'))
      : null;
  const groups = totals.groups.map((group) => ({
    group: group.group,
    netQuantity: group.positions.reduce((sum, p) => sum.add(p.quantity), Fixed.zero()),
    marketValue: group.longValue.sub(group.shortValue),
    requirement: group.requirement,
    trigger: triggerPrice(totals, group, options),
    liquidationToCure: groupLiquidation(group, call),
    ...(group.stress ? { stress: group.stress } : {}),
  }));
  return {
    method: options.method,
    cash: totals.cash,
    longValue: totals.longValue,
    shortValue: totals.shortValue,
    equity,
    requirement,
    initialRequirement,
    excess,
    initialExcess: equity.sub(initialRequirement),
    inCall: call.isPositive(),
    call,
    cashToCure: call,
    liquidationToCure,
    groups,
  };
}

/** A position's line: value, unrealised P&L (with a cost basis), and its own Reg T requirement. */
export function positionLine(position: MarginPosition) {
  const value = marketValue(position);
  const cost = position.costBasis;
  const multiplier = position.multiplier ?? Fixed.of(1n);
  return {
    symbol: position.symbol,
    quantity: position.quantity,
    price: position.price,
    marketValue: value,
    costBasis: cost,
    unrealizedPnl: cost ? value.sub(position.quantity.mul(cost).mul(multiplier)) : undefined,
    maintenance: maintenanceRequirement(position),
    initial: initialRequirement(position),
  };
}
