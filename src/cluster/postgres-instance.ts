import { execFile } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { NautilusError } from '../core/errors.ts';

const run = promisify(execFile);
const PG_ROOT = '/usr/lib/postgresql';
/** initdb and postgres refuse to run as root: as root the server runs as this user. */
const SERVER_USER = 'postgres';
export const CLUSTER_DATABASE = 'nautilus';

export interface PostgresLaunch {
  port: number;
  /** <cluster dir>/postgres: data/, run/ (socket), postgres.log. */
  dir: string;
  /** Directory of initdb and pg_ctl. */
  bin: string;
  /** Set when this process is root. */
  runAs: string | null;
}

export const postgresDataDir = (launch: PostgresLaunch) => join(launch.dir, 'data');

/** The newest Debian PostgreSQL (`/usr/lib/postgresql/<v>/bin`) with initdb. */
export function findPostgresBin(): string {
  const versions = existsSync(PG_ROOT)
    ? readdirSync(PG_ROOT)
        .filter((v) => existsSync(join(PG_ROOT, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions[0] === undefined) {
    throw new NautilusError(
      'CONFIG_INVALID',
      `PostgreSQL server binaries not found under ${PG_ROOT}/<version>/bin (Debian: apt-get install postgresql), or pass storeUrl`,
    );
  }
  return join(PG_ROOT, versions[0], 'bin');
}

export function postgresLaunch(port: number, dir: string): PostgresLaunch {
  const root = process.getuid?.() === 0;
  return { port, dir, bin: findPostgresBin(), runAs: root ? SERVER_USER : null };
}

export const postgresUrl = (port: number) =>
  `postgres://${SERVER_USER}@127.0.0.1:${port}/${CLUSTER_DATABASE}`;

async function pgTool(launch: PostgresLaunch, tool: string, args: string[]): Promise<string> {
  const [file, argv] = launch.runAs
    ? ['runuser', ['-u', launch.runAs, '--', join(launch.bin, tool), ...args]]
    : [join(launch.bin, tool), args];
  try {
    const { stdout } = await run(file, argv, { cwd: launch.dir });
    return stdout;
  } catch (error) {
    const { stderr, message } = error as { stderr?: string; message: string };
    throw new NautilusError('STORE_ERROR', `PostgreSQL ${tool} failed: ${stderr?.trim() || message}`, {
      cause: error,
    });
  }
}

/** initdb (once per dir) with trust auth, listening on 127.0.0.1:<port> and a socket in the dir. */
export async function initPostgres(launch: PostgresLaunch): Promise<void> {
  const data = postgresDataDir(launch);
  if (existsSync(join(data, 'PG_VERSION'))) return;
  mkdirSync(join(launch.dir, 'run'), { recursive: true });
  if (launch.runAs) {
    await run('chown', ['-R', `${launch.runAs}:`, launch.dir]);
    await run('runuser', ['-u', launch.runAs, '--', 'test', '-w', launch.dir]).catch((error: unknown) => {
      throw new NautilusError(
        'CONFIG_INVALID',
        `PostgreSQL runs as user ${launch.runAs}, who cannot write ${launch.dir}: make its parent directories traversable (chmod o+x) or pass storeUrl`,
        { cause: error },
      );
    });
  }
  await pgTool(launch, 'initdb', ['-D', data, '-U', SERVER_USER, '--auth=trust', '-E', 'UTF8', '--no-sync']);
  // A cluster of up to 17 processes, each with its own pool, exceeds the default 100 connections.
  appendFileSync(
    join(data, 'postgresql.conf'),
    [
      '',
      '# nautilus cluster',
      `port = ${launch.port}`,
      "listen_addresses = '127.0.0.1'",
      `unix_socket_directories = '${join(launch.dir, 'run')}'`,
      'max_connections = 400',
      '',
    ].join('\n'),
  );
}

/** pg_ctl start, waiting until it accepts connections; returns the postmaster pid. */
export async function startPostgres(launch: PostgresLaunch): Promise<number> {
  const data = postgresDataDir(launch);
  await pgTool(launch, 'pg_ctl', [
    '-D',
    data,
    '-l',
    join(launch.dir, 'postgres.log'),
    '-w',
    '-t',
    '60',
    'start',
  ]);
  return postmasterPid(launch);
}

/** pg_ctl stop -m fast: open sessions are ended, the server shuts down cleanly. */
export async function stopPostgres(launch: PostgresLaunch): Promise<void> {
  await pgTool(launch, 'pg_ctl', ['-D', postgresDataDir(launch), '-m', 'fast', '-w', '-t', '30', 'stop']);
}

export function postmasterPid(launch: PostgresLaunch): number {
  const text = readFileSync(join(postgresDataDir(launch), 'postmaster.pid'), 'utf8');
  return Number(text.split('\n')[0]);
}

/** Creates the cluster's database unless it exists. */
export async function createClusterDatabase(port: number): Promise<void> {
  const client = new pg.Client({ host: '127.0.0.1', port, user: SERVER_USER, database: 'postgres' });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [CLUSTER_DATABASE]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${CLUSTER_DATABASE}`);
  } finally {
    await client.end();
  }
}
