import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { redisInlineCommand } from '../bus/redis/inline-command.ts';
import { NautilusError } from '../core/errors.ts';
import { pidAlive, sleep, tailOf } from './pids.ts';

export type RedisRole = 'main' | 'marketData' | 'engineLogic';
export const REDIS_ROLES: readonly RedisRole[] = ['main', 'marketData', 'engineLogic'];

/** The shipped production configs; the main Redis holds only the registry and needs none. */
const SHIPPED_CONFIG: Record<RedisRole, string | null> = {
  main: null,
  marketData: 'bus-marketdata.conf',
  engineLogic: 'bus-engine-logic.conf',
};

export const DEPLOY_REDIS_DIR = resolve(import.meta.dirname, '../../deploy/redis');
const START_TIMEOUT_MS = 30_000;

export interface RedisLaunch {
  role: RedisRole;
  port: number;
  dir: string;
  /** The full redis-server argument list: restarts reuse it as is. */
  args: string[];
}

/**
 * A copy of the shipped config without its `dir` line: Redis changes into that directory while
 * reading the file, before command-line arguments apply, and /data exists only in the container.
 */
function localConfig(role: RedisRole, dir: string): string[] {
  const shipped = SHIPPED_CONFIG[role];
  if (shipped === null) return [];
  const source = join(DEPLOY_REDIS_DIR, shipped);
  if (!existsSync(source)) {
    throw new NautilusError('CONFIG_INVALID', `${role} Redis: shipped config ${source} not found`);
  }
  const copy = join(dir, shipped);
  mkdirSync(dir, { recursive: true });
  const text = readFileSync(source, 'utf8').replace(/^dir .*$/m, '# dir: set on the command line');
  writeFileSync(copy, `# Copied from ${source} by nautilus cluster\n${text}`);
  return [copy];
}

/**
 * The shipped config with what must differ on one machine overridden on the command line (later
 * arguments win): loopback only, this port and dir, in the foreground. The shipped io-threads 4
 * is for a dedicated server; Redis advises fewer threads than cores.
 */
export function redisLaunch(role: RedisRole, port: number, dir: string): RedisLaunch {
  const shipped = SHIPPED_CONFIG[role];
  const config = localConfig(role, dir);
  // biome-ignore format: flag / value pairs read better side by side
  const args = [
    ...config,
    '--port', String(port),
    '--bind', '127.0.0.1',
    '--dir', dir,
    '--logfile', join(dir, 'redis.log'),
    '--daemonize', 'no',
    ...(shipped === null
      ? ['--save', '', '--appendonly', 'no']
      : ['--io-threads', String(Math.max(1, Math.min(4, availableParallelism() - 1)))]),
  ];
  return { role, port, dir, args };
}

/** Starts redis-server detached (it outlives this process) and waits until it answers PING. */
export async function startRedis(launch: RedisLaunch): Promise<number> {
  mkdirSync(launch.dir, { recursive: true });
  // Config errors go to stdout before the log file is open.
  const output = openSync(join(launch.dir, 'redis.out'), 'a');
  const child = spawn('redis-server', launch.args, {
    cwd: launch.dir,
    detached: true,
    stdio: ['ignore', output, output],
  });
  closeSync(output);
  const failed = new Promise<Error>((done) => child.once('error', done));
  child.unref();
  const pid = child.pid;
  if (pid === undefined) throw await failed;
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (!pidAlive(pid)) {
      throw new NautilusError(
        'BUS_UNAVAILABLE',
        `${launch.role} Redis on port ${launch.port} exited while starting:\n${tailOf(join(launch.dir, 'redis.out'))}${tailOf(join(launch.dir, 'redis.log'))}`,
      );
    }
    // -LOADING while an AOF replays: only +PONG means it serves commands.
    if ((await redisInlineCommand(launch.port, 'PING')) === '+PONG') return pid;
    await sleep(25);
  }
  throw new NautilusError(
    'BUS_UNAVAILABLE',
    `${launch.role} Redis on port ${launch.port} did not answer PING within ${START_TIMEOUT_MS} ms`,
  );
}

/** Redis rewrites its process title to `redis-server 127.0.0.1:<port>`: the pid check's marker. */
export const redisMarker = (port: number) => `:${port}`;
