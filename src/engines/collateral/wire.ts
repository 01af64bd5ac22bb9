/**
 * What the collateral engine reads from other engines' messages. Engines never import each
 * other, so the fields used are declared here (see the portfolio engine's portfolio-payloads.ts).
 */
import { z } from 'zod';
import type { MarketDataPayload } from '../../domain/payloads.ts';

/** `position.change.<symbol>`: exact amounts as decimal strings. */
export interface PositionChange {
  account: string;
  symbol: string;
  /** Net signed quantity after the fill. */
  quantity: string;
  fillSide: 'buy' | 'sell';
  fillPrice: string;
  fillQuantity: string;
  commission: { amount: string; currency: string };
}

/** `portfolio.update.<account>`: equity (float, base currency) and exposures of one snapshot. */
export interface PortfolioUpdate {
  account: string;
  baseCurrency: string;
  equity: number;
  exposures: { byInstrument: { symbol: string; notionalBase: number }[] };
}

/** The price a market-data message marks: trade price, quote mid, bar close; else none. */
export function markPrice(data: MarketDataPayload): { symbol: string; price: number } | undefined {
  switch (data.kind) {
    case 'trade':
      return { symbol: data.symbol, price: data.price };
    case 'quote':
      return data.bid > 0 && data.ask > 0
        ? { symbol: data.symbol, price: (data.bid + data.ask) / 2 }
        : undefined;
    case 'bar':
      return { symbol: data.symbol, price: data.close };
    default:
      return undefined;
  }
}

const decimal = z.string().regex(/^-?\d+(\.\d+)?$/, 'a decimal string such as "100" or "12.5"');

/** Body of the `projected-margin` bus endpoint. */
export const projectedMarginRequest = z.strictObject({
  account: z.string().min(1),
  symbol: z.string().min(1),
  side: z.enum(['buy', 'sell']),
  quantity: decimal,
  /** Default: the symbol's last mark. */
  price: decimal.optional(),
});
