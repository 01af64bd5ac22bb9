import type { NautilusConfig } from '../../core/config/config-schema.ts';
import { redactUrl } from '../../core/logger.ts';
import { loadMigrations, type MigrationStatus, migrate, migrationStatus } from '../../store/migrations.ts';
import { openSqlClient } from '../../store/open-store.ts';
import type { SqlClient } from '../../store/sql-client.ts';
import { storeOver } from '../../store/store.ts';
import { type ConfigFlags, loadCliConfig } from '../config-flags.ts';
import { renderTable } from '../table.ts';

export interface DbFlags extends ConfigFlags {
  json?: boolean;
}

interface DbReport {
  backend: string;
  url: string;
  applied?: string[];
  partitionsCreated?: number;
  migrations: { version: number; file: string; state: string; appliedAt: string | null }[];
}

async function withClient<T>(config: NautilusConfig, fn: (client: SqlClient) => Promise<T>): Promise<T> {
  const client = await openSqlClient({ ...config.store, dataDir: config.dataDir });
  try {
    return await fn(client);
  } finally {
    await client.close();
  }
}

function describeUrl(config: NautilusConfig): string {
  return config.store.url.startsWith('pglite') ? config.store.url : redactUrl(config.store.url);
}

function render(report: DbReport, json: boolean | undefined): string {
  if (json) return `${JSON.stringify(report, null, 2)}\n`;
  const lines = [`store: ${report.backend} ${report.url}`];
  if (report.applied) {
    lines.push(
      report.applied.length ? `applied: ${report.applied.join(', ')}` : 'applied: nothing (up to date)',
    );
    lines.push(`partitions created: ${report.partitionsCreated}`);
  }
  const rows = report.migrations.map((m) => [String(m.version), m.file, m.state, m.appliedAt ?? '-']);
  lines.push(renderTable(['VERSION', 'FILE', 'STATE', 'APPLIED AT'], rows));
  return `${lines.join('\n')}\n`;
}

const plain = (status: MigrationStatus[]) =>
  status.map((s) => ({ ...s, appliedAt: s.appliedAt ? s.appliedAt.toISOString() : null }));

/** `nautilus db status`: applied / pending migrations with times; exit 1 when one was changed or is unknown. */
export async function dbStatusCommand(flags: DbFlags, out: (text: string) => void): Promise<number> {
  const { config } = loadCliConfig(flags);
  return withClient(config, async (client) => {
    const status = await migrationStatus(client, loadMigrations());
    out(render({ backend: client.backend, url: describeUrl(config), migrations: plain(status) }, flags.json));
    return status.some((s) => s.state === 'changed' || s.state === 'unknown') ? 1 : 0;
  });
}

/** `nautilus db migrate`: applies pending migrations and prepares the time partitions around now. */
export async function dbMigrateCommand(flags: DbFlags, out: (text: string) => void): Promise<number> {
  const { config } = loadCliConfig(flags);
  return withClient(config, async (client) => {
    const applied = await migrate(client);
    const nowNs = BigInt(Date.now()) * 1_000_000n;
    const partitionsCreated = await storeOver(client).maintainPartitions(
      nowNs,
      config.store.partitionDaysAhead,
    );
    const status = plain(await migrationStatus(client));
    const report = {
      backend: client.backend,
      url: describeUrl(config),
      applied: applied.map((m) => m.file),
      partitionsCreated,
      migrations: status,
    };
    out(render(report, flags.json));
    return 0;
  });
}
