import { Ema } from '../indicators.ts';
import type { Direction } from '../types.ts';

export type Trend = 'up' | 'down';

/**
 * Fast/slow EMA crossover. Once both EMAs are warm (after `slow` prices) it tracks the sign of
 * fast - slow; a cross is a change of that sign between two updates (equality keeps the last
 * sign). `trend` is the direction of the latest cross, undefined before the first one.
 */
export class EmaCrossRule {
  readonly fast: Ema;
  readonly slow: Ema;
  trend: Trend | undefined;
  private sign: -1 | 0 | 1 = 0;

  constructor(fast: number, slow: number) {
    this.fast = new Ema(fast);
    this.slow = new Ema(slow);
  }

  /** Feeds a price; returns the new trend when this price made the EMAs cross. */
  update(price: number): Trend | undefined {
    const fast = this.fast.update(price);
    const slow = this.slow.update(price);
    if (fast === undefined || slow === undefined || fast === slow) return undefined;
    const sign = fast > slow ? 1 : -1;
    const crossed = this.sign !== 0 && sign !== this.sign;
    this.sign = sign;
    if (!crossed) return undefined;
    this.trend = sign > 0 ? 'up' : 'down';
    return this.trend;
  }

  /** The position the trend asks for: long on up, short (or flat when not allowed) on down. */
  direction(allowShort: boolean): Direction {
    if (this.trend === 'up') return 'long';
    if (this.trend === 'down') return allowShort ? 'short' : 'flat';
    return 'flat';
  }
}
