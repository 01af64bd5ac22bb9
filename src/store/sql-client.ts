/** What every query runs on: the pool, a PGlite instance, or one open transaction. */
export interface SqlExecutor {
  /** One statement with `$1..$n` parameters; int8 comes back as bigint, numeric as string. */
  query<R = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<R[]>;
  /** A script of statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export type SqlBackend = 'pglite' | 'postgres';

/** A connection to one database: PGlite (embedded) or a PostgreSQL server. Same SQL on both. */
export interface SqlClient extends SqlExecutor {
  readonly backend: SqlBackend;
  /** Runs `fn` in BEGIN/COMMIT; a throw rolls back and is rethrown. */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** int8 as bigint (ns timestamps need all 64 bits); numeric as text (exact money stays exact). */
export const parseInt8 = (text: string): bigint => BigInt(text);
export const keepText = (text: string): string => text;
