import { renderTable } from '../cli/table.ts';
import type { CampaignReport } from './campaign.ts';

const ms = (value: number | null) => (value === null ? 'never' : `${(value / 1000).toFixed(1)} s`);

export function campaignTotals(report: CampaignReport) {
  const sum = (pick: (s: CampaignReport['scenarios'][number]) => number) =>
    report.scenarios.reduce((total, s) => total + pick(s), 0);
  return {
    published: sum((s) => s.published),
    delivered: sum((s) => s.delivered),
    lost: sum((s) => s.lost),
    duplicates_to_handlers: sum((s) => s.duplicates),
    dead_lettered: sum((s) => s.deadLettered),
    unacknowledged: sum((s) => s.unacknowledged),
    failed_xreadgroup: sum((s) => s.failedXreadgroup),
    reconciliation_mismatches: report.reconciliation.mismatches.length,
  };
}

/** The table people read, then one JSON object (the last line) with every figure. */
export function renderCampaign(report: CampaignReport): string {
  const rows = report.scenarios.map((s) => [
    s.name,
    String(s.published),
    String(s.delivered),
    String(s.duplicates),
    String(s.deadLettered),
    String(s.lost),
    ms(s.recoveryMs),
    String(s.failedXreadgroup),
    s.passed ? 'pass' : 'FAIL',
  ]);
  const totals = campaignTotals(report);
  rows.push([
    'total',
    String(totals.published),
    String(totals.delivered),
    String(totals.duplicates_to_handlers),
    String(totals.dead_lettered),
    String(totals.lost),
    '',
    String(totals.failed_xreadgroup),
    report.passed ? 'pass' : 'FAIL',
  ]);
  const header = [
    'SCENARIO',
    'PUBLISHED',
    'DELIVERED',
    'DUPLICATES',
    'DEAD-LETTERED',
    'LOST',
    'RECOVERY',
    'FAILED XREADGROUP',
    'RESULT',
  ];
  const { reconciliation: r } = report;
  const lines = [
    renderTable(header, rows),
    '',
    'PUBLISHED: messages the campaign published in the scenario; DELIVERED: (message, consumer group) pairs handled;',
    'DUPLICATES: extra handler runs; LOST: acknowledged messages some subscribed group never handled.',
    `Reconciliation: ${r.checks} checks over ${r.fills} fills, ${r.instruments} instruments, ${r.chaosOrders} campaign orders (${r.chaosFilled} filled): ${r.mismatches.length} mismatches`,
    ...r.mismatches.slice(0, 10).map((m) => `  mismatch: ${m}`),
    ...report.scenarios
      .filter((s) => s.deadLettered > 0)
      .map(
        (s) =>
          `Dead letters in ${s.name}: ${Object.entries(s.deadLetterReasons)
            .map(([reason, n]) => `${reason} ${n}`)
            .join(', ')}`,
      ),
    ...report.scenarios.flatMap((s) => s.problems.map((p) => `  ${s.name}: ${p}`)),
    `${report.xreadgroupCalls} XREADGROUP calls on the buses at the end; ${report.publishRefusals} publishes refused to the load; campaign ${(report.durationMs / 1000).toFixed(0)} s`,
    JSON.stringify({
      passed: report.passed,
      totals,
      scenarios: report.scenarios.map(({ lostExamples: _, ...s }) => s),
      reconciliation: r,
      expectedGroups: report.expectedGroups,
      publishRefusals: report.publishRefusals,
      durationMs: report.durationMs,
    }),
  ];
  return `${lines.join('\n')}\n`;
}
