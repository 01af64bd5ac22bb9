/**
 * The price of one symbol at which a maintenance call triggers, every other price held.
 *
 * With E_o = equity without the group (cash + other values) and R_o = the other groups'
 * requirement, a call is due when E_o + V(P) < R_o + R(P), V and R the group's value and
 * requirement at price P. Closed forms (one position, the rest in cash):
 * - long q shares, debit d (cash = −d), Reg T: q·P − d = 0.25·q·P  =>  P* = d / (0.75·q);
 *   a call triggers when the price falls below P*.
 * - short s shares, credit c (cash = +c), A = E_o − R_o = c: solve s·P + R_short(P) = A with
 *   FINRA 4210(c)(2): A/s >= 65/3 (P >= 50/3, 30% binds): P* = A / (1.3·s);
 *   10 <= A/s < 65/3 ($5/share binds): P* = A/s − 5; 5 <= A/s < 10 (100% binds, P in [2.5, 5)):
 *   P* = A / (2·s); 2.5 <= A/s < 5 ($2.50/share binds): P* = A/s − 2.5; A/s < 2.5: in call at any
 *   price (P* = 0). A call triggers when the price rises above P*.
 * The solver below does not use the closed forms (they differ per rule and method): it searches
 * the exact condition on a 0.0001 price grid, which is valid because E − R is monotone in P for a
 * group that is all long (slope q·(1 − rate) >= 0) or all short (slope <= −s). The answer is P*
 * rounded up for a long and down for a short (conservative: a call triggers at any price on the
 * far side of the reported one). A group holding both long and short lots of one symbol is
 * solved by its net side; there, the answer is a crossing, not necessarily the only one.
 */
import { Fixed } from '../../trading/money/fixed.ts';
import { type GroupMargin, groupMargin, type MarginOptions, type MarginTotals } from './margin.ts';
import type { MarginPosition } from './rules.ts';

export const TRIGGER_SCALE = 4;
const MAX_DOUBLINGS = 64;

export interface TriggerPrice {
  /** 'below' for a net long group, 'above' for a net short one. */
  direction: 'below' | 'above';
  /** null: no price of this symbol alone causes a call (e.g. a long with no debit). */
  price: Fixed | null;
}

function slack(totals: MarginTotals, group: GroupMargin, atPrice: GroupMargin): Fixed {
  // (E − E_group + E_group(P)) − (R − R_group + R_group(P))
  const equity = totals.equity
    .sub(group.longValue)
    .add(group.shortValue)
    .add(atPrice.longValue)
    .sub(atPrice.shortValue);
  return equity.sub(totals.requirement.sub(group.requirement).add(atPrice.requirement));
}

export function triggerPrice(totals: MarginTotals, group: GroupMargin, options: MarginOptions): TriggerPrice {
  const net = group.longValue.sub(group.shortValue);
  const direction = net.isNegative() ? 'above' : 'below';
  if (net.isZero()) return { direction, price: null };
  const at = (ticks: bigint): Fixed => {
    const price = Fixed.fromUnits(ticks, TRIGGER_SCALE);
    const moved: MarginPosition[] = group.positions.map((p) => ({ ...p, price }));
    return slack(totals, group, groupMargin(group.group, moved, options));
  };
  const safe = (ticks: bigint) => !at(ticks).isNegative();
  // Long: safe is increasing in P, find the smallest safe tick. Short: decreasing, the largest.
  const long = direction === 'below';
  if (long ? safe(0n) : !safe(0n)) return { direction, price: long ? null : Fixed.zero(TRIGGER_SCALE) };
  let bound = 1n;
  let doublings = 0;
  while (long ? !safe(bound) : safe(bound)) {
    bound *= 2n;
    if (++doublings > MAX_DOUBLINGS) return { direction, price: null };
  }
  // Invariant, long: lo unsafe, hi safe; short: lo safe, hi unsafe.
  let lo = 0n;
  let hi = bound;
  while (hi - lo > 1n) {
    const mid = (lo + hi) / 2n;
    if (safe(mid) === long) hi = mid;
    else lo = mid;
  }
  return { direction, price: Fixed.fromUnits(long ? hi : lo, TRIGGER_SCALE) };
}
