import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqlClient, openStore } from './open-store.ts';
import { NOW_NS, runStoreConformance } from './testing/store-conformance.ts';

const root = mkdtempSync(join(tmpdir(), 'nautilus-pglite-'));
const template = join(root, 'template');
let dir = '';
let n = 0;

// initdb in WASM takes seconds: done once, and each test starts from a copy of the empty cluster.
await (await openSqlClient({ url: `pglite:${template}`, dataDir: root })).close();

runStoreConformance({
  name: 'pglite',
  async fresh() {
    dir = join(root, `db-${n++}`);
    cpSync(template, dir, { recursive: true });
  },
  open: () => openStore({ url: `pglite:${dir}`, dataDir: root }, NOW_NS),
  openClient: () => openSqlClient({ url: `pglite:${dir}`, dataDir: root }),
  async dispose() {
    rmSync(root, { recursive: true, force: true });
  },
});
