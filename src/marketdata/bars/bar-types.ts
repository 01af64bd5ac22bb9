import type { z } from 'zod';
import type { bar, tradeTick } from '../../domain/payloads.ts';

export type TradeTick = z.output<typeof tradeTick>;
export type Bar = z.output<typeof bar>;

/** Every aggregator is fed trades in time order and hands back the bars each trade completed. */
export interface BarAggregator {
  readonly symbol: string;
  readonly spec: string;
  add(trade: TradeTick): Bar[];
}
