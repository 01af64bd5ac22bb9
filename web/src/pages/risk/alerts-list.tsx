import type { Alert } from '../../api/types.ts';
import { type Column, DataTable } from '../../components/data-table.tsx';
import { fmtTime } from '../../components/format.ts';

const COLUMNS: Column<Alert>[] = [
  { header: 'Time', cell: (alert) => fmtTime(alert.tsNs) },
  {
    header: 'Severity',
    cell: (alert) => (
      <span className={`badge severity-${alert.severity.toLowerCase()}`}>{alert.severity}</span>
    ),
  },
  { header: 'Kind', cell: (alert) => alert.kind },
  { header: 'Symbol', cell: (alert) => alert.symbol ?? '–' },
  { header: 'Message', className: 'ellipsis', cell: (alert) => alert.message },
];

export function AlertsList({ alerts }: { alerts: Alert[] }) {
  return (
    <DataTable
      rows={alerts}
      columns={COLUMNS}
      rowKey={(alert) => `${alert.topic}-${alert.tsNs}-${alert.message}`}
      testId="alerts-table"
      rowTestId={() => 'alert-row'}
      empty={{ text: 'No alerts', testId: 'alerts-empty' }}
    />
  );
}
