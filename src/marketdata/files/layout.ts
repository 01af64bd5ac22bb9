import { NautilusError } from '../../core/errors.ts';
import type { Nanos } from '../../domain/time.ts';
import { specDurationNs, specFromFileName, symbolFromFileName } from './file-name.ts';
import type { ColumnMapping, LayoutName, ReadOptions, TimeFormat, TimeLabel } from './file-record.ts';

export type Field = Exclude<keyof ColumnMapping, 'timeFormat'> | 'buyerMaker';

/** Header names (lower-cased) each field is recognised by. */
const ALIASES: Record<Field, readonly string[]> = {
  time: ['timestamp', 'timestamp_utc', 'ts_event', 'ts', 'datetime', 'time', 'date'],
  open: ['open', '1. open'],
  high: ['high', '2. high'],
  low: ['low', '3. low'],
  close: ['close', '4. close'],
  volume: ['volume', '5. volume'],
  bid: ['bid', 'bid_price'],
  ask: ['ask', 'ask_price'],
  bidSize: ['bid_size', 'bidsize'],
  askSize: ['ask_size', 'asksize'],
  price: ['price'],
  size: ['size', 'quantity', 'qty'],
  side: ['side', 'aggressor', 'aggressor_side'],
  buyerMaker: ['buyer_maker', 'is_buyer_maker'],
  tradeId: ['trade_id', 'tradeid'],
  symbol: ['symbol', 'ticker'],
};

export interface Layout {
  name: LayoutName;
  kind: 'bar' | 'quote' | 'trade' | 'wide-closes';
  /** Column index of each mapped field. */
  fields: Partial<Record<Field, number>>;
  /** Wide daily closes: one symbol per column. */
  symbolColumns: ReadonlyArray<{ index: number; symbol: string }>;
  columnCount: number;
  timeFormat: TimeFormat;
  timeZone: string;
  timeLabel: TimeLabel;
  symbol: string;
  spec: string;
  barNs: Nanos;
}

function fieldsFromHeader(header: readonly string[]): Partial<Record<Field, number>> {
  const fields: Partial<Record<Field, number>> = {};
  header.forEach((name, index) => {
    const key = name.trim().toLowerCase();
    const field = (Object.keys(ALIASES) as Field[]).find((f) => ALIASES[f].includes(key));
    if (field !== undefined && fields[field] === undefined) fields[field] = index;
  });
  return fields;
}

function fieldsFromMapping(path: string, header: readonly string[], mapping: ColumnMapping) {
  const fields: Partial<Record<Field, number>> = {};
  for (const [field, ref] of Object.entries(mapping)) {
    if (field === 'timeFormat' || ref === undefined) continue;
    const index = typeof ref === 'number' ? ref : header.indexOf(ref);
    if (index < 0 || index >= header.length) {
      throw new NautilusError(
        'CONFIG_INVALID',
        `${path}: column ${JSON.stringify(ref)} for ${field} not found`,
      );
    }
    fields[field as Field] = index;
  }
  return fields;
}

function kindOf(fields: Partial<Record<Field, number>>, otherColumns: number): Layout['kind'] | undefined {
  const has = (...names: Field[]) => names.every((n) => fields[n] !== undefined);
  if (!has('time')) return undefined;
  if (has('open', 'high', 'low', 'close')) return 'bar';
  if (has('bid', 'ask')) return 'quote';
  if (has('price')) return 'trade';
  return otherColumns > 0 && Object.keys(fields).length === 1 ? 'wide-closes' : undefined;
}

function nameOf(kind: Layout['kind'], header: readonly string[], fields: Layout['fields']): LayoutName {
  if (kind === 'wide-closes') return 'wide-daily-closes';
  if (kind === 'quote') return 'quotes';
  if (kind === 'trade') return 'trades';
  if (header.includes('1. open')) return 'alpha-vantage-intraday';
  return fields.volume === undefined ? 'ohlc-bars' : 'ohlcv-bars';
}

/** Detects the layout from a header row (CSV) or column names (Parquet), plus the file name. */
export function detectLayout(path: string, header: readonly string[], options: ReadOptions): Layout {
  const fields = options.columns
    ? fieldsFromMapping(path, header, options.columns)
    : fieldsFromHeader(header);
  const kind = kindOf(fields, header.length - 1);
  if (kind === undefined) {
    throw new NautilusError('CONFIG_INVALID', `${path}: unrecognized layout, header ${header.join(',')}`);
  }
  const name = options.columns ? 'custom' : nameOf(kind, header, fields);
  // Alpha Vantage stamps intraday bars with their close, in exchange (US/Eastern) time.
  const alphaVantage = name === 'alpha-vantage-intraday';
  const spec = options.spec ?? (kind === 'wide-closes' ? '1d' : (specFromFileName(path) ?? '1m'));
  const barNs = specDurationNs(spec);
  if (barNs === undefined) throw new NautilusError('CONFIG_INVALID', `bar spec ${spec} has no duration`);
  return {
    name,
    kind,
    fields,
    symbolColumns:
      kind === 'wide-closes'
        ? header
            .map((symbol, index) => ({ index, symbol: symbol.trim() }))
            .filter((c) => c.index !== fields.time)
        : [],
    columnCount: header.length,
    timeFormat: options.columns?.timeFormat ?? 'iso',
    timeZone: options.timeZone ?? (alphaVantage ? 'America/New_York' : 'UTC'),
    timeLabel: options.timeLabel ?? (alphaVantage ? 'close' : 'open'),
    symbol: options.symbol ?? symbolFromFileName(path),
    spec,
    barNs,
  };
}
