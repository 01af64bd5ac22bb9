import type { Nanos } from '../../domain/time.ts';
import { epochValueToNanos, parseEpochNanos, parseIsoNanos, type WallClockToUtc } from './exact-time.ts';
import type { FileRecord } from './file-record.ts';
import type { Field, Layout } from './layout.ts';

/** A row's records, or why the row is bad. */
export type RowResult = { records: FileRecord[] } | { reason: string };

class BadCell extends Error {}

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const BUY = new Set(['buy', 'b', 'bid']);
const SELL = new Set(['sell', 's', 'ask']);

function numberCell(value: unknown, what: string): number {
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
  const text = String(side).trim().toLowerCase();
  if (BUY.has(text)) return 'buy';
  if (SELL.has(text)) return 'sell';
  throw new BadCell(`unknown side ${JSON.stringify(side)}`);
}

/** Builds records from one row's cells (CSV strings, or Parquet values with times already in ns). */
export class RowRecords {
  constructor(
    private readonly layout: Layout,
    private readonly toUtc: WallClockToUtc,
  ) {}

  build(cells: readonly unknown[]): RowResult {
    try {
      return { records: this.#records(cells) };
    } catch (error) {
      if (error instanceof BadCell || error instanceof RangeError) return { reason: error.message };
      throw error;
    }
  }

  #cell(cells: readonly unknown[], field: Field): unknown {
    const index = this.layout.fields[field];
    return index === undefined ? undefined : cells[index];
  }

  #time(value: unknown): Nanos {
    const { timeFormat } = this.layout;
    if (typeof value === 'bigint' && timeFormat === 'iso') return value; // Parquet timestamps, parsed to ns
    if (typeof value === 'number' || typeof value === 'bigint') {
      if (timeFormat === 'iso') throw new BadCell(`unparsable time ${String(value)}`);
      return epochValueToNanos(value, timeFormat);
    }
    if (typeof value !== 'string') throw new BadCell(`missing time`);
    return timeFormat === 'iso' ? parseIsoNanos(value, this.toUtc) : parseEpochNanos(value, timeFormat);
  }

  #records(cells: readonly unknown[]): FileRecord[] {
    const { layout } = this;
    const cell = (field: Field) => this.#cell(cells, field);
    const tsNs = this.#time(cell('time'));
    const symbolCell = cell('symbol');
    const symbol = typeof symbolCell === 'string' && symbolCell !== '' ? symbolCell : layout.symbol;
    if (layout.kind === 'quote') {
      const sizeOf = (field: Field) => (cell(field) === undefined ? 0 : quantityCell(cell(field), field));
      const [bid, ask] = [numberCell(cell('bid'), 'bid'), numberCell(cell('ask'), 'ask')];
      return [
        { kind: 'quote', symbol, bid, ask, bidSize: sizeOf('bidSize'), askSize: sizeOf('askSize'), tsNs },
      ];
    }
    if (layout.kind === 'trade') {
      const price = numberCell(cell('price'), 'price');
      const size = cell('size') === undefined ? 0 : quantityCell(cell('size'), 'size');
      const aggressor = aggressorCell(cell('side'), cell('buyerMaker'));
      const id = cell('tradeId');
      return [
        {
          kind: 'trade',
          symbol,
          price,
          size,
          ...(aggressor && { aggressor }),
          ...(id !== undefined && id !== null && id !== '' && { tradeId: String(id) }),
          tsNs,
        },
      ];
    }
    const [startNs, endNs] =
      layout.timeLabel === 'open' ? [tsNs, tsNs + layout.barNs] : [tsNs - layout.barNs, tsNs];
    if (layout.kind === 'wide-closes') {
      // Blank cells mean the stock was not listed yet: no record, and not a bad row.
      return layout.symbolColumns
        .filter(({ index }) => cells[index] !== '' && cells[index] !== undefined)
        .map(({ index, symbol }) => {
          const close = numberCell(cells[index], `close of ${symbol}`);
          const bar = { open: close, high: close, low: close, close, volume: 0 };
          return { kind: 'bar', symbol, spec: layout.spec, ...bar, startNs, endNs };
        });
    }
    const [open, high, low, close] = (['open', 'high', 'low', 'close'] as const).map((f) =>
      numberCell(cell(f), f),
    ) as [number, number, number, number];
    if (high < low) throw new BadCell(`high ${high} < low ${low}`);
    if (Math.max(open, close) > high || Math.min(open, close) < low) {
      throw new BadCell(`open ${open} or close ${close} outside low ${low} .. high ${high}`);
    }
    const volume = cell('volume') === undefined ? 0 : quantityCell(cell('volume'), 'volume');
    return [{ kind: 'bar', symbol, spec: layout.spec, open, high, low, close, volume, startNs, endNs }];
  }
}
