import { z } from 'zod';
import { RollingZScore } from '../indicators.ts';
import type { Bar, Direction } from '../types.ts';
import { DirectionalStrategy, directionalParams } from './directional-strategy.ts';

export const meanReversionSchema = z
  .strictObject({
    ...directionalParams,
    /** Bars in the z-score window (the current close included). */
    window: z.int().min(2).default(20),
    /** Enter when |z| exceeds this. */
    entry: z.number().positive().default(2),
    /** Exit when |z| falls below this; must be below entry. */
    exit: z.number().nonnegative().default(0.5),
  })
  .refine((p) => p.exit < p.entry, { message: 'exit must be less than entry', path: ['exit'] });

export type MeanReversionParams = z.output<typeof meanReversionSchema>;

/**
 * Mean reversion on the rolling z-score of the close.
 *
 * Params: symbol, quantity, window (20), entry (2.0), exit (0.5), allowShort (false).
 *
 * When it trades: on each bar close, z = (close - mean) / sample std over the last `window`
 * closes. z < -entry goes long (+quantity); z > entry goes short with allowShort, flat
 * otherwise; |z| < exit goes flat; anything else holds. No action until the window is full or
 * while the closes do not vary. A strategy signal is published whenever the direction changes.
 */
export class MeanReversion extends DirectionalStrategy<MeanReversionParams> {
  readonly zscore: RollingZScore;

  constructor(id: string, params: unknown) {
    super(id, meanReversionSchema, params);
    this.zscore = new RollingZScore(this.params.window);
  }

  override onBar(bar: Bar): void {
    if (!this.isMine(bar.symbol)) return;
    const z = this.zscore.update(bar.close);
    if (z === undefined) {
      this.rebalance();
      return;
    }
    const next = this.decide(z);
    const strength = Math.min(1, Math.abs(z) / (2 * this.params.entry));
    this.goTo(next, `z=${z.toFixed(4)}`, Number(strength.toFixed(4)));
  }

  private decide(z: number): Direction {
    const { entry, exit, allowShort } = this.params;
    if (z < -entry) return 'long';
    if (z > entry) return allowShort ? 'short' : 'flat';
    if (Math.abs(z) < exit) return 'flat';
    return this.direction;
  }
}
