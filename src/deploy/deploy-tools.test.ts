import { execFile, execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { RedisServer, redisTestsEnabled } from '../testing/redis-server.ts';
import { DEPLOY_DIR, readDeploy } from './deploy-files.ts';

const run = promisify(execFile);

function promtoolAvailable(): boolean {
  try {
    execFileSync('promtool', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Locally skipped without promtool; under CI (which installs Debian's prometheus package) a missing promtool fails. */
const promtoolEnabled = Boolean(process.env.CI) || promtoolAvailable();

async function promtool(...args: string[]): Promise<string> {
  if (!promtoolAvailable())
    throw new Error('promtool not found on PATH: install it (Debian: apt-get install -y prometheus)');
  try {
    const { stdout, stderr } = await run('promtool', args, { cwd: join(DEPLOY_DIR, 'prometheus') });
    return stdout + stderr;
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`promtool ${args.join(' ')} failed:\n${stdout}${stderr}`);
  }
}

describe.runIf(promtoolEnabled)('promtool', () => {
  it('accepts the scrape config and the rule file it loads', async () => {
    expect(await promtool('check', 'config', 'prometheus.yml')).toMatch(/SUCCESS: 1 rule files found/);
  });

  it('accepts the alert rules', async () => {
    expect(await promtool('check', 'rules', 'alert-rules.yml')).toMatch(/SUCCESS: \d+ rules found/);
  });

  it('fires the alerts of alert-rules.test.yml on the series the engines export', async () => {
    expect(await promtool('test', 'rules', 'alert-rules.test.yml')).toMatch(/SUCCESS/);
  });
});

/** The config file's directives as redis-server flags, minus where it listens and stores (the test's own). */
function redisArgs(conf: string): string[] {
  const own = new Set(['port', 'bind', 'dir', 'protected-mode']);
  return conf
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => line.split(/\s+/))
    .filter(([directive]) => !own.has(directive!))
    .flatMap(([directive, ...values]) => [
      `--${directive}`,
      ...values.map((value) => (value === '""' ? '' : value)),
    ]);
}

describe.runIf(redisTestsEnabled())('bus Redis configs', () => {
  const servers: RedisServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.stop()));
  });

  for (const [file, fsync] of [
    ['redis/bus-marketdata.conf', 'everysec'],
    ['redis/bus-engine-logic.conf', 'always'],
  ] as const)
    it(`${file} starts redis-server, never evicts and persists with AOF (${fsync})`, async () => {
      const server = await RedisServer.start({ extraArgs: redisArgs(readDeploy(file)) });
      servers.push(server);
      const get = async (key: string) => (await server.cli(['CONFIG', 'GET', key])).trim().split('\n')[1];
      expect(await get('maxmemory-policy')).toBe('noeviction');
      expect(await get('appendonly')).toBe('yes');
      expect(await get('appendfsync')).toBe(fsync);
      expect(Number(await get('maxmemory'))).toBeGreaterThan(0);
    });
});
