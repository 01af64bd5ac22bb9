import type { Nanos } from '../../domain/time.ts';
import type { Instrument } from '../../trading/instruments/instrument.ts';
import type { Fixed } from '../../trading/money/fixed.ts';
import type { Money } from '../../trading/money/money.ts';
import type { Exposure } from '../../trading/portfolio/portfolio.ts';
import type { PositionFill, PositionSide } from '../../trading/positions/position.ts';
import type { PositionEvent } from '../../trading/positions/position-book.ts';

/** `position.change.<symbol>`: the position a fill moved (exact amounts as decimal strings). */
export interface PositionChangePayload {
  account: string;
  symbol: string;
  instrumentId: string;
  positionId: string;
  /** Net signed quantity of the instrument after the fill. */
  quantity: string;
  side: PositionSide;
  /** Average open price of the position (0 when flat), at the instrument's price precision. */
  avgPrice: string;
  /** Realised PnL booked by this fill, and the account's total, in the quote currency. */
  realizedPnl: string;
  totalRealizedPnl: string;
  currency: string;
  events: PositionEvent['type'][];
  orderId: string;
  fillId: string;
  fillSide: PositionFill['side'];
  fillPrice: string;
  fillQuantity: string;
  commission: { amount: string; currency: string };
  tsNs: Nanos;
}

export interface InstrumentExposure extends Exposure {
  symbol: string;
}

export interface ExposureSummary {
  /** Sum of |notional| and signed sum, in the base currency. */
  gross: number;
  net: number;
  byInstrument: InstrumentExposure[];
  /** By quote currency: notional in that currency and in the base currency. */
  byCurrency: Record<string, { notional: number; notionalBase: number }>;
  /** Base-currency notional by configured sector; present when sectors are configured. */
  bySector?: Record<string, number>;
}

/** `portfolio.update.<account>`: a valuation of the account. */
export interface PortfolioUpdatePayload {
  account: string;
  baseCurrency: string;
  startingCapital: number;
  /** Base currency: starting capital + realised − commissions + unrealised. */
  equity: number;
  realizedPnl: Record<string, string>;
  unrealizedPnl: Record<string, string>;
  commissions: Record<string, string>;
  exposures: ExposureSummary;
  openPositions: number;
  fills: number;
  reason: 'fill' | 'bar' | 'interval';
  tsNs: Nanos;
}

export function positionChange(
  account: string,
  instrument: Instrument,
  fill: PositionFill,
  result: { events: PositionEvent[]; netQty: Fixed; realized: Money; totalRealized: Money },
): PositionChangePayload {
  const { position } = result.events.at(-1)!;
  return {
    account,
    symbol: instrument.symbol,
    instrumentId: instrument.id,
    positionId: position.id,
    quantity: result.netQty.toString(),
    side: position.side,
    avgPrice: position.avgOpenPxAt(instrument.pricePrecision).toString(),
    realizedPnl: result.realized.amount.toString(),
    totalRealizedPnl: result.totalRealized.amount.toString(),
    currency: instrument.quoteCurrency,
    events: result.events.map((event) => event.type),
    orderId: fill.orderId,
    fillId: fill.fillId,
    fillSide: fill.side,
    fillPrice: fill.price.toString(),
    fillQuantity: fill.quantity.toString(),
    commission: fill.commission.toJSON(),
    tsNs: fill.tsNs,
  };
}

export function exposureSummary(
  exposures: readonly Exposure[],
  symbolOf: (instrumentId: string) => string,
  sectors: Readonly<Record<string, string>>,
): ExposureSummary {
  const summary: ExposureSummary = { gross: 0, net: 0, byInstrument: [], byCurrency: {} };
  const bySector: Record<string, number> = {};
  for (const exposure of exposures) {
    const symbol = symbolOf(exposure.instrumentId);
    summary.byInstrument.push({ symbol, ...exposure });
    summary.gross += Math.abs(exposure.notionalBase);
    summary.net += exposure.notionalBase;
    const prior = summary.byCurrency[exposure.currency] ?? { notional: 0, notionalBase: 0 };
    summary.byCurrency[exposure.currency] = {
      notional: prior.notional + exposure.notional,
      notionalBase: prior.notionalBase + exposure.notionalBase,
    };
    const sector = sectors[symbol] ?? 'other';
    bySector[sector] = (bySector[sector] ?? 0) + exposure.notionalBase;
  }
  if (Object.keys(sectors).length > 0) summary.bySector = bySector;
  return summary;
}

/** Exact money per currency as decimal strings, currencies sorted. */
export function byCurrency(amounts: Iterable<Money>): Record<string, string> {
  const sorted = [...amounts].sort((a, b) => (a.currency < b.currency ? -1 : 1));
  return Object.fromEntries(sorted.map((money) => [money.currency, money.amount.toString()]));
}
