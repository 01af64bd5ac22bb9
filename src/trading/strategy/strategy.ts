import type { z } from 'zod';
import { conflict, invalid } from '../errors.ts';
import type { OrderEvent } from '../orders/order-events.ts';
import type { StrategyContext } from './strategy-context.ts';
import type { Bar, BookSnapshot, QuoteTick, SignalEvent, TradeTick } from './types.ts';

const STRATEGY_ID = /^[A-Za-z0-9_-]{1,40}$/;

/** Parses raw params with the strategy's schema; the error names the strategy and every bad param. */
export function parseParams<P>(strategyId: string, schema: z.ZodType<P>, raw: unknown): P {
  const result = schema.safeParse(raw ?? {});
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    return path ? `${path}: ${issue.message}` : issue.message;
  });
  throw invalid(`strategy ${strategyId}: invalid params: ${problems.join('; ')}`, {
    strategyId,
    issues: problems,
  });
}

/**
 * A trading strategy. It only talks to the StrategyContext it is attached to, so the same code
 * runs in a backtest (test clock, simulated venue) and in paper or live trading. Every handler
 * defaults to a no-op; the runtime calls them in event order, one at a time.
 */
export abstract class Strategy<P = unknown> {
  readonly id: string;
  readonly params: P;
  private context: StrategyContext | undefined;

  constructor(id: string, schema: z.ZodType<P>, params: unknown) {
    if (!STRATEGY_ID.test(id)) throw invalid(`bad strategy id: ${JSON.stringify(id)} (1-40 of A-Za-z0-9_-)`);
    this.id = id;
    this.params = parseParams(id, schema, params);
  }

  /** Binds the context; done once by the runtime before `onStart`. */
  attach(ctx: StrategyContext): void {
    if (this.context && this.context !== ctx) throw conflict(`strategy ${this.id} is already attached`);
    if (ctx.strategyId !== this.id) {
      throw invalid(`context for ${ctx.strategyId} attached to strategy ${this.id}`);
    }
    this.context = ctx;
  }

  get isAttached(): boolean {
    return this.context !== undefined;
  }

  protected get ctx(): StrategyContext {
    if (!this.context) throw conflict(`strategy ${this.id} is not attached to a context`);
    return this.context;
  }

  onStart(): void {}
  onStop(): void {}
  onBar(_bar: Bar): void {}
  onQuote(_quote: QuoteTick): void {}
  onTrade(_trade: TradeTick): void {}
  onBook(_book: BookSnapshot): void {}
  /** Analytics topics (VPIN, risk, ML...): `{ topic, payload }`. */
  onSignal(_signal: SignalEvent): void {}
  /** Events of this strategy's own orders. */
  onOrderEvent(_event: OrderEvent): void {}
  /** A timer or time alert set through `ctx.clock` fired (at its scheduled time). */
  onTimer(_name: string): void {}
}
