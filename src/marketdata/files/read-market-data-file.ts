import { NautilusError } from '../../core/errors.ts';
import { splitCsvLine, textLineBatches } from './csv-lines.ts';
import type { BadRow, FileRecord, ReadOptions, ReadStats } from './file-record.ts';
import { detectLayout, type Layout } from './layout.ts';
import { openParquetRows } from './parquet-rows.ts';
import { RowRecords } from './row-records.ts';
import { ZoneClock } from './zone-clock.ts';

/** Bad rows kept in memory when no onBadRow callback is given; the count in stats stays exact. */
const MAX_COLLECTED_BAD_ROWS = 1000;
/** Records per batch from a Parquet file (CSV batches follow the read chunks instead). */
const BATCH_RECORDS = 4096;

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

  /**
   * The same records in the same order, an array at a time (a chunk of CSV lines, or up to
   * BATCH_RECORDS Parquet rows): one await per batch instead of one per record, for consumers that
   * replay as fast as they can. Use either this or the per-record iterator, once. Stats and bad
   * rows (and onBadRow calls) are counted as each batch is built, so they run ahead of the records
   * the consumer has handled by at most a batch; with `badRows: 'fail'` the records before the bad
   * row are still delivered (as a last, shorter batch) before the iteration throws.
   */
  batches(): AsyncIterable<FileRecord[]> {
    return {
      [Symbol.asyncIterator]: () =>
        this.path.endsWith('.parquet') ? this.#parquetBatches() : this.#csvBatches(),
    };
  }

  #rowRecords(header: readonly string[]): RowRecords {
    const layout: Layout = detectLayout(this.path, header, this.options);
    this.stats.layout = layout.name;
    const toUtc = layout.timeZone === 'UTC' ? (ms: number) => ms : new ZoneClock(layout.timeZone).toUtc;
    return new RowRecords(layout, toUtc);
  }

  #csvHeader(text: string): RowRecords {
    return this.#rowRecords(splitCsvLine(text.replace(/^\uFEFF/, '')));
  }

  /** One data line: its records appended to `out`, or the line counted as blank or reported as bad. */
  #csvRow(rows: RowRecords, text: string, line: number, out: FileRecord[]): void {
    if (text === '') {
      this.stats.blankLines++;
      return;
    }
    this.stats.rowsRead++;
    // The column count check (header width) and the parse, in place on the line.
    const reason = rows.buildLine(text, out);
    if (reason !== undefined) this.#reportBadRow(line, reason);
  }

  async *#csvRecords(): AsyncGenerator<FileRecord> {
    let rows: RowRecords | undefined;
    let line = 0;
    const out: FileRecord[] = [];
    // Lines come a chunk at a time and records are yielded straight from here: the per-row cost
    // is the parse, not an await and a nested generator.
    for await (const batch of textLineBatches(this.path)) {
      for (let i = 0; i < batch.length; i++) {
        const text = batch[i]!;
        line++;
        if (rows === undefined) {
          rows = this.#csvHeader(text);
          continue;
        }
        this.#csvRow(rows, text, line, out);
        for (let r = 0; r < out.length; r++) {
          this.stats.recordsEmitted++;
          yield out[r]!;
        }
        out.length = 0;
      }
    }
    if (rows === undefined) throw new NautilusError('CONFIG_INVALID', `${this.path}: empty file, no header`);
  }

  async *#csvBatches(): AsyncGenerator<FileRecord[]> {
    let rows: RowRecords | undefined;
    let line = 0;
    for await (const batch of textLineBatches(this.path)) {
      const out: FileRecord[] = [];
      try {
        for (let i = 0; i < batch.length; i++) {
          const text = batch[i]!;
          line++;
          if (rows === undefined) rows = this.#csvHeader(text);
          else this.#csvRow(rows, text, line, out);
        }
      } catch (error) {
        // badRows: 'fail' (or a layout error): what came before the failing line is still delivered.
        if (out.length > 0) {
          this.stats.recordsEmitted += out.length;
          yield out;
        }
        throw error;
      }
      if (out.length > 0) {
        this.stats.recordsEmitted += out.length;
        yield out;
      }
    }
    if (rows === undefined) throw new NautilusError('CONFIG_INVALID', `${this.path}: empty file, no header`);
  }

  async *#parquetRecords(): AsyncGenerator<FileRecord> {
    const { columns, rows: cellRows } = await openParquetRows(this.path);
    const rows = this.#rowRecords(columns);
    const out: FileRecord[] = [];
    let row = 0;
    for await (const cells of cellRows) {
      row++;
      this.stats.rowsRead++;
      const reason = rows.buildInto(cells, out);
      if (reason !== undefined) this.#reportBadRow(row, reason);
      for (let r = 0; r < out.length; r++) {
        this.stats.recordsEmitted++;
        yield out[r]!;
      }
      out.length = 0;
    }
  }

  async *#parquetBatches(): AsyncGenerator<FileRecord[]> {
    const { columns, rows: cellRows } = await openParquetRows(this.path);
    const rows = this.#rowRecords(columns);
    let out: FileRecord[] = [];
    let row = 0;
    try {
      for await (const cells of cellRows) {
        row++;
        this.stats.rowsRead++;
        const reason = rows.buildInto(cells, out);
        if (reason !== undefined) this.#reportBadRow(row, reason);
        if (out.length >= BATCH_RECORDS) {
          this.stats.recordsEmitted += out.length;
          yield out;
          out = [];
        }
      }
    } catch (error) {
      if (out.length > 0) {
        this.stats.recordsEmitted += out.length;
        yield out;
      }
      throw error;
    }
    if (out.length > 0) {
      this.stats.recordsEmitted += out.length;
      yield out;
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
