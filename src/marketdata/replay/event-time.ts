import type { Nanos } from '../../domain/time.ts';
import type { FileRecord } from '../files/file-record.ts';

/** When a record becomes known: a bar only when it closes, so replay never leaks its future close. */
export function eventTimeOf(record: FileRecord): Nanos {
  return record.kind === 'bar' ? record.endNs : record.tsNs;
}
