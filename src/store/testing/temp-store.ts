import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../open-store.ts';
import type { Store } from '../store.ts';

export interface TempStore {
  store: Store;
  /** Closes the store and opens the same database again, as a restarted process would. */
  reopen(): Promise<Store>;
  /** Closes the store and deletes its directory. */
  dispose(): Promise<void>;
}

/** A migrated PGlite store in its own temporary directory, for tests. */
export async function openTempStore(nowNs: bigint, prefix = 'nautilus-store-'): Promise<TempStore> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const open = () => openStore({ url: `pglite:${join(dir, 'db')}`, dataDir: dir }, nowNs);
  const handle: TempStore = {
    store: await open(),
    async reopen() {
      await handle.store.close();
      handle.store = await open();
      return handle.store;
    },
    async dispose() {
      await handle.store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return handle;
}
