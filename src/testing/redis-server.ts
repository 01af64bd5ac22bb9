import { type ChildProcess, execFile, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { redisInlineCommand } from '../bus/redis/inline-command.ts';
import { freePort } from './free-port.ts';

const run = promisify(execFile);
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** True if `promise` settled within `ms`; the timer is cleared so it never holds the process open. */
async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([promise.then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const START_TIMEOUT_MS = 15_000;
const STOP_TIMEOUT_MS = 10_000;
const PORT_ATTEMPTS = 5;

export interface RedisServerOptions {
  /** AOF persistence with `appendfsync always`, so a restart (even after SIGKILL) keeps every write. */
  appendonly?: boolean;
  maxclients?: number;
  /** Passed to redis-server as is, after the defaults (e.g. `['--maxmemory', '64mb']`). */
  extraArgs?: string[];
}

export interface CommandStat {
  calls: number;
  failed_calls: number;
  rejected_calls: number;
}

let binaryAvailable: boolean | undefined;

export function redisBinaryAvailable(): boolean {
  if (binaryAvailable === undefined) {
    try {
      for (const binary of ['redis-server', 'redis-cli'])
        execFileSync(binary, ['--version'], { stdio: 'ignore' });
      binaryAvailable = true;
    } catch {
      binaryAvailable = false;
    }
  }
  return binaryAvailable;
}

export function requireRedisBinary(): void {
  if (!redisBinaryAvailable()) {
    throw new Error(
      'redis-server / redis-cli not found on PATH: install Redis 7 (Debian: apt-get install -y redis-server redis-tools)',
    );
  }
}

/**
 * Locally, Redis suites skip when the binaries are missing; under CI they always run, so a
 * missing binary fails them (through requireRedisBinary) instead of silently skipping.
 */
export function redisTestsEnabled(): boolean {
  return Boolean(process.env.CI) || redisBinaryAvailable();
}

/** Servers whose temp dir still exists: killed and removed when this process exits. */
const live = new Set<RedisServer>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const server of live) server.destroySync();
  });
}

/**
 * A throwaway `redis-server` on 127.0.0.1, in its own temp dir. Never shared with other tests:
 * `stop()` it when done (the process exit hook and a watchdog catch the ones that are not).
 */
export class RedisServer {
  private child: ChildProcess | null = null;
  private watchdog: ChildProcess | null = null;
  private exited: Promise<void> = Promise.resolve();

  private constructor(
    readonly port: number,
    readonly dir: string,
    private readonly options: RedisServerOptions,
  ) {}

