/**
 * Portfolio-margin style stress, after the OCC TIMS method FINRA Rule 4210(g) relies on: each
 * position is revalued at equidistant price moves of its underlying within ±range (equities:
 * ±15% in 10 points: −15, −12, −9, −6, −3, +3, +6, +9, +12, +15%), positions are grouped by
 * underlying (here: the symbol), and a group's requirement is its worst theoretical loss over the
 * points. The account requirement is the sum of the group requirements: no offsets between
 * groups (TIMS allows partial ones within a product class; we take none, which is conservative).
 *
 * Minimum applied per group (documented, as in 4210(g)): at least `minimumPerUnit` ($0.375) per
 * share or contract-multiplier unit held, but never more than the market value of a long position
 * (a long cannot lose more than it is worth). With linear instruments the worst loss is
 * |net value| × range, so the minimum binds only for shares priced under $2.50.
 */
import { Fixed, fx, maxFixed, minFixed } from '../../trading/money/fixed.ts';
import { trimScale } from './exact.ts';
import { type MarginPosition, marketValue, units } from './rules.ts';

export interface StressSettings {
  /** Largest move as a fraction: 0.15 = ±15%. */
  range: Fixed;
  /** Valuation points, even (half down, half up; 0 is not a point). */
  points: number;
  minimumPerUnit: Fixed;
}

export const EQUITY_STRESS: StressSettings = Object.freeze({
  range: fx('0.15'),
  points: 10,
  minimumPerUnit: fx('0.375'),
});

export interface GroupStress {
  group: string;
  netQuantity: Fixed;
  marketValue: Fixed;
  /** The move giving the worst loss (e.g. -0.15), and that loss (>= 0). */
  worstMove: Fixed;
  worstLoss: Fixed;
  minimum: Fixed;
  requirement: Fixed;
}

/** The valuation moves, ascending: −range .. +range in `points` equal steps, zero left out. */
export function stressMoves(settings: StressSettings): Fixed[] {
  const { points, range } = settings;
  if (!Number.isInteger(points) || points < 2 || points % 2 !== 0)
    throw new RangeError(`stress points must be an even integer >= 2, got ${points}`);
  if (!range.isPositive()) throw new RangeError(`stress range must be positive, got ${range}`);
  const half = BigInt(points / 2);
  const step = range.div(Fixed.of(half), range.scale + 12);
  if (!step.mul(Fixed.of(half)).eq(range))
    throw new RangeError(`stress range ${range} does not split into ${points / 2} exact decimal steps`);
  const up: Fixed[] = [];
  for (let k = 1n; k <= half; k++) up.push(trimScale(step.mul(Fixed.of(k))));
  return [...up.map((m) => m.neg()).reverse(), ...up];
}

/** One group (positions of one underlying): worst loss over the moves, and the minimum. */
export function groupStress(
  group: string,
  positions: readonly MarginPosition[],
  settings: StressSettings,
  moves: readonly Fixed[] = stressMoves(settings),
): GroupStress {
  let value = Fixed.zero();
  let netQuantity = Fixed.zero();
  let minimum = Fixed.zero();
  for (const position of positions) {
    const mv = marketValue(position);
    value = value.add(mv);
    netQuantity = netQuantity.add(position.quantity);
    const floor = units(position).mul(settings.minimumPerUnit);
    minimum = minimum.add(mv.isPositive() ? minFixed(floor, mv) : floor);
  }
  let worstMove = moves[0]!;
  let worstLoss: Fixed | undefined;
  for (const move of moves) {
    const loss = value.mul(move).neg();
    if (worstLoss === undefined || loss.gt(worstLoss)) {
      worstLoss = loss;
      worstMove = move;
    }
  }
  const loss = maxFixed(worstLoss ?? Fixed.zero(), Fixed.zero());
  return {
    group,
    netQuantity,
    marketValue: value,
    worstMove,
    worstLoss: loss,
    minimum,
    requirement: maxFixed(loss, minimum),
  };
}

/** Groups by symbol, in first-seen order. */
export function groupBySymbol(positions: readonly MarginPosition[]): Map<string, MarginPosition[]> {
  const groups = new Map<string, MarginPosition[]>();
  for (const position of positions) {
    const list = groups.get(position.symbol);
    if (list) list.push(position);
    else groups.set(position.symbol, [position]);
  }
  return groups;
}

export function stressGroups(
  positions: readonly MarginPosition[],
  settings: StressSettings = EQUITY_STRESS,
): GroupStress[] {
  const moves = stressMoves(settings);
  return [...groupBySymbol(positions)].map(([group, list]) => groupStress(group, list, settings, moves));
}
