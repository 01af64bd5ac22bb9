import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openPgClient } from '../store/pg-client.ts';
import { freePort } from '../testing/free-port.ts';
import { pidAlive } from './pids.ts';
import {
  createClusterDatabase,
  initPostgres,
  postgresLaunch,
  postgresUrl,
  startPostgres,
  stopPostgres,
} from './postgres-instance.ts';

/** Locally skipped without Debian's PostgreSQL server binaries; under CI a missing one fails. */
const enabled = Boolean(process.env.CI) || existsSync('/usr/lib/postgresql');
const root = mkdtempSync(join(tmpdir(), 'nautilus-pg-'));
// As root the server runs as user postgres, who must reach its data dir in here.
chmodSync(root, 0o755);
let running: (() => Promise<void>) | undefined;

afterAll(async () => {
  await running?.();
  rmSync(root, { recursive: true, force: true });
});

describe.skipIf(!enabled)('a PostgreSQL server of its own', () => {
  it('starts, stops and starts again; a pool survives the restart, even mid-transaction', async () => {
    const port = await freePort();
    const launch = postgresLaunch(port, join(root, 'postgres'));
    await initPostgres(launch);
    const pid = await startPostgres(launch);
    running = () => stopPostgres(launch);
    await createClusterDatabase(port);
    const db = await openPgClient({ url: postgresUrl(port), poolSize: 2 });
    try {
      expect(await db.query<{ n: number }>('SELECT 1 AS n')).toEqual([{ n: 1 }]);
      // pg_ctl stop -m fast ends the session under an open transaction: it must reject, not crash.
      const inFlight = db.transaction((tx) => tx.query('SELECT pg_sleep(30)')).catch((error: Error) => error);
      await new Promise((resolve) => setTimeout(resolve, 300));
      await stopPostgres(launch);
      expect(String(await inFlight)).toMatch(/terminat/);
      expect(pidAlive(pid)).toBe(false);
      await startPostgres(launch);
      expect(await db.query<{ n: number }>('SELECT 2 AS n')).toEqual([{ n: 2 }]);
      expect(await db.transaction((tx) => tx.query<{ n: number }>('SELECT 3 AS n'))).toEqual([{ n: 3 }]);
    } finally {
      await db.close();
    }
  }, 60_000);
});