  static async start(options: RedisServerOptions = {}): Promise<RedisServer> {
    requireRedisBinary();
    installExitHook();
    const dir = mkdtempSync(join(tmpdir(), 'nautilus-redis-'));
    for (let attempt = 1; ; attempt++) {
      const server = new RedisServer(await freePort(), dir, options);
      live.add(server);
      try {
        await server.launch();
        return server;
      } catch (error) {
        live.delete(server);
        // The free port can be taken between probing and binding: only then is a new port worth a try.
        if (attempt < PORT_ATTEMPTS && server.log().includes('Address already in use')) continue;
        rmSync(dir, { recursive: true, force: true });
        throw error;
      }
    }
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  get pid(): number | null {
    return this.child?.pid ?? null;
  }

  get running(): boolean {
    return this.child !== null;
  }

  /** Graceful: SIGTERM lets Redis finish its AOF; then the temp dir is removed. */
  async stop(): Promise<void> {
    await this.terminate('SIGTERM');
    live.delete(this);
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** A crash: SIGKILL, no shutdown work. The dir stays, for `restart()` or `stop()`. */
  async kill(): Promise<void> {
    await this.terminate('SIGKILL');
  }

  /** Stops (or with `hard`, kills) and starts again on the same port and dir, so an AOF survives. */
  async restart(opts: { hard?: boolean } = {}): Promise<void> {
    await this.terminate(opts.hard ? 'SIGKILL' : 'SIGTERM');
    await this.launch();
  }

  /** Runs `redis-cli -p <port> ...args` and returns its stdout. Error replies come back as text too. */
  async cli(args: string[]): Promise<string> {
    const { stdout } = await run('redis-cli', ['-h', '127.0.0.1', '-p', String(this.port), ...args], {
      maxBuffer: 64 * 1024 * 1024,
    });
    return stdout;
  }

  async flushall(): Promise<void> {
    const reply = (await this.cli(['FLUSHALL'])).trim();
    if (reply !== 'OK') throw new Error(`FLUSHALL on port ${this.port} answered: ${reply}`);
  }

  /** `INFO <section>` as key -> value (headings and blank lines dropped). */
  async info(section: string): Promise<Record<string, string>> {
    const record: Record<string, string> = {};
    for (const line of (await this.cli(['INFO', section])).split(/\r?\n/)) {
      const colon = line.indexOf(':');
      if (colon <= 0 || line.startsWith('#')) continue;
      record[line.slice(0, colon)] = line.slice(colon + 1);
    }
    return record;
  }

  /** Per command (lower case, subcommands as `client|list`), from `INFO commandstats`. */
  async commandStats(): Promise<Record<string, CommandStat>> {
    const stats: Record<string, CommandStat> = {};
    for (const [key, value] of Object.entries(await this.info('commandstats'))) {
      if (!key.startsWith('cmdstat_')) continue;
      const fields = new Map(value.split(',').map((pair) => pair.split('=') as [string, string]));
      stats[key.slice('cmdstat_'.length)] = {
        calls: Number(fields.get('calls') ?? 0),
        failed_calls: Number(fields.get('failed_calls') ?? 0),
        rejected_calls: Number(fields.get('rejected_calls') ?? 0),
      };
    }
    return stats;
  }

  /** For the exit hook: synchronous, best effort. */
  destroySync(): void {
    for (const pid of [this.child?.pid, this.watchdog?.pid]) {
      if (pid === undefined) continue;
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    rmSync(this.dir, { recursive: true, force: true });
  }

  private log(): string {
    try {
      return readFileSync(join(this.dir, 'redis.log'), 'utf8');
    } catch {
      return '';
    }
  }

  private async launch(): Promise<void> {
    const { appendonly = false, maxclients, extraArgs = [] } = this.options;
    // biome-ignore format: flag / value pairs read better side by side
    const args = [
      '--port', String(this.port),
      '--bind', '127.0.0.1',
      '--dir', this.dir,
      '--logfile', join(this.dir, 'redis.log'),
      '--daemonize', 'no',
      '--save', '',
      '--appendonly', appendonly ? 'yes' : 'no',
      ...(appendonly ? ['--appendfsync', 'always'] : []),
      ...(maxclients === undefined ? [] : ['--maxclients', String(maxclients)]),
      ...extraArgs,
    ];
    const child = spawn('redis-server', args, { cwd: this.dir, stdio: 'ignore' });
    // Not holding the event loop open: the exit hook and the watchdog clean up what is left running.
    child.unref();
    this.child = child;
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    child.once('exit', () => {
      if (this.child === child) this.child = null;
    });
    this.watchdog = this.startWatchdog(child);
    await this.waitUntilReady(child);
  }

  /**
   * A shell that holds a pipe from this process: when this process dies in any way (even SIGKILL,
   * which skips exit hooks) the pipe closes, `read` returns, and it kills the server and removes
   * the dir. Its own process group, so a runner killing this process's group spares it.
   */
  private startWatchdog(child: ChildProcess): ChildProcess | null {
    if (child.pid === undefined) return null;
    const watchdog = spawn(
      'sh',
      ['-c', 'read _; kill -9 "$1" 2>/dev/null; rm -rf "$2"', 'watchdog', String(child.pid), this.dir],
      { stdio: ['pipe', 'ignore', 'ignore'], detached: true },
    );
    watchdog.unref();
    (watchdog.stdin as Socket | null)?.unref();
    return watchdog;
  }

  private async waitUntilReady(child: ChildProcess): Promise<void> {
    const deadline = Date.now() + START_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) {
        await this.terminate('SIGKILL');
        throw new Error(
          `redis-server on port ${this.port} exited while starting:\n${this.log().slice(-2_000)}`,
        );
      }
      // -LOADING while an AOF is replayed: only +PONG means it serves commands.
      if ((await redisInlineCommand(this.port, 'PING', 1_000)) === '+PONG') return;
      await sleep(20);
    }
    await this.terminate('SIGKILL');
    throw new Error(`redis-server on port ${this.port} did not answer PING within ${START_TIMEOUT_MS} ms`);
  }

  private async terminate(signal: 'SIGTERM' | 'SIGKILL'): Promise<void> {
    const child = this.child;
    if (child) {
      child.kill(signal);
      if (!(await settlesWithin(this.exited, STOP_TIMEOUT_MS))) {
        child.kill('SIGKILL');
        await this.exited;
      }
      this.child = null;
    }
    // Killed, never closed: closing its pipe is what makes it kill and delete.
    this.watchdog?.kill('SIGKILL');
    this.watchdog = null;
  }
}

export function startRedisServer(options: RedisServerOptions = {}): Promise<RedisServer> {
  return RedisServer.start(options);
}

/** Starts `n` servers in parallel; if one fails, the others are stopped before the error is thrown. */
export async function startRedisServers(n: number, options: RedisServerOptions = {}): Promise<RedisServer[]> {
  const results = await Promise.allSettled(Array.from({ length: n }, () => RedisServer.start(options)));
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  const started = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  if (failed) {
    await Promise.all(started.map((server) => server.stop()));
    throw failed.reason;
  }
  return started;
}
