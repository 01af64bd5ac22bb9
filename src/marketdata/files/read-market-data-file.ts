import { NautilusError } from '../../core/errors.ts';
import { splitCsvLine, textLineBatches } from './csv-lines.ts';
import type { BadRow, FileRecord, ReadOptions, ReadStats } from './file-record.ts';
import { detectLayout, type Layout } from './layout.ts';
import { openParquetRows } from './parquet-rows.ts';
import { RowRecords } from './row-records.ts';
import { ZoneClock } from './zone-clock.ts';

/** Bad rows kept in memory when no onBadRow callback is given; the count in stats stays exact. */
const MAX_COLLECTED_BAD_ROWS = 1000;

/**
 * Streams one market-data file's records in file order. Iterate once; `stats` and `badRows`
 * describe the read so far and are final when iteration ends.
 */
export class MarketDataFileReader implements AsyncIterable<FileRecord> {
  readonly stats: ReadStats = {
    layout: undefined,
    rowsRead: 0,
    recordsEmitted: 0,
    badRows: 0,
    blankLines: 0,
  };
  /** Bad rows collected when no onBadRow callback was given (the first 1000). */
  readonly badRows: BadRow[] = [];

  constructor(
    readonly path: string,
    private readonly options: ReadOptions = {},
  ) {}

  [Symbol.asyncIterator](): AsyncIterator<FileRecord> {
    return this.path.endsWith('.parquet') ? this.#parquetRecords() : this.#csvRecords();
  }

  #rowRecords(header: readonly string[]): RowRecords {
    const layout: Layout = detectLayout(this.path, header, this.options);
    this.stats.layout = layout.name;
    const toUtc = layout.timeZone === 'UTC' ? (ms: number) => ms : new ZoneClock(layout.timeZone).toUtc;
    return new RowRecords(layout, toUtc);
  }

  async *#csvRecords(): AsyncGenerator<FileRecord> {
    let rows: RowRecords | undefined;
    let columnCount = 0;
    let line = 0;
    // Lines come a chunk at a time and records are yielded straight from here: the per-row cost
    // is the parse, not an await and a nested generator.
    for await (const batch of textLineBatches(this.path)) {
      for (let i = 0; i < batch.length; i++) {
        const text = batch[i]!;
        line++;
        if (rows === undefined) {
          const header = splitCsvLine(text.replace(/^\uFEFF/, ''));
          rows = this.#rowRecords(header);
          columnCount = header.length;
          continue;
        }
        if (text === '') {
          this.stats.blankLines++;
          continue;
        }
        this.stats.rowsRead++;
        const cells = splitCsvLine(text);
        if (cells.length !== columnCount) {
          this.#reportBadRow(line, `expected ${columnCount} columns, found ${cells.length}`);
          continue;
        }
        const result = rows.build(cells);
        if ('reason' in result) {
          this.#reportBadRow(line, result.reason);
          continue;
        }
        for (const record of result.records) {
          this.stats.recordsEmitted++;
          yield record;
        }
      }
    }
    if (rows === undefined) throw new NautilusError('CONFIG_INVALID', `${this.path}: empty file, no header`);
  }

  async *#parquetRecords(): AsyncGenerator<FileRecord> {
    const { columns, rows: cellRows } = await openParquetRows(this.path);
    const rows = this.#rowRecords(columns);
    let row = 0;
    for await (const cells of cellRows) {
      row++;
      this.stats.rowsRead++;
      yield* this.#emit(rows, cells, row);
    }
  }

  *#emit(rows: RowRecords, cells: readonly unknown[], line: number): Generator<FileRecord> {
    const result = rows.build(cells);
    if ('reason' in result) {
      this.#reportBadRow(line, result.reason);
      return;
    }
    for (const record of result.records) {
      this.stats.recordsEmitted++;
      yield record;
    }
  }

  #reportBadRow(line: number, reason: string): void {
    const bad: BadRow = { path: this.path, line, reason };
    this.stats.badRows++;
    if (this.options.badRows === 'fail') {
      throw new NautilusError('BAD_REQUEST', `${this.path}:${line}: ${reason}`, { details: bad });
    }
    if (this.options.onBadRow) this.options.onBadRow(bad);
    else if (this.badRows.length < MAX_COLLECTED_BAD_ROWS) this.badRows.push(bad);
  }
}

/** Streams the records of a CSV (optionally .gz) or Parquet market-data file, layout auto-detected. */
export function readMarketDataFile(path: string, options: ReadOptions = {}): MarketDataFileReader {
  return new MarketDataFileReader(path, options);
}
