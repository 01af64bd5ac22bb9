import { describe, expect, it } from 'vitest';
import { hashApiKey } from '../../../core/api-keys.ts';
import { startApi } from '../api-test-kit.ts';

const keys = [
  { name: 'viewer', keyHash: hashApiKey('read-key'), role: 'read-only' },
  { name: 'desk', keyHash: hashApiKey('trade-key'), role: 'trader' },
  { name: 'boss', keyHash: hashApiKey('admin-key'), role: 'admin' },
];
const order = { symbol: 'AAPL', side: 'buy', type: 'market', quantity: '1' };
const tradingState = { state: 'HALTED', reason: 'drill' };

describe('api auth, CORS and rate limit', () => {
  it('needs a known key (401) whose role covers the route (403)', async () => {
    const { app } = await startApi({ config: { apiKeys: keys } });
    const call = async (method: 'GET' | 'POST' | 'PUT', url: string, key?: string, payload?: object) => {
      const response = await app.inject({
        method,
        url,
        ...(key ? { headers: { 'x-api-key': key } } : {}),
        ...(payload ? { payload } : {}),
      });
      return response.statusCode;
    };
    expect(await call('GET', '/api/positions')).toBe(401);
    expect(await call('GET', '/api/positions', 'wrong-key')).toBe(401);
    expect(await call('GET', '/api/positions', 'read-key')).toBe(200);
    expect(await call('POST', '/api/orders', 'read-key', order)).toBe(403);
    expect(await call('POST', '/api/orders', 'trade-key', order)).toBe(202);
    // The trading-state route reaches the auth check before the bus: no risk engine is needed.
    expect(await call('PUT', '/api/risk/trading-state', 'trade-key', tradingState)).toBe(403);
    expect(await call('PUT', '/api/risk/trading-state', 'read-key', tradingState)).toBe(403);
    expect(await call('GET', '/api/orders', 'admin-key')).toBe(200);
    // Documentation and the host's own endpoints stay open.
    expect(await call('GET', '/docs/json')).toBe(200);
    const denied = await app.inject({ method: 'GET', url: '/api/positions' });
    expect(denied.json()).toEqual({
      error: { code: 'UNAUTHORIZED', message: 'API key required (x-api-key or ?key=)' },
    });
    const forbidden = await app.inject({
      method: 'POST',
      url: '/api/orders',
      headers: { 'x-api-key': 'read-key' },
      payload: order,
    });
    expect(forbidden.json().error).toEqual({
      code: 'FORBIDDEN',
      message: 'role read-only of viewer may not do this: needs trader',
    });
  });

  it('lets only loopback clients in, with every right, when no key is configured', async () => {
    const { app } = await startApi();
    const local = await app.inject({
      method: 'POST',
      url: '/api/orders',
      payload: order,
      remoteAddress: '127.0.0.1',
    });
    expect(local.statusCode).toBe(202);
    const remote = await app.inject({ method: 'GET', url: '/api/positions', remoteAddress: '10.1.2.3' });
    expect(remote.statusCode).toBe(403);
    expect(remote.json().error.code).toBe('FORBIDDEN');
  });

  it('answers CORS for the configured origins only', async () => {
    const { app } = await startApi({ config: { corsOrigins: ['http://dash.example:3000'] } });
    const preflight = (origin: string) =>
      app.inject({
        method: 'OPTIONS',
        url: '/api/orders',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'x-api-key,content-type',
        },
      });
    const allowed = await preflight('http://dash.example:3000');
    expect(allowed.statusCode).toBe(204);
    expect(allowed.headers['access-control-allow-origin']).toBe('http://dash.example:3000');
    expect(allowed.headers['access-control-allow-methods']).toContain('POST');
    const other = await preflight('http://evil.example');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
    const get = await app.inject({
      method: 'GET',
      url: '/api/positions',
      headers: { origin: 'http://dash.example:3000' },
    });
    expect(get.headers['access-control-allow-origin']).toBe('http://dash.example:3000');
    const getOther = await app.inject({
      method: 'GET',
      url: '/api/positions',
      headers: { origin: 'http://evil.example' },
    });
    expect(getOther.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('limits requests per key, each key in its own bucket, with 429', async () => {
    const { app } = await startApi({ config: { apiKeys: keys, rateLimit: { max: 3, windowMs: 3_600_000 } } });
    const get = (key: string) =>
      app.inject({ method: 'GET', url: '/api/instruments', headers: { 'x-api-key': key } });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await get('read-key')).statusCode);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await get('read-key');
    expect(limited.json().error.code).toBe('RATE_LIMITED');
    expect(limited.headers['retry-after']).toBeDefined();
    expect((await get('trade-key')).statusCode).toBe(200);
  });
});
