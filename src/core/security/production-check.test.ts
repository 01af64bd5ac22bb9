import { describe, expect, it } from 'vitest';
import { assertProductionReady, type ProductionInput, productionProblems } from './production-check.ts';

const STRONG = 'V3ry-l0ng-generated-secret';
const good: ProductionInput = {
  redis: [
    { label: 'MarketData bus Redis', url: 'rediss://bus-md:6380', password: STRONG },
    { label: 'engine-logic bus Redis', url: 'rediss://bus-el:6381', password: STRONG },
    { label: 'main Redis', url: 'redis://127.0.0.1:6379', password: STRONG },
  ],
  tlsRejectUnauthorized: true,
  store: { kind: 'postgres', password: STRONG },
  api: { runs: true, keys: 2 },
};
const withRedis = (index: number, change: Partial<ProductionInput['redis'][number]>): ProductionInput => ({
  ...good,
  redis: good.redis.map((redis, i) => (i === index ? { ...redis, ...change } : redis)),
});

describe('productionProblems', () => {
  it('accepts secured Redis, PostgreSQL with a real password and an API with keys', () => {
    expect(productionProblems(good)).toEqual([]);
    expect(() => assertProductionReady(good)).not.toThrow();
  });

  it('refuses a Redis connection without a password', () => {
    expect(productionProblems(withRedis(0, { password: undefined }))).toEqual([
      'MarketData bus Redis: no password (set it in the URL or bus.credentialsFile)',
    ]);
  });

  it('refuses a well-known Redis password, whatever its case', () => {
    expect(productionProblems(withRedis(2, { password: 'Foobared' }))).toEqual([
      'main Redis: a well-known default password (set it in the URL or bus.credentialsFile): use a generated one',
    ]);
  });

  it('refuses plain TCP to a Redis host that is not loopback', () => {
    expect(productionProblems(withRedis(1, { url: 'redis://10.0.0.7:6381' }))).toEqual([
      'engine-logic bus Redis: TLS is off for 10.0.0.7 (use rediss:// and bus.tls)',
    ]);
    expect(productionProblems(withRedis(1, { url: 'redis://localhost:6381' }))).toEqual([]);
  });

  it('refuses unverified Redis certificates', () => {
    expect(productionProblems({ ...good, tlsRejectUnauthorized: false })).toEqual([
      'bus.tls.rejectUnauthorized is false: Redis server certificates are not verified',
    ]);
  });

  it('refuses PostgreSQL without a password or with a default one', () => {
    for (const password of [undefined, '', 'postgres', 'nautilus', 'password', 'admin']) {
      const problems = productionProblems({ ...good, store: { kind: 'postgres', password } });
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/^store \(PostgreSQL\): (no password|a well-known default password)/);
    }
  });

  it('accepts PGlite (embedded, nothing listens) and the memory transport (no Redis)', () => {
    expect(productionProblems({ ...good, redis: [], store: { kind: 'pglite' } })).toEqual([]);
  });

  it('refuses an api engine without API keys, but not a process that does not run it', () => {
    expect(productionProblems({ ...good, api: { runs: true, keys: 0 } })).toEqual([
      'api engine: no API keys (it would serve localhost with every right): set engineConfig.api.apiKeys',
    ]);
    expect(productionProblems({ ...good, api: { runs: false, keys: 0 } })).toEqual([]);
  });

  it('lists every problem at once', () => {
    const bad: ProductionInput = {
      redis: [{ label: 'main Redis', url: 'redis://main:6379', password: 'redis' }],
      tlsRejectUnauthorized: true,
      store: { kind: 'postgres', password: undefined },
      api: { runs: true, keys: 0 },
    };
    expect(productionProblems(bad)).toHaveLength(4);
    expect(() => assertProductionReady(bad)).toThrow(
      /^production mode: start refused \(4 problems\):\n {2}- main Redis/,
    );
  });
});
