import type { Nanos } from '../../domain/time.ts';
import { splitCsvLine } from './csv-lines.ts';
import {
  epochValueToNanos,
  fastIsoNanos,
  parseEpochNanos,
  parseIsoNanos,
  type WallClockToUtc,
} from './exact-time.ts';
import type { FileRecord } from './file-record.ts';
import type { Field, Layout } from './layout.ts';

/** A row's records, or why the row is bad. */
export type RowResult = { records: FileRecord[] } | { reason: string };

class BadCell extends Error {}

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const BUY = new Set(['buy', 'b', 'bid']);
const SELL = new Set(['sell', 's', 'ask']);
/** 10^k for k <= 22: exact doubles, so `digits / 10^k` below is one correctly rounded division. */
const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);

/**
 * `[+-]digits[.digits]` with at most 15 digits, by char codes: the value `Number(text)` gives (an
 * integer below 2^53 divided by an exact power of ten rounds once, as the decimal does). NaN for
 * anything else (exponents, spaces, longer numbers, non-numbers), which takes the general path.
 */
function fastDecimal(text: string, start: number, end: number): number {
  const length = end;
  let i = start;
  let negative = false;
  const first = text.charCodeAt(start);
  if (first === 45 || first === 43) {
    negative = first === 45;
    i = start + 1;
  }
  let mantissa = 0;
  let digits = 0;
  let scale = -1; // digits after the point, once one is seen
  for (; i < length; i++) {
    const c = text.charCodeAt(i);
    const d = c - 48;
    if (d >= 0 && d <= 9) {
      mantissa = mantissa * 10 + d;
      digits++;
      if (scale >= 0) scale++;
    } else if (c === 46 && scale < 0) scale = 0;
    else return Number.NaN;
  }
  if (digits === 0 || digits > 15) return Number.NaN;
  const value = scale > 0 ? mantissa / POW10[scale]! : mantissa;
  return negative ? -value : value;
}

function numberCell(value: unknown, what: string): number {
  if (typeof value === 'string') {
    const fast = fastDecimal(value, 0, value.length);
    if (!Number.isNaN(fast)) return fast;
  }
  const n = typeof value === 'string' && NUMBER.test(value.trim()) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n))
    throw new BadCell(`non-numeric ${what} ${JSON.stringify(value)}`);
  return n;
}

function quantityCell(value: unknown, what: string): number {
  const n = numberCell(value, what);
  if (n < 0) throw new BadCell(`negative ${what} ${n}`);
  return n;
}

function aggressorCell(side: unknown, buyerMaker: unknown): 'buy' | 'sell' | undefined {
  // A buyer-maker print was hit by a seller.
  if (buyerMaker !== undefined && buyerMaker !== null && buyerMaker !== '') {
    const maker = String(buyerMaker).toLowerCase();
    return maker === 'true' || maker === '1' ? 'sell' : 'buy';
  }
  if (side === undefined || side === null || side === '') return undefined;
  // The usual spellings, without trimming and lower-casing a copy.
  if (side === 'buy') return 'buy';
  if (side === 'sell') return 'sell';
  const text = String(side).trim().toLowerCase();
  if (BUY.has(text)) return 'buy';
  if (SELL.has(text)) return 'sell';
  throw new BadCell(`unknown side ${JSON.stringify(side)}`);
}

const NONE = -1;

/** `text[start, end)` is exactly `word` (ASCII). */
function rangeIs(text: string, start: number, end: number, word: string): boolean {
  if (end - start !== word.length) return false;
  for (let i = 0; i < word.length; i++) if (text.charCodeAt(start + i) !== word.charCodeAt(i)) return false;
  return true;
}

