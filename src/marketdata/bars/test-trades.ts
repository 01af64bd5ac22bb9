import type { TradeTick } from './bar-types.ts';

/** Compact trade fixture for the aggregator tests. */
export function trade(tsNs: bigint, price: number, size: number, symbol = 'BTCUSDT'): TradeTick {
  return { kind: 'trade', symbol, price, size, tsNs };
}
