import { z } from 'zod';
import type { Instrument } from '../../instruments/instrument.ts';
import { Fixed } from '../../money/fixed.ts';
import type { Order } from '../../orders/order.ts';
import type { OrderEvent } from '../../orders/order-events.ts';
import { snapQuantity } from '../grid.ts';
import { Strategy } from '../strategy.ts';
import type { StrategyContext } from '../strategy-context.ts';
import type { Direction } from '../types.ts';

/** Params every single-symbol directional strategy takes. */
export const directionalParams = {
  /** Instrument symbol or id, e.g. "AAPL" or "AAPL.SIM". */
  symbol: z.string().min(1),
  /** Position size when long or short (snapped to the lot grid). */
  quantity: z.number().positive(),
  /** Go short on a bearish signal instead of flat. */
  allowShort: z.boolean().default(false),
};

/**
 * Net exposure on an instrument: the position plus the signed leaves of the open orders that
 * were sent (bracket exits still waiting for their entry do not count).
 */
export function exposure(ctx: StrategyContext, symbol: string): Fixed {
  let total = ctx.position(symbol).quantity;
  for (const order of ctx.openOrders(symbol)) {
    if (order.status === 'initialized') continue;
    total = total.add(order.side === 'buy' ? order.leavesQty : order.leavesQty.neg());
  }
  return total;
}

/**
 * A strategy that holds one of long / short / flat on one symbol with a fixed size. Subclasses
 * decide the direction; `goTo` publishes a signal when it changes and sends the market order
 * that takes the exposure (position + working orders) to the target, so it never doubles up.
 */
export abstract class DirectionalStrategy<
  P extends { symbol: string; quantity: number },
> extends Strategy<P> {
  protected direction: Direction = 'flat';
  private resolved: Instrument | undefined;
  /** A rejected order's direction, and decisions since: not re-sent each bar (risk may be REDUCING). */
  private refused: { direction: Direction; decisions: number } | undefined;

  protected get instrument(): Instrument {
    this.resolved ??= this.ctx.instruments.get(this.params.symbol);
    return this.resolved;
  }

  /** Fails fast on an unknown symbol or an untradable quantity. */
  override onStart(): void {
    snapQuantity(this.instrument, this.params.quantity);
  }

  protected isMine(symbol: string): boolean {
    const instrument = this.instrument;
    return symbol === this.params.symbol || symbol === instrument.id || symbol === instrument.symbol;
  }

  protected goTo(direction: Direction, reason: string, strength?: number): Order | undefined {
    if (direction !== this.direction) {
      this.direction = direction;
      this.ctx.publishSignal({
        symbol: this.params.symbol,
        direction,
        reason,
        ...(strength === undefined ? {} : { strength }),
      });
      this.ctx.log.info(`${this.id}: ${direction} ${this.params.symbol} (${reason})`);
    }
    return this.rebalance();
  }

  /** After a rejection the same target waits this many decisions (bars or quotes) before a retry. */
  static readonly RETRY_AFTER_DECISIONS = 10;

  override onOrderEvent(event: OrderEvent): void {
    if (event.type === 'rejected') this.refused = { direction: this.direction, decisions: 0 };
  }

  /** Sends the market order (if any) that takes the exposure to the current direction's target. */
  protected rebalance(): Order | undefined {
    if (this.refused) {
      const waiting =
        this.refused.direction === this.direction &&
        ++this.refused.decisions < DirectionalStrategy.RETRY_AFTER_DECISIONS;
      if (waiting) return undefined;
      this.refused = undefined;
    }
    const size = snapQuantity(this.instrument, this.params.quantity);
    const target =
      this.direction === 'long' ? size : this.direction === 'short' ? size.neg() : Fixed.zero(size.scale);
    const diff = target.sub(exposure(this.ctx, this.instrument.id));
    if (diff.isZero()) return undefined;
    return this.ctx.orders.market(this.instrument.id, diff.isPositive() ? 'buy' : 'sell', diff.abs());
  }
}
