import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite, types } from '@electric-sql/pglite';
import { NautilusError } from '../core/errors.ts';
import { keepText, parseInt8, type SqlClient, type SqlExecutor } from './sql-client.ts';

const PARSERS = { [types.INT8]: parseInt8, [types.NUMERIC]: keepText };
const LOCK_FILE = 'nautilus.lock';

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * PGlite is single-process: two processes on one data dir corrupt it. A lock file with our pid
 * refuses a second opener; a stale one (its process gone) is taken over.
 */
function acquireLock(dir: string): string {
  const path = join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return path;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(readFileSync(path, 'utf8'));
      if (Number.isInteger(owner) && owner > 0 && pidAlive(owner)) {
        throw new NautilusError(
          'STORE_ERROR',
          `PGlite data dir ${dir} is in use by process ${owner}: PGlite allows one process at a time (use a PostgreSQL URL to share a store)`,
        );
      }
      rmSync(path, { force: true });
    }
  }
  throw new NautilusError('STORE_ERROR', `could not lock PGlite data dir ${dir}`);
}

function executor(db: Pick<PGlite, 'query' | 'exec'>): SqlExecutor {
  return {
    async query<R>(sql: string, params: readonly unknown[] = []) {
      return (await db.query<R>(sql, params as unknown[])).rows;
    },
    async exec(sql: string) {
      await db.exec(sql);
    },
  };
}

/** Embedded PostgreSQL (WASM), file-backed under `dir`. One process at a time, enforced by a lock file. */
export async function openPgliteClient(dir: string): Promise<SqlClient> {
  mkdirSync(dir, { recursive: true });
  const lock = acquireLock(dir);
  let db: PGlite;
  try {
    db = await PGlite.create(join(dir, 'pgdata'), { parsers: PARSERS });
  } catch (error) {
    rmSync(lock, { force: true });
    throw new NautilusError('STORE_ERROR', `cannot open PGlite at ${dir}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  return {
    backend: 'pglite',
    ...executor(db),
    transaction: (fn) => db.transaction((tx) => fn(executor(tx))),
    async close() {
      if (db.closed) return;
      await db.close();
      rmSync(lock, { force: true });
    },
  };
}
