/**
 * The long panel CSV of `nautilus factors returns`: one row per (date, symbol), header required.
 *
 * | column | required | meaning |
 * |---|---|---|
 * | date | yes | ISO date (YYYY-MM-DD, optionally with a time); rows may come in any order |
 * | symbol | yes | asset identifier |
 * | return | yes | simple return over the period ending on `date`, a decimal > -1 (0.01 = 1%) |
 * | market_cap | yes | market cap at the START of the period (> 0), e.g. shares x previous close |
 * | sector | yes | sector name; one sector per symbol for the whole file |
 * | book_price, sales_price, cf_price | no | book/price, sales/price, cash-flow/price ratios; blank = missing |
 *
 * An asset missing on a date simply has no row. Column names are case-insensitive; any other
 * column is refused (so a misspelt optional column is not silently ignored).
 */
import type { FactorPanel } from '../../signals/factor-model/panel.ts';
import { type CsvRow, fileError, numberCell, readCsv, rowError } from '../analytics/csv.ts';

const REQUIRED = ['date', 'symbol', 'return', 'market_cap', 'sector'] as const;
const OPTIONAL = ['book_price', 'sales_price', 'cf_price'] as const;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}([T ][0-9:.]+(Z|[+-]\d{2}:?\d{2})?)?$/;

interface PanelRow {
  date: string;
  symbol: string;
  ret: number;
  cap: number;
  ratios: number[];
}

export function readPanelCsv(file: string): FactorPanel {
  const table = readCsv(file);
  const header = `date,symbol,return,market_cap,sector[,${OPTIONAL.join(',')}]`;
  if (!table.hasHeader) throw fileError(file, `expected a header row: ${header}`);
  const names = table.columns.map((c) => c.trim().toLowerCase());
  const known: readonly string[] = [...REQUIRED, ...OPTIONAL];
  const unknown = table.columns.filter((_, i) => !known.includes(names[i]!));
  if (unknown.length > 0) throw fileError(file, `unknown column ${unknown.join(', ')} (columns: ${header})`);
  const missing = REQUIRED.filter((c) => !names.includes(c));
  if (missing.length > 0) throw fileError(file, `missing column ${missing.join(', ')} (columns: ${header})`);
  const at = (name: string) => names.indexOf(name);
  const optional = OPTIONAL.map(at);

  const rows: PanelRow[] = [];
  const seen = new Map<string, number>();
  const sectorOf = new Map<string, { sector: string; line: number }>();
  for (const row of table.rows) {
    const text = (name: string) => {
      const value = row.cells[at(name)]!;
      if (value === '') throw rowError(file, row.line, `empty ${name}`);
      return value;
    };
    const date = text('date');
    if (!ISO_DATE.test(date)) throw rowError(file, row.line, `date: expected YYYY-MM-DD, got "${date}"`);
    const symbol = text('symbol');
    const sector = text('sector');
    const key = `${date}\u0000${symbol}`;
    const earlier = seen.get(key);
    if (earlier !== undefined)
      throw rowError(file, row.line, `${symbol} on ${date} already given on line ${earlier}`);
    seen.set(key, row.line);
    const previous = sectorOf.get(symbol);
    if (previous && previous.sector !== sector)
      throw rowError(
        file,
        row.line,
        `${symbol}: sector ${sector}, but ${previous.sector} on line ${previous.line}`,
      );
    if (!previous) sectorOf.set(symbol, { sector, line: row.line });
    rows.push({
      date,
      symbol,
      ret: positiveGross(file, table, row, at('return')),
      cap: positive(file, table, row, at('market_cap')),
      ratios: optional.map((c) =>
        c < 0 || row.cells[c] === '' ? Number.NaN : numberCell(table, row, c, 'ratio'),
      ),
    });
  }
  return toPanel(
    rows,
    sectorOf,
    optional.map((c) => c >= 0),
  );
}

function positiveGross(file: string, table: Parameters<typeof numberCell>[0], row: CsvRow, column: number) {
  const r = numberCell(table, row, column, 'return');
  if (r <= -1) throw rowError(file, row.line, `return ${r} is <= -1 (-100%)`);
  return r;
}

function positive(file: string, table: Parameters<typeof numberCell>[0], row: CsvRow, column: number) {
  const cap = numberCell(table, row, column, 'market cap');
  if (!(cap > 0)) throw rowError(file, row.line, `market_cap ${cap} is not > 0`);
  return cap;
}

function toPanel(
  rows: PanelRow[],
  sectorOf: Map<string, { sector: string }>,
  hasRatio: boolean[],
): FactorPanel {
  const dates = [...new Set(rows.map((r) => r.date))].sort();
  const symbols = [...sectorOf.keys()].sort();
  const sectorNames = [...new Set(symbols.map((s) => sectorOf.get(s)!.sector))].sort();
  const dateIndex = new Map(dates.map((d, t) => [d, t]));
  const symbolIndex = new Map(symbols.map((s, i) => [s, i]));
  const N = symbols.length;
  const matrix = () => new Float64Array(dates.length * N).fill(Number.NaN);
  const returns = matrix();
  const marketCap = matrix();
  const ratios = hasRatio.map((has) => (has ? matrix() : undefined));
  for (const row of rows) {
    const cell = dateIndex.get(row.date)! * N + symbolIndex.get(row.symbol)!;
    returns[cell] = row.ret;
    marketCap[cell] = row.cap;
    ratios.forEach((m, k) => {
      if (m) m[cell] = row.ratios[k]!;
    });
  }
  return {
    dates,
    symbols,
    sectorNames,
    sectorOf: Int32Array.from(symbols, (s) => sectorNames.indexOf(sectorOf.get(s)!.sector)),
    returns,
    marketCap,
    bookPrice: ratios[0],
    salesPrice: ratios[1],
    cashFlowPrice: ratios[2],
  };
}
