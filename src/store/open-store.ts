import { join, resolve } from 'node:path';
import { NautilusError } from '../core/errors.ts';
import { readSecretFile } from '../core/security/secrets.ts';
import { migrate } from './migrations.ts';
import { openPgClient } from './pg-client.ts';
import { openPgliteClient } from './pglite-client.ts';
import type { SqlClient } from './sql-client.ts';
import { type Store, storeOver } from './store.ts';

export interface StoreOptions {
  /** `pglite` (under `<dataDir>/pglite`), `pglite:<dir>`, or a `postgres://` / `postgresql://` URL. */
  url: string;
  dataDir: string;
  poolSize?: number;
  /** PostgreSQL only: the schema every connection uses (created if missing). */
  schema?: string;
  /** Daily partitions prepared at open (default 7). */
  partitionDaysAhead?: number;
  /** PostgreSQL password when the URL has none: given directly (env) or read from a file. */
  password?: string;
  passwordFile?: string;
}

/** Opens the SQL client the URL names, without migrating. */
export async function openSqlClient(options: StoreOptions): Promise<SqlClient> {
  const { url } = options;
  if (url === 'pglite') return openPgliteClient(resolve(join(options.dataDir, 'pglite')));
  if (url.startsWith('pglite:')) return openPgliteClient(resolve(url.slice('pglite:'.length)));
  if (/^postgres(ql)?:\/\//.test(url)) {
    const password = storePassword(options);
    return openPgClient({ url, poolSize: options.poolSize, schema: options.schema, password });
  }
  throw new NautilusError(
    'CONFIG_INVALID',
    'store.url: expected "pglite", "pglite:<dir>" or a postgres:// URL',
  );
}

/** store.password or store.passwordFile; one source only, and not both with a password in the URL. */
export function storePassword(options: Pick<StoreOptions, 'url' | 'password' | 'passwordFile'>) {
  const { password, passwordFile } = options;
  if (password === undefined && passwordFile === undefined) return undefined;
  if (password !== undefined && passwordFile !== undefined)
    throw new NautilusError('CONFIG_INVALID', 'store.password and store.passwordFile: set one, not both');
  if (/^postgres(ql)?:\/\/[^/@]*:[^/@]*@/.test(options.url))
    throw new NautilusError(
      'CONFIG_INVALID',
      'store.url already carries a password: drop it from the URL or drop store.password / store.passwordFile',
    );
  return password ?? readSecretFile(passwordFile!, 'store.passwordFile');
}

/**
 * Opens the store, applies pending migrations and prepares this week's time partitions: what
 * every process does at start. `nowNs` is the clock's time (a backtest passes its replay time).
 */
export async function openStore(options: StoreOptions, nowNs: bigint): Promise<Store> {
  const client = await openSqlClient(options);
  try {
    await migrate(client);
    const store = storeOver(client);
    await store.maintainPartitions(nowNs, options.partitionDaysAhead);
    return store;
  } catch (error) {
    await client.close();
    throw error;
  }
}
