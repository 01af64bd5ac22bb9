import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadMigrations } from '../../store/migrations.ts';
import { runCli } from '../program.ts';

const dir = mkdtempSync(join(tmpdir(), 'nautilus-db-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(args: string[]) {
  let out = '';
  let err = '';
  const io = {
    out: (text: string) => {
      out += text;
    },
    err: (text: string) => {
      err += text;
    },
  };
  const code = await runCli(['node', 'nautilus', ...args], io);
  return { code, out, err };
}

describe('nautilus db', () => {
  const files = loadMigrations().map((m) => m.file);
  const at = ['--set', `dataDir=${dir}`];

  it('status lists pending migrations, migrate applies them once, status then shows their times', async () => {
    const before = await cli(['db', 'status', '--json', ...at]);
    expect(before.code).toBe(0);
    const pending = JSON.parse(before.out);
    expect(pending.backend).toBe('pglite');
    expect(pending.migrations.map((m: { state: string }) => m.state)).toEqual(files.map(() => 'pending'));

    const first = await cli(['db', 'migrate', '--json', ...at]);
    expect(first.code).toBe(0);
    expect(JSON.parse(first.out).applied).toEqual(files);
    const again = await cli(['db', 'migrate', ...at]);
    expect(again.out).toContain('applied: nothing (up to date)');

    const after = await cli(['db', 'status', ...at]);
    expect(after.code).toBe(0);
    expect(after.out).toMatch(/^store: pglite pglite\nVERSION\s+FILE\s+STATE\s+APPLIED AT\n/);
    expect(after.out).toMatch(/1\s+0001_core\.sql\s+applied\s+\d{4}-\d\d-\d\dT/);
  });

  it('rejects a store URL that is neither pglite nor postgres, naming the option', async () => {
    const { code, err } = await cli(['db', 'status', '--set', 'store.url=mysql://x']);
    expect(code).toBe(2);
    expect(err).toContain('store.url');
  });
});
