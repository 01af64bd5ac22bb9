import Fastify from 'fastify';
import { describe, expect, it, onTestFinished } from 'vitest';
import { KEYS, keyEntries, startFuzzHost } from './fuzz-host-kit.ts';
import { runHttpFuzz } from './http-fuzz.ts';

const apiSettings = (rateLimitMax: number) => ({
  // Every engine the API reaches over the bus: a valid request must never meet a missing endpoint.
  engines: ['api', 'marketdata', 'risk', 'execution', 'portfolio', 'backtesting'],
  'engineConfig.marketdata.symbols': ['AAPL'],
  'engineConfig.api.apiKeys': keyEntries,
  'engineConfig.api.rateLimit': { max: rateLimitMax, windowMs: 60_000 },
});

describe('HTTP fuzzer over the API schemas', () => {
  it('gets a 4xx naming the problem for every bad request, never a 5xx, and /health stays 200', async () => {
    const { urlOf } = await startFuzzHost(apiSettings(1_000_000));
    const report = await runHttpFuzz({
      baseUrl: urlOf('api'),
      apiKey: KEYS.admin,
      lowRoleKey: KEYS.read,
      seed: 7,
      cases: 3_000,
    });
    expect(report.examples).toEqual([]);
    expect(report).toMatchObject({
      requests: 3_000,
      serverErrors: 0,
      badErrorBodies: 0,
      rateLimited: 0,
      timeouts: 0,
      networkErrors: 0,
      healthChecks: 30,
      healthFailures: 0,
    });
    // The fuzzer must keep reaching the validators, auth and the HTTP parser, not just the router.
    const clientErrors = Object.keys(report.byStatus).filter((s) => Number(s) >= 400 && Number(s) < 500);
    expect(clientErrors).toEqual(expect.arrayContaining(['400', '401', '403', '404', '431']));
    for (const [kind, statuses] of Object.entries(report.byKind))
      if (kind.startsWith('body.') && kind !== 'body.content-type')
        expect(statuses[400], kind).toBeGreaterThan(0);
    expect(report.byKind['auth.auth-missing']).toEqual({ 401: expect.any(Number) });
    expect(report.byKind['auth.auth-low-role']?.[403]).toBeGreaterThan(0);
  });

  it('counts 429s apart when the rate limit trips, each with an error body', async () => {
    const { urlOf } = await startFuzzHost(apiSettings(100));
    const report = await runHttpFuzz({ baseUrl: urlOf('api'), apiKey: KEYS.trade, seed: 3, cases: 300 });
    // 404s and refused keys fall outside the key's bucket: only part of the 300 can be limited.
    expect(report.rateLimited).toBeGreaterThan(0);
    expect(report.byStatus[429]).toBe(report.rateLimited);
    expect(report).toMatchObject({ serverErrors: 0, badErrorBodies: 0, healthFailures: 0 });
  });

  it('reports 5xx answers, bodies without a message and a failing /health', async () => {
    // A deliberately broken server: the checks themselves must be able to fail.
    const app = Fastify();
    let calls = 0;
    app.get('/docs/json', async () => ({
      paths: {
        '/api/thing/{id}': {
          get: { parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }] },
        },
      },
    }));
    app.get('/api/thing/:id', async (_request, reply) =>
      ++calls % 2 === 0
        ? reply.status(500).send({ error: { message: 'boom' } })
        : reply.status(400).send('bad'),
    );
    app.get('/health', async (_request, reply) => reply.status(503).send({ state: 'failed' }));
    await app.listen({ host: '127.0.0.1', port: 0 });
    onTestFinished(() => app.close());
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const report = await runHttpFuzz({ baseUrl: `http://127.0.0.1:${port}`, seed: 1, cases: 40, batch: 20 });
    expect(report.serverErrors).toBeGreaterThan(0);
    expect(report.badErrorBodies).toBeGreaterThan(0);
    expect(report.healthFailures).toBe(2);
    expect(report.examples.length).toBe(10);
    expect(report.examples[0]).toMatchObject({
      method: 'GET',
      path: expect.stringMatching(/^\/api\/thing\//),
    });
  });
});
