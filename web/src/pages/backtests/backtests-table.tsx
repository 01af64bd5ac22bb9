import type { BacktestOverview } from '../../api/types.ts';
import { Empty } from '../../components/panel.tsx';
import { progressOf } from './progress.ts';

export function BacktestsTable(props: {
  backtests: BacktestOverview[];
  selected: string | null;
  onSelect: (id: string) => void;
}) {
  if (props.backtests.length === 0) return <Empty testId="backtests-empty">No backtests yet</Empty>;
  return (
    <table className="table clickable" data-testid="backtests-table">
      <thead>
        <tr>
          <th>Id</th>
          <th>Kind</th>
          <th>Strategy</th>
          <th>Status</th>
          <th className="num">Progress</th>
        </tr>
      </thead>
      <tbody>
        {props.backtests.map((backtest) => (
          <tr
            key={backtest.id}
            className={backtest.id === props.selected ? 'selected' : ''}
            onClick={() => props.onSelect(backtest.id)}
            data-testid={`backtest-row-${backtest.id}`}
          >
            <td>{backtest.id}</td>
            <td>{backtest.kind}</td>
            <td>{backtest.strategy}</td>
            <td>
              <span className={`badge bt-${backtest.status}`}>{backtest.status}</span>
            </td>
            <td className="num">{Math.round(progressOf(backtest) * 100)}%</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
