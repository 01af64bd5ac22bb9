import http from 'node:http';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { type BlockedAttempt, EgressGuard, withEgressPermit } from './egress-guard.ts';
import { ReplayServer } from './testing/replay-server.ts';

const releases: (() => void)[] = [];
const servers: ReplayServer[] = [];

afterEach(async () => {
  for (const release of releases.splice(0)) release();
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function guarded() {
  const server = await ReplayServer.start(() => ({ body: { ok: true } }));
  servers.push(server);
  const port = new URL(server.url).port;
  const guard = new EgressGuard();
  guard.block([`127.0.0.1:${port}`, 'api.stlouisfed.org']);
  const attempts: BlockedAttempt[] = [];
  releases.push(guard.install((attempt) => attempts.push(attempt)));
  return { server, port, guard, attempts };
}

function get(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get(url, (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      })
      .on('error', reject);
  });
}

describe('EgressGuard', () => {
  it('blocks fetch, http and raw sockets to a data-API host outside the hub, and counts each', async () => {
    const { server, port, guard, attempts } = await guarded();
    await expect(fetch(`${server.url}/fred/series`)).rejects.toThrow(
      /blocked: data APIs are reached only through the market-data hub/,
    );
    expect(() => http.get(`${server.url}/x`)).toThrow(/http.get to 127.0.0.1:/);
    expect(() => net.connect(Number(port), '127.0.0.1')).toThrow(/net.connect/);
    await expect(fetch('https://api.stlouisfed.org/fred/series')).rejects.toMatchObject({
      code: 'EGRESS_BLOCKED',
    });
    expect(guard.blockedCount).toBe(4);
    expect(attempts.map((attempt) => attempt.via)).toEqual(['fetch', 'http.get', 'net.connect', 'fetch']);
    expect(server.requests).toHaveLength(0);
  });

  it('lets the hub through with a permit, and other hosts through always', async () => {
    const { server, guard } = await guarded();
    expect(await withEgressPermit('fred', () => get(`${server.url}/ok`))).toBe(200);
    const other = await ReplayServer.start(() => ({ body: 'fine' }));
    servers.push(other);
    expect((await fetch(`${other.url}/x`)).status).toBe(200);
    expect(guard.blockedCount).toBe(0);
  });

  it('stays installed until the last install is released, then restores the originals', () => {
    const original = { fetch: globalThis.fetch, get: http.get };
    const guard = new EgressGuard();
    const first = guard.install();
    const second = guard.install();
    first();
    first();
    expect(globalThis.fetch).not.toBe(original.fetch);
    second();
    expect(globalThis.fetch).toBe(original.fetch);
    expect(http.get).toBe(original.get);
  });
});
