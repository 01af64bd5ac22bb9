import { z } from 'zod';
import type { Bar, QuoteTick } from '../types.ts';
import { DirectionalStrategy, directionalParams } from './directional-strategy.ts';
import { EmaCrossRule } from './ema-cross-rule.ts';

export const emaCrossSchema = z
  .strictObject({
    ...directionalParams,
    /** Fast EMA period (bars). */
    fast: z.int().positive().default(10),
    /** Slow EMA period (bars); must exceed fast. */
    slow: z.int().positive().default(20),
    /** Also feed quote mid-prices ((bid + ask) / 2) into the EMAs. */
    useQuotes: z.boolean().default(false),
  })
  .refine((p) => p.fast < p.slow, { message: 'fast must be less than slow', path: ['fast'] });

export type EmaCrossParams = z.output<typeof emaCrossSchema>;

/**
 * EMA crossover trend follower on one symbol.
 *
 * Params: symbol, quantity, fast (10), slow (20), allowShort (false), useQuotes (false).
 *
 * When it trades: on each bar close (and quote mid when useQuotes) both EMAs update; once the
 * slow one is warm, the bar where fast crosses above slow takes the position to +quantity
 * (a market order), and the bar where it crosses below takes it to flat, or to -quantity with
 * allowShort. No position before the first cross. A strategy signal (long / short / flat) is
 * published whenever the direction changes.
 */
export class EmaCross extends DirectionalStrategy<EmaCrossParams> {
  readonly rule: EmaCrossRule;

  constructor(id: string, params: unknown) {
    super(id, emaCrossSchema, params);
    this.rule = new EmaCrossRule(this.params.fast, this.params.slow);
  }

  override onBar(bar: Bar): void {
    if (this.isMine(bar.symbol)) this.step(bar.close);
  }

  override onQuote(quote: QuoteTick): void {
    if (this.params.useQuotes && this.isMine(quote.symbol)) this.step((quote.bid + quote.ask) / 2);
  }

  private step(price: number): void {
    const crossed = this.rule.update(price);
    const { fast, slow } = this.params;
    this.goTo(
      this.rule.direction(this.params.allowShort),
      `ema ${fast}/${slow} crossed ${crossed ?? 'none'}`,
    );
  }
}
