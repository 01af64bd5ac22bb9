import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The test server: 127.0.0.1:5432, database `test`, trust auth (override with TEST_PG_URL). */
export const TEST_PG_URL = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export async function postgresReachable(url = TEST_PG_URL): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * Locally the PostgreSQL suites skip when no server answers; under CI they always run, so an
 * unreachable server fails them instead of silently skipping (as the Redis suites do).
 */
export async function postgresTestsEnabled(): Promise<boolean> {
  return Boolean(process.env.CI) || (await postgresReachable());
}

/** A fresh schema name per test file (and per reopen group), dropped with dropSchema. */
export function testSchema(prefix: string): string {
  return `${prefix}_${randomBytes(4).toString('hex')}`;
}

export async function dropSchema(schema: string, url = TEST_PG_URL): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}