/** Builds records from one row's cells (CSV strings, or Parquet values with times already in ns). */
export class RowRecords {
  // Column index per field (NONE when unmapped), read once from the layout.
  readonly #time: number;
  readonly #symbol: number;
  readonly #bid: number;
  readonly #ask: number;
  readonly #bidSize: number;
  readonly #askSize: number;
  readonly #price: number;
  readonly #size: number;
  readonly #side: number;
  readonly #buyerMaker: number;
  readonly #tradeId: number;
  readonly #open: number;
  readonly #high: number;
  readonly #low: number;
  readonly #close: number;
  readonly #volume: number;
  readonly #columnCount: number;
  /** Cell i of the current CSV line is `line.slice(#starts[i], #ends[i])`; reused for every line. */
  readonly #starts: Int32Array;
  readonly #ends: Int32Array;
  #line = '';

  constructor(
    private readonly layout: Layout,
    private readonly toUtc: WallClockToUtc,
  ) {
    const index = (field: Field) => layout.fields[field] ?? NONE;
    this.#time = index('time');
    this.#symbol = index('symbol');
    this.#bid = index('bid');
    this.#ask = index('ask');
    this.#bidSize = index('bidSize');
    this.#askSize = index('askSize');
    this.#price = index('price');
    this.#size = index('size');
    this.#side = index('side');
    this.#buyerMaker = index('buyerMaker');
    this.#tradeId = index('tradeId');
    this.#open = index('open');
    this.#high = index('high');
    this.#low = index('low');
    this.#close = index('close');
    this.#volume = index('volume');
    this.#columnCount = layout.columnCount;
    this.#starts = new Int32Array(layout.columnCount);
    this.#ends = new Int32Array(layout.columnCount);
  }

  /**
   * One CSV data line: as `splitCsvLine` then a column-count check then `buildInto`, with the same
   * records and reasons, but numbers and times are read in place from the line instead of from a
   * substring per cell. Lines with quotes (and wide tables) take the split path.
   */
  buildLine(line: string, out: FileRecord[]): string | undefined {
    const columnCount = this.#columnCount;
    if (this.layout.kind === 'wide-closes' || line.indexOf('"') !== -1) {
      const cells = splitCsvLine(line);
      if (cells.length !== columnCount) return `expected ${columnCount} columns, found ${cells.length}`;
      return this.buildInto(cells, out);
    }
    const starts = this.#starts;
    const ends = this.#ends;
    let cells = 0;
    let start = 0;
    for (;;) {
      const comma = line.indexOf(',', start);
      const end = comma === -1 ? line.length : comma;
      if (cells < columnCount) {
        starts[cells] = start;
        ends[cells] = end;
      }
      cells++;
      if (comma === -1) break;
      start = comma + 1;
    }
    if (cells !== columnCount) return `expected ${columnCount} columns, found ${cells}`;
    this.#line = line;
    try {
      this.#lineRecords(line, out);
      return undefined;
    } catch (error) {
      if (error instanceof BadCell || error instanceof RangeError) return error.message;
      throw error;
    } finally {
      this.#line = '';
    }
  }

