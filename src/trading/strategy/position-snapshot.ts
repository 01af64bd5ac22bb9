import type { Instrument } from '../instruments/instrument.ts';
import type { PositionBook } from '../positions/position-book.ts';
import type { PositionSnapshot } from './strategy-context.ts';

/** What a strategy sees of its net position in one instrument (every context answers the same). */
export function positionSnapshot(instrument: Instrument, positions: PositionBook): PositionSnapshot {
  const open = positions.openPositions(instrument.id)[0];
  return {
    symbol: instrument.symbol,
    instrumentId: instrument.id,
    quantity: positions.netQuantity(instrument.id).rescale(instrument.sizePrecision),
    avgPrice: open?.avgOpenPxAt(instrument.pricePrecision + 4),
  };
}
