import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../bus/testing/wait-for.ts';
import { productionInput } from '../../cli/security-check.ts';
import { openSqlClient } from '../../store/open-store.ts';
import { pgPoolConfig } from '../../store/pg-client.ts';
import { postgresTestsEnabled, TEST_PG_URL, testSchema } from '../../store/testing/pg-fixture.ts';
import { configSchema } from '../config/config-schema.ts';

const BIN = fileURLToPath(new URL('../../../bin/nautilus.js', import.meta.url));
const cwd = mkdtempSync(join(tmpdir(), 'nautilus-secrets-'));
const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('NAUTILUS_')));
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

function cli(args: string[], extraEnv: Record<string, string>) {
  const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...env, ...extraEnv } });
  children.push(child);
  const run = {
    child,
    stdout: '',
    stderr: '',
    exited: new Promise<number | null>((r) => child.on('exit', r)),
  };
  child.stdout.on('data', (chunk: Buffer) => {
    run.stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    run.stderr += chunk.toString();
  });
  return run;
}

describe('nautilus start in production mode', () => {
  it('refuses to start, listing every problem, before connecting anything', async () => {
    const run = cli(['start', '--bus', 'redis', '--engines', 'api,risk'], {
      NAUTILUS_MODE: 'production',
      NAUTILUS_BUS__ENGINE_LOGIC_URL: 'redis://bus-el.invalid:6381',
      NAUTILUS_BUS__MAIN_URL: 'rediss://:redis@main.invalid:6379',
      NAUTILUS_STORE__URL: 'postgres://nautilus@db.invalid/nautilus',
      NAUTILUS_STORE__PASSWORD: 'postgres',
    });
    expect(await run.exited).toBe(2);
    expect(run.stderr).toMatch(/^nautilus: production mode: start refused \(6 problems\):/);
    for (const problem of [
      'MarketData bus Redis (bus.marketDataUrl): no password',
      'engine-logic bus Redis (bus.engineLogicUrl): no password',
      'engine-logic bus Redis (bus.engineLogicUrl): TLS is off for bus-el.invalid',
      'main Redis (bus.mainUrl): a well-known default password',
      'store (PostgreSQL): a well-known default password',
      'api engine: no API keys',
    ])
      expect(run.stderr).toContain(problem);
  }, 30_000);

  it('counts credentials from bus.credentialsFile and store.passwordFile', () => {
    const secret = randomBytes(12).toString('hex');
    const credentialsFile = join(cwd, 'redis.json');
    const passwordFile = join(cwd, 'pg-password');
    const entry = { username: 'nautilus', password: secret };
    writeFileSync(credentialsFile, JSON.stringify({ marketData: entry, engineLogic: entry, main: entry }));
    writeFileSync(passwordFile, `${secret}\n`);
    const input = productionInput(
      configSchema.parse({
        mode: 'production',
        engines: ['risk'],
        bus: { transport: 'redis', credentialsFile },
        store: { url: 'postgres://nautilus@db/nautilus', passwordFile },
      }),
    );
    expect(input.redis.map((r) => r.password)).toEqual([secret, secret, secret]);
    expect(input.store).toEqual({ kind: 'postgres', password: secret });
  });
});

const pgEnabled = await postgresTestsEnabled();

describe.runIf(pgEnabled)('the PostgreSQL password (env or file)', () => {
  const password = `pw-${randomBytes(9).toString('hex')}`;
  const role = testSchema('sec_role');
  const schema = testSchema('sec');
  const admin = new pg.Client({ connectionString: TEST_PG_URL });
  const roleUrl = (() => {
    const url = new URL(TEST_PG_URL);
    url.username = role;
    url.password = '';
    return url.toString();
  })();

  beforeAll(async () => {
    await admin.connect();
    await admin.query(`CREATE ROLE "${role}" LOGIN PASSWORD '${password}'`);
    await admin.query(`CREATE SCHEMA "${schema}"`);
  });
  afterAll(async () => {
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await admin.query(`DROP ROLE IF EXISTS "${role}"`);
    await admin.end();
  });

  it('reaches the pg connection parameters, and no error message', async () => {
    // pg lets a connection string's empty password win over a `password` field: check what pg resolves.
    const client = new pg.Client(pgPoolConfig({ url: roleUrl, password })) as pg.Client & {
      connectionParameters: { password: unknown; user: unknown };
    };
    expect(client.connectionParameters.password).toBe(password);
    expect(client.connectionParameters.user).toBe(role);

    const passwordFile = join(cwd, 'store-password');
    writeFileSync(passwordFile, `${password}\n`);
    const sql = await openSqlClient({ url: roleUrl, dataDir: cwd, passwordFile });
    try {
      expect(await sql.query<{ user: string }>('SELECT current_user AS user')).toEqual([{ user: role }]);
    } finally {
      await sql.close();
    }

    const unreachable = new URL(roleUrl);
    unreachable.port = '1';
    const error = await openSqlClient({ url: unreachable.toString(), dataDir: cwd, password }).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(error?.message).toMatch(/^cannot reach PostgreSQL at postgres:\/\//);
    expect(error?.message).not.toContain(password);
  });

  it('never appears in logs, /health, the bus status or `nautilus config`', async () => {
    const offset = 20_000 + Math.floor(Math.random() * 1_999);
    const storeUrl = `${TEST_PG_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
    const secretEnv = {
      NAUTILUS_STORE__URL: storeUrl,
      NAUTILUS_STORE__PASSWORD: password,
      NAUTILUS_LOG__LEVEL: 'debug',
    };
    const start = cli(['start', '--engines', 'risk', '--port-offset', String(offset)], {
      ...secretEnv,
      NAUTILUS_DASHBOARD__ENABLED: 'false',
    });
    await waitFor(
      () => start.stdout.includes('Ctrl-C stops') || start.child.exitCode !== null,
      'start',
      30_000,
    );
    expect(start.stdout).toContain('store postgres');
    const bodies = await Promise.all(
      ['/health', '/messagebus/status', '/hardware/status'].map(async (path) =>
        (await fetch(`http://127.0.0.1:${8200 + offset}${path}`)).text(),
      ),
    );
    expect(bodies[0]).toContain('"engine":"risk"');
    start.child.kill('SIGINT');
    expect(await start.exited).toBe(0);
    for (const text of [...bodies, start.stdout, start.stderr]) expect(text).not.toContain(password);
    expect(start.stderr.length).toBeGreaterThan(0);

    const config = cli(['config', '--json'], secretEnv);
    expect(await config.exited).toBe(0);
    expect(JSON.parse(config.stdout).store).toMatchObject({ url: storeUrl, password: '***' });
    expect(config.stdout + config.stderr).not.toContain(password);
  }, 60_000);
});
