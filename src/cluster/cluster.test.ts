import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/program.ts';
import { KERNEL } from '../engines/host/kernel.ts';
import { freePort } from '../testing/free-port.ts';
import { redisTestsEnabled } from '../testing/redis-server.ts';
import { LocalCluster } from './cluster.ts';
import { REPLICA_ENGINES } from './cluster-plan.ts';
import { stateFile } from './cluster-state.ts';
import { pidAlive, portInUse, sleep } from './pids.ts';

/** Locally skipped without Redis or PostgreSQL server binaries; under CI a missing one fails. */
const enabled = Boolean(process.env.CI) || (redisTestsEnabled() && existsSync('/usr/lib/postgresql'));
const root = mkdtempSync(join(tmpdir(), 'nautilus-cluster-'));
// As root the cluster's PostgreSQL runs as user postgres, who must reach its data dir in here.
chmodSync(root, 0o755);
const dirs: string[] = [];

afterAll(async () => {
  for (const dir of dirs) if (existsSync(stateFile(dir))) await LocalCluster.attach(dir).down();
  rmSync(root, { recursive: true, force: true });
});

async function cli(...argv: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const code = await runCli(['node', 'nautilus', ...argv], {
    out: (text) => {
      out += text;
    },
    err: (text) => {
      out += text;
    },
  });
  return { code, out };
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}

/** POSTs a market order to the api and waits until it is filled. */
async function fillOrder(api: string): Promise<{ orderId: string; status: string; filledQty: string }> {
  const placed = await fetch(`${api}/api/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ symbol: 'AAPL', side: 'buy', type: 'market', quantity: '1' }),
  });
  expect(placed.status).toBe(202);
  const { orderId } = (await placed.json()) as { orderId: string };
  return until('the order to fill', async () => {
    const { orders } = (await (await fetch(`${api}/api/orders?status=closed`)).json()) as {
      orders: Array<{ orderId: string; status: string; filledQty: string }>;
    };
    return orders.find((o) => o.orderId === orderId && o.status === 'filled');
  });
}

describe('LocalCluster: bad options', () => {
  it('refuses a PGlite store, an unknown engine option and a bad process count before starting anything', async () => {
    const dir = join(root, 'refused');
    await expect(LocalCluster.up({ dir, set: { 'store.url': 'pglite' } })).rejects.toThrow(
      /store.url: a cluster's processes share one PostgreSQL server/,
    );
    await expect(LocalCluster.up({ dir, engineConfig: { risk: { nope: 1 } } })).rejects.toThrow(
      /process p1-hub: .*engineConfig.risk/,
    );
    await expect(LocalCluster.up({ dir, processes: 1 })).rejects.toThrow(
      /processes: expected an integer from 2/,
    );
    expect(existsSync(dir)).toBe(false);
  });
});

describe.skipIf(!enabled)('LocalCluster: the topology as processes', () => {
  it('starts 3 processes with replicas, fills an order, restarts a killed process and stops cleanly', async () => {
    const dataDir = join(root, 'data');
    const dir = join(dataDir, 'cluster');
    dirs.push(dir);
    const ports = {
      main: await freePort(),
      marketData: await freePort(),
      engineLogic: await freePort(),
      postgres: await freePort(),
    };
    // Off the documented ports (a developer's `npm start` may hold them); replicas add 20000.
    const portOffset = 12_000 + Math.floor(Math.random() * 40) * 50;
    const started = performance.now();
    const cluster = await LocalCluster.up({
      dir,
      processes: 3,
      portOffset,
      ports,
      set: { 'dashboard.enabled': false },
      startTimeoutMs: 60_000,
    });
    const upMs = performance.now() - started;
    console.info(`cluster of 3 processes up in ${Math.round(upMs)} ms`);
    expect(cluster.processes().map((p) => [p.name, p.alive])).toEqual([
      ['p1-hub-trading-analytics-edge', true],
      ['p2-signals', true],
      ['p3-replicas', true],
    ]);

    // Plain `nautilus status` (no config) finds the running cluster under <dataDir>/cluster.
    const status = await cli('status', '--json', '--set', `dataDir=${dataDir}`);
    expect(status.code).toBe(0);
    const rows = JSON.parse(status.out) as Array<{ engine: string; instance: string; alive: boolean }>;
    for (const engine of ['risk', 'vpin']) {
      const alive = rows.filter((r) => r.engine === engine && r.alive).map((r) => r.instance);
      expect(new Set(alive).size, engine).toBe(2);
    }
    expect(rows).toHaveLength(KERNEL.size + REPLICA_ENGINES.length);

    const api = cluster.endpoint('api');
    expect(api).toBe(`http://127.0.0.1:${8001 + portOffset}`);
    expect((await fillOrder(api)).filledQty).toBe('1');

    const replica = cluster.processes().find((p) => p.name === 'p3-replicas')!;
    await cluster.kill('p3-replicas');
    expect(pidAlive(replica.pid!)).toBe(false);
    expect(cluster.processes().find((p) => p.name === 'p3-replicas')!.alive).toBe(false);
    const restartMs = await cluster.start('p3-replicas');
    console.info(`p3-replicas restarted in ${restartMs} ms`);
    const again = cluster.processes().find((p) => p.name === 'p3-replicas')!;
    expect(again.alive).toBe(true);
    expect(again.pid).not.toBe(replica.pid);
    const replicaInstances = (await cluster.instances()).filter((i) => i.instanceId === 'p3-replicas');
    expect(replicaInstances.map((i) => [i.engine, i.alive])).toEqual([
      ['risk', true],
      ['vpin', true],
    ]);

    // Chaos levers: a graceful bus restart and a PostgreSQL restart; orders still fill after both.
    const busPid = cluster.pidOfRedis('engineLogic');
    const downtimeMs = await cluster.restartRedis('engineLogic');
    console.info(`engine-logic Redis restarted with ${downtimeMs} ms downtime`);
    expect(cluster.pidOfRedis('engineLogic')).not.toBe(busPid);
    await cluster.stopPostgres();
    await cluster.startPostgres();
    expect((await fillOrder(api)).filledQty).toBe('1');

    const pids = [
      ...cluster.processes().map((p) => p.pid!),
      cluster.pidOfRedis('main'),
      cluster.pidOfRedis('marketData'),
      cluster.pidOfRedis('engineLogic'),
    ];
    const report = await cluster.down();
    expect(report.processes.map((p) => p.stopped)).toEqual(['SIGTERM', 'SIGTERM', 'SIGTERM']);
    expect(report.redis.map((r) => r.stopped)).toEqual(['SIGTERM', 'SIGTERM', 'SIGTERM']);
    expect(report.postgres).toBe('stopped');
    expect(pids.filter((pid) => pidAlive(pid))).toEqual([]);
    const held = [
      ...Object.values(ports),
      8001 + portOffset,
      8200 + portOffset,
      10_000 + portOffset + 20_000,
    ];
    expect((await Promise.all(held.map(portInUse))).some(Boolean)).toBe(false);
    expect(existsSync(stateFile(dir))).toBe(false);
  }, 120_000);
});
