import { once } from 'node:events';
import { createWriteStream, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { NautilusError } from '../../core/errors.ts';
import { bigintAsText, type Nanos } from '../../domain/time.ts';
import { textLines } from '../../marketdata/files/csv-lines.ts';
import type { BadRow, ColumnMapping, LayoutName } from '../../marketdata/files/file-record.ts';
import { openParquetRows } from '../../marketdata/files/parquet-rows.ts';
import { readMarketDataFile } from '../../marketdata/files/read-market-data-file.ts';
import { eventTimeOf } from '../../marketdata/replay/event-time.ts';

export interface ImportOptions {
  outDir: string;
  format?: LayoutName;
  symbol?: string;
  spec?: string;
  timeZone?: string;
  columns?: ColumnMapping;
  badRows: 'skip' | 'fail';
  onBadRow?: (row: BadRow) => void;
  /** Called every `progressEvery` rows and at the end of each file. */
  onProgress?: (file: string, rows: number, total: number | undefined) => void;
  progressEvery?: number;
}

export interface ImportResult {
  file: string;
  output: string;
  layout: LayoutName | undefined;
  symbols: string[];
  kinds: string[];
  rows: number;
  records: number;
  badRows: number;
  firstNs: Nanos | undefined;
  lastNs: Nanos | undefined;
}

/** Data rows in a file (CSV lines minus the header, or Parquet num_rows), for the progress bar. */
export async function countRows(path: string): Promise<number> {
  if (path.endsWith('.parquet')) return (await openParquetRows(path)).numRows;
  let lines = 0;
  for await (const line of textLines(path)) if (line.trim() !== '') lines++;
  return Math.max(0, lines - 1);
}

/**
 * Reads one market-data file (layout detected, or mapped by `columns`) and writes its records as
 * NDJSON (ns as decimal strings) under `outDir`, overwriting an earlier import of the same file.
 * The local stand-in for the store until the store exists; `index.json` lists every import.
 */
export async function importFile(
  path: string,
  options: ImportOptions,
  total?: number,
): Promise<ImportResult> {
  const file = resolve(path);
  const reader = readMarketDataFile(file, {
    symbol: options.symbol,
    spec: options.spec,
    timeZone: options.timeZone,
    columns: options.columns,
    badRows: options.badRows,
    onBadRow: options.onBadRow,
  });
  mkdirSync(options.outDir, { recursive: true });
  const output = join(options.outDir, `${basename(file).replace(/(\.csv)?(\.gz)?$|\.parquet$/, '')}.ndjson`);
  const sink = createWriteStream(output);
  const symbols = new Set<string>();
  const kinds = new Set<string>();
  let firstNs: Nanos | undefined;
  let lastNs: Nanos | undefined;
  let records = 0;
  const every = options.progressEvery ?? 50_000;
  let buffer: string[] = [];
  for await (const record of reader) {
    if (options.format && reader.stats.layout !== options.format)
      throw new NautilusError(
        'BAD_REQUEST',
        `${file}: detected layout ${reader.stats.layout}, but --format ${options.format} was asked`,
      );
    const eventNs = eventTimeOf(record);
    firstNs ??= eventNs;
    lastNs = eventNs;
    symbols.add(record.symbol);
    kinds.add(record.kind);
    buffer.push(JSON.stringify(record, bigintAsText));
    if (++records % 1_000 === 0) {
      if (!sink.write(`${buffer.join('\n')}\n`)) await once(sink, 'drain');
      buffer = [];
    }
    if (records % every === 0) options.onProgress?.(file, reader.stats.rowsRead, total);
  }
  if (buffer.length > 0) sink.write(`${buffer.join('\n')}\n`);
  sink.end();
  await once(sink, 'finish');
  options.onProgress?.(file, reader.stats.rowsRead, total);
  const result: ImportResult = {
    file,
    output,
    layout: reader.stats.layout,
    symbols: [...symbols].sort(),
    kinds: [...kinds].sort(),
    rows: reader.stats.rowsRead,
    records,
    badRows: reader.stats.badRows,
    firstNs,
    lastNs,
  };
  recordImport(options.outDir, result);
  return result;
}

function recordImport(outDir: string, result: ImportResult): void {
  const indexPath = join(outDir, 'index.json');
  let index: Record<string, unknown> = {};
  try {
    index = JSON.parse(readFileSync(indexPath, 'utf8')) as Record<string, unknown>;
  } catch {
    // First import into this directory.
  }
  index[result.file] = {
    ...result,
    firstNs: result.firstNs?.toString(),
    lastNs: result.lastNs?.toString(),
  };
  writeFileSync(indexPath, `${JSON.stringify(index, null, 2)}\n`);
}
