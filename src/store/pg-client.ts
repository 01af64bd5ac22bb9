import pg from 'pg';
import { NautilusError } from '../core/errors.ts';
import { redactUrl } from '../core/logger.ts';
import { keepText, parseInt8, type SqlClient, type SqlExecutor } from './sql-client.ts';

export interface PgClientOptions {
  url: string;
  /** Merged into the connection at open (store.password / store.passwordFile); never in messages. */
  password?: string;
  poolSize?: number;
  /** Every connection's search_path (tests use one schema per file); created if missing. */
  schema?: string;
}

const typeParsers = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === pg.types.builtins.INT8) return parseInt8;
    if (oid === pg.types.builtins.NUMERIC) return keepText;
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

function executor(db: pg.Pool | pg.PoolClient): SqlExecutor {
  return {
    async query<R>(sql: string, params: readonly unknown[] = []) {
      return (await db.query(sql, params as unknown[])).rows as R[];
    },
    async exec(sql: string) {
      await db.query(sql);
    },
  };
}

/**
 * The pool's settings. A separate password goes into the connection string: pg lets the string's
 * (empty) password override a `password` field, so that is the one place it is honoured.
 */
export function pgPoolConfig(options: PgClientOptions): pg.PoolConfig {
  const { url, poolSize = 10, schema, password } = options;
  let connectionString = url;
  if (password !== undefined) {
    const parsed = new URL(url);
    parsed.password = encodeURIComponent(password);
    connectionString = parsed.toString();
  }
  return {
    connectionString,
    max: poolSize,
    types: typeParsers,
    ...(schema ? { options: `-c search_path=${quoteIdent(schema)}` } : {}),
  };
}

/** PostgreSQL through a `pg` pool; the first query proves the server is reachable. */
export async function openPgClient(options: PgClientOptions): Promise<SqlClient> {
  const { url, schema } = options;
  const pool = new pg.Pool(pgPoolConfig(options));
  // An idle client losing its server emits 'error' on the pool; without a listener that kills the process.
  pool.on('error', () => {});
  try {
    if (schema) await pool.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
    else await pool.query('SELECT 1');
  } catch (error) {
    await pool.end();
    throw new NautilusError(
      'STORE_ERROR',
      `cannot reach PostgreSQL at ${redactUrl(url)}: ${(error as Error).message}`,
      { cause: error },
    );
  }
  let closed = false;
  return {
    backend: 'postgres',
    ...executor(pool),
    async transaction(fn) {
      const client = await pool.connect();
      // A checked-out client has no pool listener: a server going away mid-transaction would emit
      // an unhandled 'error' and kill the process. The pending query rejects on its own.
      let lost: Error | undefined;
      const onError = (error: Error) => {
        lost = error;
      };
      client.on('error', onError);
      try {
        await client.query('BEGIN');
        const result = await fn(executor(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.off('error', onError);
        // With the error the pool discards the broken connection instead of handing it out again.
        client.release(lost);
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}
