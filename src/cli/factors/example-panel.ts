/**
 * An example long panel from a wide daily price file such as ../shared/data/stock_prices.csv: the
 * returns are real (close-to-close), everything else is SYNTHETIC but deterministic, for examples
 * and tests only: shares outstanding, book/sales/cash-flow per share (fixed per stock, so the
 * ratios move with the price), and sectors (an approximate GICS-style sector for the 20 stocks of
 * that file, "other" for any other column). Market cap = shares x previous close, the start of
 * the period, so the size exposure does not see the return it explains.
 */
import type { CsvTable } from '../analytics/csv.ts';
import { widePrices } from '../analytics/csv.ts';

const SECTORS: Record<string, string> = {
  GOOG: 'communication',
  FB: 'communication',
  T: 'communication',
  AAPL: 'technology',
  AMD: 'technology',
  MA: 'technology',
  BABA: 'consumer-discretionary',
  AMZN: 'consumer-discretionary',
  GM: 'consumer-discretionary',
  UAA: 'consumer-discretionary',
  SHLD: 'consumer-discretionary',
  BBY: 'consumer-discretionary',
  SBUX: 'consumer-discretionary',
  WMT: 'consumer-staples',
  GE: 'industrials',
  BAC: 'financials',
  JPM: 'financials',
  XOM: 'energy',
  RRC: 'energy',
  PFE: 'health-care',
};

export const EXAMPLE_PANEL_HEADER = 'date,symbol,return,market_cap,sector,book_price,sales_price,cf_price';

const num = (x: number) => String(Number(x.toPrecision(10)));

/** Panel CSV lines (header first) for the rows `fromRow` onwards of a wide price table. */
export function examplePanelLines(table: CsvTable, fromRow = 1): string[] {
  const columns = table.columns.map((_, i) => i).slice(1);
  const prices = widePrices(table, columns);
  const lines = [EXAMPLE_PANEL_HEADER];
  const firstPrice = columns.map((_, j) => prices.find((row) => row[j] !== null)?.[j] ?? 1);
  for (let t = Math.max(1, fromRow); t < prices.length; t++)
    columns.forEach((column, j) => {
      const previous = prices[t - 1]![j];
      const close = prices[t]![j];
      if (previous == null || close == null) return;
      const symbol = table.columns[column]!;
      const first = firstPrice[j]!;
      const shares = 1e8 * (2 + ((j * 7919) % 13));
      const book = first * (0.2 + 0.05 * (j % 7));
      const sales = first * (0.5 + 0.1 * ((j * 3) % 5));
      const cashFlow = first * (0.02 + 0.01 * ((j * 5) % 4)) * (j % 6 === 5 ? -1 : 1);
      lines.push(
        [
          table.rows[t]!.cells[0]!,
          symbol,
          num(close / previous - 1),
          num(shares * previous),
          SECTORS[symbol] ?? 'other',
          num(book / previous),
          num(sales / previous),
          num(cashFlow / previous),
        ].join(','),
      );
    });
  return lines;
}
