import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type RedisServer,
  redisTestsEnabled,
  requireRedisBinary,
  startRedisServer,
  startRedisServers,
} from './redis-server.ts';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitUntil(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return check();
}

describe.runIf(redisTestsEnabled())('redis-server test resource', () => {
  const started: RedisServer[] = [];
  const track = (server: RedisServer) => {
    started.push(server);
    return server;
  };

  beforeAll(() => requireRedisBinary());
  afterAll(async () => {
    await Promise.all(started.map((server) => server.stop()));
  });

  it('starts on a free port and answers commands', async () => {
    const server = track(await startRedisServer());
    expect(server.url).toBe(`redis://127.0.0.1:${server.port}`);
    expect(server.pid).toBeGreaterThan(0);
    expect((await server.cli(['PING'])).trim()).toBe('PONG');
    expect((await server.info('server')).tcp_port).toBe(String(server.port));
  });

  it('keeps AOF data across a SIGKILL restart on the same port and dir', async () => {
    const server = track(await startRedisServer({ appendonly: true }));
    const { port } = server;
    const firstPid = server.pid;
    await server.cli(['XADD', 'orders', '*', 'id', '1']);
    await server.cli(['SET', 'k', 'v']);

    await server.restart({ hard: true });
    expect(server.port).toBe(port);
    expect(server.pid).not.toBe(firstPid);
    expect(alive(firstPid!)).toBe(false);
    expect((await server.cli(['GET', 'k'])).trim()).toBe('v');
    expect((await server.cli(['XLEN', 'orders'])).trim()).toBe('1');

    await server.restart();
    expect((await server.cli(['GET', 'k'])).trim()).toBe('v');
    expect((await server.info('persistence')).aof_enabled).toBe('1');
  });

  it('kill() ends the process; restart() brings it back; stop() removes the dir', async () => {
    const server = await startRedisServer();
    const pid = server.pid!;
    await server.kill();
    expect(server.running).toBe(false);
    expect(alive(pid)).toBe(false);
    await expect(server.cli(['PING'])).rejects.toThrow();

    await server.restart();
    expect((await server.cli(['PING'])).trim()).toBe('PONG');
    await server.stop();
    expect(existsSync(server.dir)).toBe(false);
  });

  it('counts calls, failed calls and rejected calls per command', async () => {
    const server = track(await startRedisServer());
    await server.cli(['XADD', 's', '*', 'f', 'v']);
    await server.cli(['XREADGROUP', 'GROUP', 'nogroup', 'c', 'STREAMS', 's', '>']);
    await server.cli(['SET', 'only-a-key']);
    const stats = await server.commandStats();
    expect(stats.xadd).toEqual({ calls: 1, failed_calls: 0, rejected_calls: 0 });
    expect(stats.xreadgroup).toEqual({ calls: 1, failed_calls: 1, rejected_calls: 0 });
    expect(stats.set?.rejected_calls).toBe(1);
  });

  it('applies maxclients and flushall()', async () => {
    const server = track(await startRedisServer({ maxclients: 42, extraArgs: ['--hz', '20'] }));
    expect((await server.cli(['CONFIG', 'GET', 'maxclients'])).split('\n')[1]).toBe('42');
    expect((await server.cli(['CONFIG', 'GET', 'hz'])).split('\n')[1]).toBe('20');
    await server.cli(['SET', 'a', '1']);
    await server.flushall();
    expect((await server.cli(['DBSIZE'])).trim()).toBe('0');
  });

  it('starts several servers on distinct ports', async () => {
    const servers = await startRedisServers(3);
    started.push(...servers);
    expect(new Set(servers.map((s) => s.port)).size).toBe(3);
    for (const server of servers) expect((await server.cli(['PING'])).trim()).toBe('PONG');
  });

  it('does not outlive a process that is SIGKILLed', async () => {
    const module = fileURLToPath(new URL('./redis-server.ts', import.meta.url));
    const script = `const { startRedisServer } = await import(${JSON.stringify(module)});
      const server = await startRedisServer();
      console.log(JSON.stringify({ pid: server.pid, dir: server.dir }));
      setInterval(() => {}, 1000);`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const line = await new Promise<string>((resolve, reject) => {
      child.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString()));
      child.once('exit', (code) => reject(new Error(`child exited early (${code})`)));
    });
    const { pid, dir } = JSON.parse(line) as { pid: number; dir: string };
    expect(alive(pid)).toBe(true);
    child.kill('SIGKILL');
    expect(await waitUntil(() => !alive(pid) && !existsSync(dir), 5_000)).toBe(true);
  });
});
