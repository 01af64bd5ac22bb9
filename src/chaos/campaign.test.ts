import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../testing/free-port.ts';
import { redisTestsEnabled } from '../testing/redis-server.ts';
import { runCampaign } from './campaign.ts';
import { campaignTotals, renderCampaign } from './report.ts';

/** Needs redis-server, Debian's PostgreSQL binaries and iptables; under CI a missing one fails. */
const enabled =
  Boolean(process.env.CI) ||
  (redisTestsEnabled() && existsSync('/usr/lib/postgresql') && existsSync('/usr/sbin/iptables'));
const root = mkdtempSync(join(tmpdir(), 'nautilus-chaos-'));
// As root the cluster's PostgreSQL runs as user postgres, who must reach its data dir in here.
chmodSync(root, 0o755);
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe.skipIf(!enabled)('the fault campaign (a subset, on a 3-process cluster)', () => {
  it('loses nothing acknowledged, fails no XREADGROUP and reconciles the books through a kill -9, a bus restart, a partition and a slow consumer', async () => {
    const ports = {
      main: await freePort(),
      marketData: await freePort(),
      engineLogic: await freePort(),
      postgres: await freePort(),
    };
    const lines: string[] = [];
    const report = await runCampaign({
      dir: join(root, 'cluster'),
      processes: 3,
      quick: true,
      only: ['kill-engine', 'restart-engine-logic-bus', 'partition', 'slow-consumer'],
      ports,
      // Off the documented ports and the cluster test's range (12,000-13,950).
      portOffset: 16_000 + Math.floor(Math.random() * 40) * 50,
      set: { 'dashboard.enabled': false },
      say: (line) => lines.push(line),
    });
    const text = renderCampaign(report);
    console.info(text);
    const totals = campaignTotals(report);
    expect(report.scenarios.map((s) => s.name)).toEqual([
      'kill-engine',
      'restart-engine-logic-bus',
      'partition',
      'slow-consumer',
    ]);
    expect(totals.published).toBeGreaterThan(1_000);
    // Every subscribed group handled every campaign trade: 12 groups across the 3 processes.
    expect(report.expectedGroups['market_data.trade.CX0']?.length).toBeGreaterThanOrEqual(10);
    expect(totals.lost).toBe(0);
    expect(totals.failed_xreadgroup).toBe(0);
    expect(totals.reconciliation_mismatches).toBe(0);
    expect(report.reconciliation.chaosFilled).toBeGreaterThan(0);
    expect(
      report.scenarios.filter((s) => !s.passed).map((s) => `${s.name}: ${s.problems.join('; ')}`),
    ).toEqual([]);
    expect(JSON.parse(text.trim().split('\n').at(-1)!).passed).toBe(true);
  }, 300_000);
});
