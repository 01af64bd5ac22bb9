import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openPgliteClient } from './pglite-client.ts';

const dir = mkdtempSync(join(tmpdir(), 'nautilus-pglite-lock-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('PGlite data dir lock (one process at a time)', () => {
  it('refuses a second opener while the first holds the dir, and frees it on close', async () => {
    const first = await openPgliteClient(dir);
    await expect(openPgliteClient(dir)).rejects.toThrow(`in use by process ${process.pid}`);
    await first.close();
    const second = await openPgliteClient(dir);
    expect(await second.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
    await second.close();
  });

  it('takes over a lock left behind by a process that is gone', async () => {
    const stale = join(dir, 'stale');
    mkdirSync(stale);
    const gone = spawnSync(process.execPath, ['-e', '0']).pid!;
    writeFileSync(join(stale, 'nautilus.lock'), String(gone));
    const client = await openPgliteClient(stale);
    await client.close();
  });
});
