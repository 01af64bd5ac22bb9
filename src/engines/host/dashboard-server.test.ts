import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildDashboardServer, type DashboardEndpoints } from './dashboard-server.ts';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function serve(
  endpoints: DashboardEndpoints = { apiUrl: 'http://127.0.0.1:8001', wsUrl: 'ws://127.0.0.1:8600/ws' },
) {
  const dist = await mkdtemp(join(tmpdir(), 'nautilus-dist-'));
  await writeFile(join(dist, 'index.html'), '<!doctype html><div id="root"></div>');
  await writeFile(join(dist, 'app.js'), 'console.log(1)');
  const app = buildDashboardServer(dist, () => endpoints);
  cleanups.push(
    () => rm(dist, { recursive: true, force: true }),
    () => app.close(),
  );
  return app;
}

describe('dashboard server', () => {
  it('answers config.json with the endpoints, uncached', async () => {
    const app = await serve();
    const response = await app.inject({ method: 'GET', url: '/config.json' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.json()).toEqual({ apiUrl: 'http://127.0.0.1:8001', wsUrl: 'ws://127.0.0.1:8600/ws' });
  });

  it('serves files, index.html for unknown pages, and 404 for a missing asset', async () => {
    const app = await serve({ apiUrl: null, wsUrl: null });
    expect((await app.inject({ method: 'GET', url: '/config.json' })).json()).toEqual({
      apiUrl: null,
      wsUrl: null,
    });
    const root = await app.inject({ method: 'GET', url: '/' });
    expect(root.statusCode).toBe(200);
    expect(root.body).toContain('id="root"');
    expect(root.headers['cache-control']).toBe('no-cache');
    const asset = await app.inject({ method: 'GET', url: '/app.js' });
    expect(asset.body).toBe('console.log(1)');
    expect(asset.headers['cache-control']).toContain('immutable');
    const deepLink = await app.inject({ method: 'GET', url: '/portfolio/positions?x=1' });
    expect(deepLink.statusCode).toBe(200);
    expect(deepLink.body).toContain('id="root"');
    const missing = await app.inject({ method: 'GET', url: '/assets/gone.js' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual({
      error: { code: 'NOT_FOUND', message: 'no file GET /assets/gone.js in the dashboard' },
    });
  });
});
