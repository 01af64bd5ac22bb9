import { z } from 'zod';
import type { Bar, Direction, QuoteTick, SignalEvent } from '../types.ts';
import { DirectionalStrategy, directionalParams } from './directional-strategy.ts';
import { EmaCrossRule } from './ema-cross-rule.ts';

export const vpinAwareSchema = z
  .strictObject({
    ...directionalParams,
    fast: z.int().positive().default(10),
    slow: z.int().positive().default(20),
    useQuotes: z.boolean().default(false),
    /** VPIN above this is toxic flow: no new entries. */
    toxicThreshold: z.number().min(0).max(1).default(0.7),
    /** While toxic, also close any open position. */
    flattenOnToxic: z.boolean().default(false),
  })
  .refine((p) => p.fast < p.slow, { message: 'fast must be less than slow', path: ['fast'] });

export type VpinAwareParams = z.output<typeof vpinAwareSchema>;

/**
 * The ema-cross trend rule, gated by order-flow toxicity.
 *
 * Params: the ema-cross ones (symbol, quantity, fast 10, slow 20, allowShort, useQuotes) plus
 * toxicThreshold (0.7) and flattenOnToxic (false).
 *
 * When it trades: the EMAs update on every bar (toxic or not). The latest VPIN of the symbol
 * comes from onSignal on any `vpin.*` topic (payload {symbol, vpin}); above toxicThreshold the
 * strategy is toxic. While clean it holds the trend direction exactly as ema-cross does. While
 * toxic it opens nothing: a held position is kept while the trend agrees and closed (not
 * reversed) when it turns; with flattenOnToxic it is closed at once. When VPIN drops back to the
 * threshold or below, it realigns with the current trend immediately. A strategy signal is
 * published whenever the direction changes.
 */
export class VpinAware extends DirectionalStrategy<VpinAwareParams> {
  readonly rule: EmaCrossRule;
  toxic = false;
  latestVpin: number | undefined;

  constructor(id: string, params: unknown) {
    super(id, vpinAwareSchema, params);
    this.rule = new EmaCrossRule(this.params.fast, this.params.slow);
  }

  override onBar(bar: Bar): void {
    if (!this.isMine(bar.symbol)) return;
    this.rule.update(bar.close);
    this.act();
  }

  override onQuote(quote: QuoteTick): void {
    if (!this.params.useQuotes || !this.isMine(quote.symbol)) return;
    this.rule.update((quote.bid + quote.ask) / 2);
    this.act();
  }

  override onSignal({ topic, payload }: SignalEvent): void {
    if (!topic.startsWith('vpin.')) return;
    const { symbol, vpin } = payload;
    if (typeof symbol !== 'string' || typeof vpin !== 'number' || !this.isMine(symbol)) return;
    this.latestVpin = vpin;
    const toxic = vpin > this.params.toxicThreshold;
    if (toxic === this.toxic) return;
    this.toxic = toxic;
    this.ctx.log.warn(
      `${this.id}: VPIN ${vpin} ${toxic ? 'above' : 'back to'} ${this.params.toxicThreshold}`,
      {
        symbol: this.params.symbol,
        vpin,
      },
    );
    this.act();
  }

  private act(): void {
    const trend = this.rule.direction(this.params.allowShort);
    if (!this.toxic) {
      this.goTo(trend, `trend ${trend}`);
      return;
    }
    const reason = `toxic flow, VPIN ${this.latestVpin}`;
    let next: Direction = this.direction;
    if (this.params.flattenOnToxic || trend !== this.direction) next = 'flat';
    this.goTo(next, reason);
  }
}
