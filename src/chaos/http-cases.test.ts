import { describe, expect, it } from 'vitest';
import { httpCases } from './http-cases.ts';
import { exampleOf, operationsOf } from './openapi-operations.ts';

const orderBody = {
  type: 'object',
  properties: {
    symbol: { type: 'string', minLength: 1 },
    side: { type: 'string', enum: ['buy', 'sell'] },
    quantity: { type: 'string', pattern: '^\\d+(\\.\\d+)?$' },
  },
  required: ['symbol', 'side', 'quantity'],
  additionalProperties: false,
};
const document = {
  paths: {
    '/api/orders': {
      post: { requestBody: { content: { 'application/json': { schema: orderBody } } } },
      get: { parameters: [{ name: 'limit', in: 'query', required: false, schema: { type: 'integer' } }] },
    },
    '/api/market/{symbol}': {
      get: { parameters: [{ name: 'symbol', in: 'path', required: true, schema: { type: 'string' } }] },
    },
  },
};

describe('HTTP fuzz cases from an OpenAPI document', () => {
  const operations = operationsOf(document);

  it('starts from a valid example and mutates one thing per request', () => {
    expect(operations.map((op) => `${op.method} ${op.template}`)).toEqual([
      'POST /api/orders',
      'GET /api/orders',
      'GET /api/market/{symbol}',
    ]);
    expect(exampleOf(orderBody)).toEqual({ symbol: 'AAPL', side: 'buy', quantity: '1' });
  });

  it('is deterministic per seed and reaches every mutation kind', () => {
    const options = { seed: 5, cases: 900, apiKey: 'k', lowRoleKey: 'low', bodyLimitBytes: 10_000 };
    const cases = httpCases(operations, options);
    expect(httpCases(operations, options)).toEqual(cases);
    expect(httpCases(operations, { ...options, seed: 6 })).not.toEqual(cases);
    const kinds = new Set(cases.map((c) => c.kind));
    for (const kind of ['body.missing-required', 'body.invalid-json', 'body.oversized', 'body.deep-nesting'])
      expect(kinds).toContain(kind);
    for (const kind of ['params.path-param', 'params.query-value', 'auth.auth-missing', 'auth.auth-low-role'])
      expect(kinds).toContain(kind);
    const oversized = cases.find((c) => c.kind === 'body.oversized')!;
    expect(oversized.body!.length).toBeGreaterThan(10_000);
    expect(cases.find((c) => c.kind === 'auth.auth-missing')!.headers['x-api-key']).toBeUndefined();
    expect(cases.find((c) => c.kind === 'body.extra-field')!.headers['x-api-key']).toBe('k');
  });

  it('refuses a document without operations, naming what is missing', () => {
    expect(() => operationsOf({ openapi: '3.0.0' })).toThrow(/no `paths`/);
    expect(() => operationsOf({ paths: {} })).toThrow(/no operations/);
  });
});
