import { invalid } from '../errors.ts';

const STRATEGY_ID = /^[A-Za-z0-9_-]{1,40}$/;

/**
 * Deterministic ids: "O-<strategyId>-<n>" with n counting from 1. No clock, no randomness, so a
 * replayed backtest produces the same ids. Resume a run with `startAt`.
 */
export class OrderIdGenerator {
  readonly strategyId: string;
  private counter: number;

  constructor(strategyId: string, startAt = 0) {
    if (!STRATEGY_ID.test(strategyId)) throw invalid(`bad strategy id: ${JSON.stringify(strategyId)}`);
    if (!Number.isSafeInteger(startAt) || startAt < 0) throw invalid(`bad id counter: ${startAt}`);
    this.strategyId = strategyId;
    this.counter = startAt;
  }

  next(): string {
    this.counter += 1;
    return `O-${this.strategyId}-${this.counter}`;
  }

  /** Number of ids handed out so far. */
  get count(): number {
    return this.counter;
  }
}

/** Deterministic fill id for venue fill n of an order: "<orderId>-F<n>". */
export function fillId(orderId: string, n: number): string {
  return `${orderId}-F${n}`;
}
