import { describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from './migrations.ts';
import { openPgClient } from './pg-client.ts';
import { dropSchema, postgresTestsEnabled, TEST_PG_URL, testSchema } from './testing/pg-fixture.ts';

describe.skipIf(!(await postgresTestsEnabled()))('migrate from several processes at once', () => {
  it('applies each migration once and fails none on a new schema', async () => {
    const schema = testSchema('migrate_race');
    // The schema first: CREATE SCHEMA IF NOT EXISTS races too, but only tests open with a schema.
    const first = await openPgClient({ url: TEST_PG_URL, schema, poolSize: 1 });
    const others = await Promise.all(
      Array.from({ length: 5 }, () => openPgClient({ url: TEST_PG_URL, schema, poolSize: 1 })),
    );
    const clients = [first, ...others];
    try {
      const results = await Promise.allSettled(clients.map((client) => migrate(client)));
      expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
      const applied = results.flatMap((r) => (r.status === 'fulfilled' ? r.value : []));
      expect(applied.map((m) => m.version).sort((a, b) => a - b)).toEqual(
        loadMigrations().map((m) => m.version),
      );
    } finally {
      await Promise.all(clients.map((client) => client.close()));
      await dropSchema(schema);
    }
  });
});
