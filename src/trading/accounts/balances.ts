import { invalid } from '../errors.ts';
import { Money } from '../money/money.ts';

export interface AccountBalance {
  readonly currency: string;
  readonly total: Money;
  readonly locked: Money;
  /** total - locked. */
  readonly free: Money;
}

/** Multi-currency balances; each currency has a total and a locked part (free = total - locked). */
export class Balances {
  private readonly totals = new Map<string, Money>();
  private readonly locks = new Map<string, Money>();

  constructor(initial: Iterable<Money> = []) {
    for (const amount of initial) this.deposit(amount);
  }

  get(code: string): AccountBalance {
    const total = this.totals.get(code) ?? Money.zero(code);
    const locked = this.locks.get(code) ?? Money.zero(code);
    return { currency: code, total, locked, free: total.sub(locked) };
  }

  free(code: string): Money {
    return this.get(code).free;
  }

  currencies(): string[] {
    return [...this.totals.keys()].sort();
  }

  all(): AccountBalance[] {
    return this.currencies().map((code) => this.get(code));
  }

  deposit(amount: Money): void {
    if (amount.isNegative()) throw invalid(`deposit must not be negative: ${amount}`);
    this.adjust(amount);
  }

  /** Withdraws from the free balance; more than free throws. */
  withdraw(amount: Money): void {
    if (amount.isNegative()) throw invalid(`withdrawal must not be negative: ${amount}`);
    if (amount.gt(this.free(amount.currency))) {
      throw invalid(`cannot withdraw ${amount}: free is ${this.free(amount.currency)}`);
    }
    this.adjust(amount.neg());
  }

  /** Signed change of the total (a fill's cash flow). May leave free negative: callers check first. */
  adjust(delta: Money): void {
    const total = this.totals.get(delta.currency) ?? Money.zero(delta.currency);
    this.totals.set(delta.currency, total.add(delta));
  }

  /** Sets the locked amount of a currency (margins, reservations recomputed by the account). */
  setLocked(amount: Money): void {
    if (amount.isNegative()) throw invalid(`locked amount must not be negative: ${amount}`);
    if (!this.totals.has(amount.currency)) this.totals.set(amount.currency, Money.zero(amount.currency));
    this.locks.set(amount.currency, amount);
  }
}
