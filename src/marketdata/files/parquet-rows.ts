import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { type Nanos, NS_PER_MS } from '../../domain/time.ts';

export interface ParquetRows {
  columns: string[];
  /** From the file's metadata: known without reading any row. */
  numRows: number;
  /** Rows as cell arrays in `columns` order, one row group at a time so memory stays bounded. */
  rows: AsyncGenerator<unknown[]>;
}

/** Timestamps stay exact integer ns instead of hyparquet's default Date (ms). */
const parsers = {
  timestampFromMilliseconds: (ms: bigint): Nanos => ms * NS_PER_MS,
  timestampFromMicroseconds: (us: bigint): Nanos => us * 1000n,
  timestampFromNanoseconds: (ns: bigint): Nanos => ns,
};

export async function openParquetRows(path: string): Promise<ParquetRows> {
  const file = await asyncBufferFromFile(path);
  const metadata = await parquetMetadataAsync(file);
  // Flat schemas only: market-data tables have no nested columns.
  const columns = metadata.schema.slice(1).map((element) => element.name);
  async function* rows(): AsyncGenerator<unknown[]> {
    let rowStart = 0;
    for (const group of metadata.row_groups) {
      const rowEnd = rowStart + Number(group.num_rows);
      const objects = await parquetReadObjects({ file, metadata, compressors, parsers, rowStart, rowEnd });
      for (const object of objects) yield columns.map((name) => object[name]);
      rowStart = rowEnd;
    }
  }
  return { columns, numRows: Number(metadata.num_rows), rows: rows() };
}
