import { existsSync } from 'node:fs';
import { SHARED_DATA } from './shared-data.ts';

/** Vitest global setup: one clear message instead of dozens of ENOENT failures. */
export default function checkSharedData(): void {
  if (!existsSync(SHARED_DATA))
    throw new Error(
      `the shared market data is not at ${SHARED_DATA}: clone the repository beside shared/ (so that ../shared/data exists) or set SHARED_DATA_DIR to its path`,
    );
}
