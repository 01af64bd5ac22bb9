import type { MarketDataPayload } from '../../domain/payloads.ts';
import type { Nanos } from '../../domain/time.ts';
import { type InstrumentSpec, onGrid } from './instruments.ts';

/** The MARKET_DATA payloads the synthetic market emits. */
export type MarketDataEvent = Extract<MarketDataPayload, { kind: 'trade' | 'quote' | 'book' }>;

/** Top of book held as integer ticks and lots, so the grid is exact by construction. */
export interface TopOfBook {
  bidTicks: number;
  askTicks: number;
  bidLots: number;
  askLots: number;
}

export function quoteEvent(spec: InstrumentSpec, top: TopOfBook, tsNs: Nanos): MarketDataEvent {
  return {
    kind: 'quote',
    symbol: spec.symbol,
    bid: onGrid(top.bidTicks, spec.tickSize),
    ask: onGrid(top.askTicks, spec.tickSize),
    bidSize: onGrid(top.bidLots, spec.lotSize),
    askSize: onGrid(top.askLots, spec.lotSize),
    tsNs,
  };
}

/**
 * L2 snapshot whose first level is exactly the top of book; deeper levels sit one tick apart with
 * depth growing away from the touch. depthLots supplies the lots of level i >= 1 on each side.
 */
export function bookEvent(
  spec: InstrumentSpec,
  top: TopOfBook,
  levels: number,
  depthLots: (level: number) => number,
  tsNs: Nanos,
): MarketDataEvent {
  const bids: [number, number][] = [];
  const asks: [number, number][] = [];
  for (let i = 0; i < levels; i++) {
    const bidTicks = top.bidTicks - i;
    if (bidTicks >= 1) {
      const lots = i === 0 ? top.bidLots : depthLots(i);
      bids.push([onGrid(bidTicks, spec.tickSize), onGrid(lots, spec.lotSize)]);
    }
    const askLots = i === 0 ? top.askLots : depthLots(i);
    asks.push([onGrid(top.askTicks + i, spec.tickSize), onGrid(askLots, spec.lotSize)]);
  }
  return { kind: 'book', symbol: spec.symbol, bids, asks, tsNs };
}
