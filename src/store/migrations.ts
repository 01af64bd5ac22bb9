import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NautilusError } from '../core/errors.ts';
import type { SqlClient, SqlExecutor } from './sql-client.ts';

export interface Migration {
  version: number;
  /** File name, e.g. 0002_timeseries.sql. */
  file: string;
  sql: string;
  /** sha256 of the file: an applied migration must never change. */
  checksum: string;
}

export type MigrationState = 'applied' | 'pending' | 'changed' | 'unknown';

export interface MigrationStatus {
  version: number;
  file: string;
  state: MigrationState;
  appliedAt: Date | null;
}

export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));
const FILE_PATTERN = /^(\d{4})_[a-z0-9_]+\.sql$/;

/** The migration files of `dir`, in version order; a duplicate version or a stray .sql name is an error. */
export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  const migrations: Migration[] = [];
  for (const file of readdirSync(dir).filter((name) => name.endsWith('.sql'))) {
    const match = FILE_PATTERN.exec(file);
    if (!match) {
      throw new NautilusError(
        'STORE_ERROR',
        `migration ${join(dir, file)}: expected a name like 0001_name.sql`,
      );
    }
    const sql = readFileSync(join(dir, file), 'utf8');
    const version = Number(match[1]);
    const twin = migrations.find((m) => m.version === version);
    if (twin)
      throw new NautilusError('STORE_ERROR', `migrations ${twin.file} and ${file} share version ${version}`);
    migrations.push({ version, file, sql, checksum: createHash('sha256').update(sql).digest('hex') });
  }
  return migrations.sort((a, b) => a.version - b.version);
}

interface AppliedRow {
  version: number;
  name: string;
  checksum: string;
  applied_at: Date;
}

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version integer PRIMARY KEY,
  name text NOT NULL,
  checksum text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now(),
  duration_ms double precision NOT NULL
)`;

async function applied(db: SqlExecutor): Promise<AppliedRow[]> {
  return db.query<AppliedRow>(
    'SELECT version, name, checksum, applied_at FROM schema_migrations ORDER BY version',
  );
}

/** Per migration: applied (with its time), pending, changed since applied, or unknown to this code. */
export async function migrationStatus(
  client: SqlClient,
  migrations = loadMigrations(),
): Promise<MigrationStatus[]> {
  await client.exec(CREATE_TABLE);
  const rows = await applied(client);
  const byVersion = new Map(rows.map((row) => [row.version, row]));
  const known = new Set(migrations.map((m) => m.version));
  const status: MigrationStatus[] = migrations.map((m) => {
    const row = byVersion.get(m.version);
    if (!row) return { version: m.version, file: m.file, state: 'pending', appliedAt: null };
    const state = row.checksum === m.checksum ? 'applied' : 'changed';
    return { version: m.version, file: m.file, state, appliedAt: row.applied_at };
  });
  for (const row of rows) {
    if (!known.has(row.version))
      status.push({ version: row.version, file: row.name, state: 'unknown', appliedAt: row.applied_at });
  }
  return status.sort((a, b) => a.version - b.version);
}

/**
 * Applies the pending migrations in one transaction (all or none), under an advisory lock so two
 * processes starting together do not both apply. A changed applied migration is an error naming
 * the file, and so is an applied one this code does not know (the database is newer than the code).
 */
export async function migrate(client: SqlClient, migrations = loadMigrations()): Promise<Migration[]> {
  return client.transaction(async (tx) => {
    await tx.query("SELECT pg_advisory_xact_lock(hashtext('nautilus_schema_migrations'))");
    // Under the lock: concurrent CREATE TABLE IF NOT EXISTS on a new database fails with a
    // duplicate key in pg_type for all but one process.
    await tx.exec(CREATE_TABLE);
    const done = new Map((await applied(tx)).map((row) => [row.version, row]));
    for (const [version, row] of done) {
      const migration = migrations.find((m) => m.version === version);
      if (!migration) {
        throw new NautilusError(
          'STORE_ERROR',
          `the database has migration ${row.name} that this version of Nautilus does not know: upgrade Nautilus`,
        );
      }
      if (migration.checksum !== row.checksum) {
        throw new NautilusError(
          'STORE_ERROR',
          `migration ${migration.file} was changed after it was applied (checksum ${row.checksum.slice(0, 12)} in the database, ${migration.checksum.slice(0, 12)} on disk): add a new migration instead`,
        );
      }
    }
    const pending = migrations.filter((m) => !done.has(m.version));
    for (const migration of pending) {
      const started = performance.now();
      try {
        await tx.exec(migration.sql);
      } catch (error) {
        throw new NautilusError(
          'STORE_ERROR',
          `migration ${migration.file} failed: ${(error as Error).message}`,
          {
            cause: error,
          },
        );
      }
      await tx.query(
        'INSERT INTO schema_migrations (version, name, checksum, duration_ms) VALUES ($1, $2, $3, $4)',
        [migration.version, migration.file, migration.checksum, performance.now() - started],
      );
    }
    return pending;
  });
}
