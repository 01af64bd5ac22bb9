import type { BacktestOverview } from '../../api/types.ts';
import { type Column, DataTable } from '../../components/data-table.tsx';
import { progressOf } from './progress.ts';

const COLUMNS: Column<BacktestOverview>[] = [
  { header: 'Id', cell: (backtest) => backtest.id },
  { header: 'Kind', cell: (backtest) => backtest.kind },
  { header: 'Strategy', cell: (backtest) => backtest.strategy },
  {
    header: 'Status',
    cell: (backtest) => <span className={`badge bt-${backtest.status}`}>{backtest.status}</span>,
  },
  { header: 'Progress', numeric: true, cell: (backtest) => `${Math.round(progressOf(backtest) * 100)}%` },
];

export function BacktestsTable(props: {
  backtests: BacktestOverview[];
  selected: string | null;
  onSelect: (id: string) => void;
}) {
  return (
    <DataTable
      rows={props.backtests}
      columns={COLUMNS}
      rowKey={(backtest) => backtest.id}
      testId="backtests-table"
      rowTestId={(backtest) => `backtest-row-${backtest.id}`}
      empty={{ text: 'No backtests yet', testId: 'backtests-empty' }}
      onRowClick={(backtest) => props.onSelect(backtest.id)}
      selectedKey={props.selected}
    />
  );
}
