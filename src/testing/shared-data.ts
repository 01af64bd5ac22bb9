import { resolve } from 'node:path';

/**
 * The shared market data the tests and benchmarks read: `../shared/data` beside the repository, or
 * wherever SHARED_DATA_DIR points (a clone elsewhere).
 */
export const SHARED_DATA = resolve(
  process.env.SHARED_DATA_DIR ?? resolve(import.meta.dirname, '../../../shared/data'),
);

/** A file of the shared data, by name. */
export function sharedData(file: string): string {
  return resolve(SHARED_DATA, file);
}
