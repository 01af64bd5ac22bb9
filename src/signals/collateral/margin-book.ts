/**
 * Incremental margin of many accounts. A price tick of one symbol re-margins only the accounts
 * holding it, and only that symbol's group in each: the group's value and requirement are
 * recomputed exactly and the account totals move by the difference, so a tick costs O(accounts
 * holding the symbol), not O(positions). The totals equal `marginTotals` on the same positions
 * (tested).
 */
import { Fixed } from '../../trading/money/fixed.ts';
import {
  type GroupMargin,
  groupMargin,
  type MarginAccount,
  type MarginOptions,
  type MarginTotals,
} from './margin.ts';
import type { MarginPosition, MarginRule } from './rules.ts';

interface AccountState {
  name: string;
  cash: Fixed;
  groups: Map<string, GroupMargin>;
  longValue: Fixed;
  shortValue: Fixed;
  requirement: Fixed;
  initial: Fixed;
}

export interface PositionTerms {
  multiplier?: Fixed;
  rule?: MarginRule;
  costBasis?: Fixed;
}

const ZERO = Fixed.zero();

export class MarginBook {
  private readonly accounts = new Map<string, AccountState>();
  private readonly holders = new Map<string, Set<AccountState>>();
  private readonly prices = new Map<string, Fixed>();

  constructor(readonly options: MarginOptions) {}

  has(account: string): boolean {
    return this.accounts.has(account);
  }

  accountNames(): string[] {
    return [...this.accounts.keys()].sort();
  }

  price(symbol: string): Fixed | undefined {
    return this.prices.get(symbol);
  }

  setCash(account: string, cash: Fixed): void {
    this.state(account).cash = cash;
  }

  addCash(account: string, amount: Fixed): void {
    const state = this.state(account);
    state.cash = state.cash.add(amount);
  }

  cash(account: string): Fixed | undefined {
    return this.accounts.get(account)?.cash;
  }

  /**
   * Sets the net quantity of `symbol` in `account` (zero removes it). It is valued at the last
   * mark of the symbol, else at `fallbackPrice` (e.g. the fill price) until a mark arrives.
   */
  setPosition(
    account: string,
    symbol: string,
    quantity: Fixed,
    fallbackPrice: Fixed,
    terms: PositionTerms = {},
  ): void {
    const state = this.state(account);
    const old = state.groups.get(symbol);
    if (quantity.isZero()) {
      if (old) this.replace(state, symbol, old, undefined);
      this.holders.get(symbol)?.delete(state);
      return;
    }
    const price = this.prices.get(symbol) ?? fallbackPrice;
    const position: MarginPosition = { symbol, quantity, price, ...terms };
    this.replace(state, symbol, old, groupMargin(symbol, [position], this.options));
    const set = this.holders.get(symbol) ?? new Set<AccountState>();
    this.holders.set(symbol, set);
    set.add(state);
  }

  /** A new price for `symbol`: re-margins every account holding it; returns their names. */
  mark(symbol: string, price: Fixed): string[] {
    this.prices.set(symbol, price);
    const holders = this.holders.get(symbol);
    if (!holders) return [];
    const touched: string[] = [];
    for (const state of holders) {
      const old = state.groups.get(symbol)!;
      const moved = old.positions.map((p) => ({ ...p, price }));
      this.replace(state, symbol, old, groupMargin(symbol, moved, this.options));
      touched.push(state.name);
    }
    return touched;
  }

  totals(account: string): MarginTotals | undefined {
    const state = this.accounts.get(account);
    if (!state) return undefined;
    const { cash, longValue, shortValue, requirement, initial } = state;
    const equity = cash.add(longValue).sub(shortValue);
    return { cash, longValue, shortValue, equity, requirement, initial, groups: [...state.groups.values()] };
  }

  /** The account as plain positions, for a full report or a projection. */
  account(account: string): MarginAccount | undefined {
    const state = this.accounts.get(account);
    if (!state) return undefined;
    return { cash: state.cash, positions: [...state.groups.values()].flatMap((g) => g.positions) };
  }

  private replace(
    state: AccountState,
    symbol: string,
    old: GroupMargin | undefined,
    next: GroupMargin | undefined,
  ): void {
    if (old) {
      state.longValue = state.longValue.sub(old.longValue);
      state.shortValue = state.shortValue.sub(old.shortValue);
      state.requirement = state.requirement.sub(old.requirement);
      state.initial = state.initial.sub(old.initial);
    }
    if (next) {
      state.longValue = state.longValue.add(next.longValue);
      state.shortValue = state.shortValue.add(next.shortValue);
      state.requirement = state.requirement.add(next.requirement);
      state.initial = state.initial.add(next.initial);
      state.groups.set(symbol, next);
    } else state.groups.delete(symbol);
  }

  private state(account: string): AccountState {
    let state = this.accounts.get(account);
    if (!state) {
      state = {
        name: account,
        cash: ZERO,
        groups: new Map(),
        longValue: ZERO,
        shortValue: ZERO,
        requirement: ZERO,
        initial: ZERO,
      };
      this.accounts.set(account, state);
    }
    return state;
  }
}
