/** Quote and book measures (no state: each quote or book snapshot gives them whole). */

export interface TopOfBook {
  bid: number;
  ask: number;
  bidSize: number;
  askSize: number;
}

/** A book side as [price, size] levels, best first (market_data.book.<symbol> payloads). */
export type Levels = ReadonlyArray<readonly [price: number, size: number]>;

export function spread(quote: TopOfBook): number {
  return quote.ask - quote.bid;
}

/** (ask - bid) / mid * 10,000. */
export function spreadBps(quote: TopOfBook): number {
  const mid = (quote.bid + quote.ask) / 2;
  return ((quote.ask - quote.bid) / mid) * 10_000;
}

/**
 * Size-weighted mid (Stoikov's "weighted mid", the usual microprice proxy):
 * (bid * askSize + ask * bidSize) / (bidSize + askSize). It leans toward the side with less
 * size, where the next trade is more likely to move the price. Plain mid when both sizes are 0.
 */
export function microprice(quote: TopOfBook): number {
  const total = quote.bidSize + quote.askSize;
  if (total === 0) return (quote.bid + quote.ask) / 2;
  return (quote.bid * quote.askSize + quote.ask * quote.bidSize) / total;
}

/**
 * Order-book imbalance over the best `depth` levels of each side:
 * (sum bid sizes - sum ask sizes) / (sum bid sizes + sum ask sizes), in [-1, 1]; NaN for an empty book.
 */
export function bookImbalance(bids: Levels, asks: Levels, depth: number): number {
  let bidSize = 0;
  let askSize = 0;
  for (let i = 0; i < depth && i < bids.length; i++) bidSize += bids[i]![1];
  for (let i = 0; i < depth && i < asks.length; i++) askSize += asks[i]![1];
  const total = bidSize + askSize;
  return total === 0 ? Number.NaN : (bidSize - askSize) / total;
}
