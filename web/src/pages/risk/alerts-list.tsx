import type { Alert } from '../../api/types.ts';
import { fmtTime } from '../../components/format.ts';
import { Empty } from '../../components/panel.tsx';

export function AlertsList({ alerts }: { alerts: Alert[] }) {
  if (alerts.length === 0) return <Empty testId="alerts-empty">No alerts</Empty>;
  return (
    <table className="table" data-testid="alerts-table">
      <thead>
        <tr>
          <th>Time</th>
          <th>Severity</th>
          <th>Kind</th>
          <th>Symbol</th>
          <th>Message</th>
        </tr>
      </thead>
      <tbody>
        {alerts.map((alert) => (
          <tr key={`${alert.topic}-${alert.tsNs}-${alert.message}`} data-testid="alert-row">
            <td>{fmtTime(alert.tsNs)}</td>
            <td>
              <span className={`badge severity-${alert.severity.toLowerCase()}`}>{alert.severity}</span>
            </td>
            <td>{alert.kind}</td>
            <td>{alert.symbol ?? '–'}</td>
            <td className="ellipsis">{alert.message}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
