/**
 * Account-level margin: equity = cash + long market value − short market value (cash may be a
 * debit, i.e. negative), and the requirement of the chosen method summed over groups of positions
 * (a group = the positions of one symbol). Everything here is exact; `report.ts` presents it.
 */
import { Fixed } from '../../trading/money/fixed.ts';
import { initialRequirement, type MarginPosition, maintenanceRequirement, marketValue } from './rules.ts';
import {
  EQUITY_STRESS,
  type GroupStress,
  groupBySymbol,
  groupStress,
  type StressSettings,
} from './stress.ts';

export const MARGIN_METHODS = ['regt', 'stress'] as const;
export type MarginMethod = (typeof MARGIN_METHODS)[number];

export interface MarginAccount {
  cash: Fixed;
  positions: readonly MarginPosition[];
}

export interface MarginOptions {
  method: MarginMethod;
  stress?: StressSettings;
}

export interface GroupMargin {
  group: string;
  positions: readonly MarginPosition[];
  longValue: Fixed;
  /** Positive: the value owed back on shorts. */
  shortValue: Fixed;
  /** The method's requirement (regt: FINRA 4210(c) maintenance; stress: worst loss / minimum). */
  requirement: Fixed;
  /** Reg T initial for regt; for stress the stress requirement (portfolio margin has one level). */
  initial: Fixed;
  stress?: GroupStress;
}

export interface MarginTotals {
  cash: Fixed;
  longValue: Fixed;
  shortValue: Fixed;
  equity: Fixed;
  requirement: Fixed;
  initial: Fixed;
  groups: GroupMargin[];
}

const ZERO = Fixed.zero();

/** The margin of one group of positions (all of one symbol). */
export function groupMargin(
  group: string,
  positions: readonly MarginPosition[],
  options: MarginOptions,
): GroupMargin {
  let longValue = ZERO;
  let shortValue = ZERO;
  let maintenance = ZERO;
  let initial = ZERO;
  for (const position of positions) {
    const value = marketValue(position);
    if (value.isNegative()) shortValue = shortValue.sub(value);
    else longValue = longValue.add(value);
    if (options.method === 'regt') {
      maintenance = maintenance.add(maintenanceRequirement(position, value));
      initial = initial.add(initialRequirement(position, value));
    }
  }
  if (options.method === 'regt')
    return { group, positions, longValue, shortValue, requirement: maintenance, initial };
  const stress = groupStress(group, positions, options.stress ?? EQUITY_STRESS);
  return {
    group,
    positions,
    longValue,
    shortValue,
    requirement: stress.requirement,
    initial: stress.requirement,
    stress,
  };
}

/** Adds group margins to the account totals. */
export function sumGroups(cash: Fixed, groups: GroupMargin[]): MarginTotals {
  let longValue = ZERO;
  let shortValue = ZERO;
  let requirement = ZERO;
  let initial = ZERO;
  for (const group of groups) {
    longValue = longValue.add(group.longValue);
    shortValue = shortValue.add(group.shortValue);
    requirement = requirement.add(group.requirement);
    initial = initial.add(group.initial);
  }
  const equity = cash.add(longValue).sub(shortValue);
  return { cash, longValue, shortValue, equity, requirement, initial, groups };
}

export function marginTotals(account: MarginAccount, options: MarginOptions): MarginTotals {
  const groups = [...groupBySymbol(account.positions)].map(([group, list]) =>
    groupMargin(group, list, options),
  );
  return sumGroups(account.cash, groups);
}
