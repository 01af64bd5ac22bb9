import type { FileRecord } from '../files/file-record.ts';

/** A quote at `tsNs`; the symbol tags which source it came from. */
export function quoteAt(tsNs: bigint, symbol = 'X'): FileRecord {
  return { kind: 'quote', symbol, bid: 1, ask: 2, bidSize: 1, askSize: 1, tsNs };
}

/** An in-memory async source, as a file reader would stream it. */
export async function* asyncSource(records: readonly FileRecord[]): AsyncGenerator<FileRecord> {
  for (const record of records) yield record;
}