  #text(index: number): string {
    return this.#line.slice(this.#starts[index]!, this.#ends[index]!);
  }

  #number(index: number, what: string): number {
    const fast = fastDecimal(this.#line, this.#starts[index]!, this.#ends[index]!);
    return Number.isNaN(fast) ? numberCell(this.#text(index), what) : fast;
  }

  /** As #quantity for a line: every mapped column is present once the column count matched. */
  #lineQuantity(index: number, what: string): number {
    if (index === NONE) return 0;
    const fast = fastDecimal(this.#line, this.#starts[index]!, this.#ends[index]!);
    return Number.isNaN(fast) || fast < 0 ? quantityCell(this.#text(index), what) : fast;
  }

  #lineRecords(line: string, out: FileRecord[]): void {
    const { layout } = this;
    const t = this.#time;
    let tsNs: Nanos | undefined;
    if (t !== NONE && layout.timeFormat === 'iso')
      tsNs = fastIsoNanos(line, this.#starts[t]!, this.#ends[t]!, this.toUtc);
    if (tsNs === undefined) tsNs = this.#timeOf(t === NONE ? undefined : this.#text(t));
    const symbolCell = this.#symbol === NONE ? '' : this.#text(this.#symbol);
    const symbol = symbolCell !== '' ? symbolCell : layout.symbol;
    const kind = layout.kind;
    if (kind === 'quote') {
      const bid = this.#number(this.#bid, 'bid');
      const ask = this.#number(this.#ask, 'ask');
      const bidSize = this.#lineQuantity(this.#bidSize, 'bidSize');
      const askSize = this.#lineQuantity(this.#askSize, 'askSize');
      out.push({ kind: 'quote', symbol, bid, ask, bidSize, askSize, tsNs });
      return;
    }
    if (kind === 'trade') {
      const price = this.#number(this.#price, 'price');
      const size = this.#lineQuantity(this.#size, 'size');
      let aggressor: 'buy' | 'sell' | undefined;
      const side = this.#side;
      if (
        this.#buyerMaker === NONE &&
        side !== NONE &&
        rangeIs(line, this.#starts[side]!, this.#ends[side]!, 'buy')
      )
        aggressor = 'buy';
      else if (
        this.#buyerMaker === NONE &&
        side !== NONE &&
        rangeIs(line, this.#starts[side]!, this.#ends[side]!, 'sell')
      )
        aggressor = 'sell';
      else
        aggressor = aggressorCell(
          side === NONE ? undefined : this.#text(side),
          this.#buyerMaker === NONE ? undefined : this.#text(this.#buyerMaker),
        );
      const id = this.#tradeId === NONE ? '' : this.#text(this.#tradeId);
      // Same keys in the same order as `#records`.
      if (aggressor) {
        if (id !== '') out.push({ kind: 'trade', symbol, price, size, aggressor, tradeId: id, tsNs });
        else out.push({ kind: 'trade', symbol, price, size, aggressor, tsNs });
      } else if (id !== '') out.push({ kind: 'trade', symbol, price, size, tradeId: id, tsNs });
      else out.push({ kind: 'trade', symbol, price, size, tsNs });
      return;
    }
    const startNs = layout.timeLabel === 'open' ? tsNs : tsNs - layout.barNs;
    const endNs = layout.timeLabel === 'open' ? tsNs + layout.barNs : tsNs;
    const open = this.#number(this.#open, 'open');
    const high = this.#number(this.#high, 'high');
    const low = this.#number(this.#low, 'low');
    const close = this.#number(this.#close, 'close');
    if (high < low) throw new BadCell(`high ${high} < low ${low}`);
    if (Math.max(open, close) > high || Math.min(open, close) < low) {
      throw new BadCell(`open ${open} or close ${close} outside low ${low} .. high ${high}`);
    }
    const volume = this.#lineQuantity(this.#volume, 'volume');
    out.push({ kind: 'bar', symbol, spec: layout.spec, open, high, low, close, volume, startNs, endNs });
  }

  build(cells: readonly unknown[]): RowResult {
    const records: FileRecord[] = [];
    const reason = this.buildInto(cells, records);
    return reason === undefined ? { records } : { reason };
  }

  /**
   * Appends a row's records to `out` and returns undefined, or returns why the row is bad (and
   * appends nothing). The allocation-free form of `build` for the read loop.
   */
  buildInto(cells: readonly unknown[], out: FileRecord[]): string | undefined {
    try {
      this.#records(cells, out);
      return undefined;
    } catch (error) {
      if (error instanceof BadCell || error instanceof RangeError) return error.message;
      throw error;
    }
  }

  #timeOf(value: unknown): Nanos {
    const { timeFormat } = this.layout;
    if (typeof value === 'string') {
      return timeFormat === 'iso' ? parseIsoNanos(value, this.toUtc) : parseEpochNanos(value, timeFormat);
    }
    if (typeof value === 'bigint' && timeFormat === 'iso') return value; // Parquet timestamps, parsed to ns
    if (typeof value === 'number' || typeof value === 'bigint') {
      if (timeFormat === 'iso') throw new BadCell(`unparsable time ${String(value)}`);
      return epochValueToNanos(value, timeFormat);
    }
    throw new BadCell(`missing time`);
  }

  #records(cells: readonly unknown[], out: FileRecord[]): void {
    const { layout } = this;
    const tsNs = this.#timeOf(this.#time === NONE ? undefined : cells[this.#time]);
    const symbolCell = this.#symbol === NONE ? undefined : cells[this.#symbol];
    const symbol = typeof symbolCell === 'string' && symbolCell !== '' ? symbolCell : layout.symbol;
    const kind = layout.kind;
    if (kind === 'quote') {
      const bid = numberCell(cells[this.#bid], 'bid');
      const ask = numberCell(cells[this.#ask], 'ask');
      const bidSize = this.#quantity(cells, this.#bidSize, 'bidSize');
      const askSize = this.#quantity(cells, this.#askSize, 'askSize');
      out.push({ kind: 'quote', symbol, bid, ask, bidSize, askSize, tsNs });
      return;
    }
    if (kind === 'trade') {
      const price = numberCell(cells[this.#price], 'price');
      const size = this.#quantity(cells, this.#size, 'size');
      const aggressor = aggressorCell(
        this.#side === NONE ? undefined : cells[this.#side],
        this.#buyerMaker === NONE ? undefined : cells[this.#buyerMaker],
      );
      const id = this.#tradeId === NONE ? undefined : cells[this.#tradeId];
      const hasId = id !== undefined && id !== null && id !== '';
      // Same keys in the same order as before: kind, symbol, price, size, [aggressor], [tradeId], tsNs.
      if (aggressor) {
        if (hasId) {
          const tradeId = String(id);
          out.push({ kind: 'trade', symbol, price, size, aggressor, tradeId, tsNs });
        } else out.push({ kind: 'trade', symbol, price, size, aggressor, tsNs });
      } else if (hasId) {
        const tradeId = String(id);
        out.push({ kind: 'trade', symbol, price, size, tradeId, tsNs });
      } else out.push({ kind: 'trade', symbol, price, size, tsNs });
      return;
    }
    const startNs = layout.timeLabel === 'open' ? tsNs : tsNs - layout.barNs;
    const endNs = layout.timeLabel === 'open' ? tsNs + layout.barNs : tsNs;
    const spec = layout.spec;
    if (kind === 'wide-closes') {
      // Blank cells mean the stock was not listed yet: no record, and not a bad row.
      // Every close is checked before any record is appended: a bad cell leaves `out` untouched.
      const start = out.length;
      try {
        for (const { index, symbol } of layout.symbolColumns) {
          if (cells[index] === '' || cells[index] === undefined) continue;
          const close = numberCell(cells[index], `close of ${symbol}`);
          out.push({
            kind: 'bar',
            symbol,
            spec,
            open: close,
            high: close,
            low: close,
            close,
            volume: 0,
            startNs,
            endNs,
          });
        }
      } catch (error) {
        out.length = start;
        throw error;
      }
      return;
    }
    const open = numberCell(this.#open === NONE ? undefined : cells[this.#open], 'open');
    const high = numberCell(this.#high === NONE ? undefined : cells[this.#high], 'high');
    const low = numberCell(this.#low === NONE ? undefined : cells[this.#low], 'low');
    const close = numberCell(this.#close === NONE ? undefined : cells[this.#close], 'close');
    if (high < low) throw new BadCell(`high ${high} < low ${low}`);
    if (Math.max(open, close) > high || Math.min(open, close) < low) {
      throw new BadCell(`open ${open} or close ${close} outside low ${low} .. high ${high}`);
    }
    const volume = this.#quantity(cells, this.#volume, 'volume');
    out.push({ kind: 'bar', symbol, spec, open, high, low, close, volume, startNs, endNs });
  }

  /** An optional non-negative quantity: 0 when the column is not mapped (or the cell is missing). */
  #quantity(cells: readonly unknown[], index: number, what: string): number {
    if (index === NONE) return 0;
    const value = cells[index];
    return value === undefined ? 0 : quantityCell(value, what);
  }
}
