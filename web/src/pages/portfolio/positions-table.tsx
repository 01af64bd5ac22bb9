import type { Position } from '../../api/types.ts';
import { type Column, DataTable } from '../../components/data-table.tsx';
import { fmtNum, fmtPrice, signClass } from '../../components/format.ts';

const COLUMNS: Column<Position>[] = [
  { header: 'Symbol', cell: (position) => position.symbol },
  {
    header: 'Side',
    className: (position) => (position.side === 'LONG' ? 'up' : position.side === 'SHORT' ? 'down' : ''),
    cell: (position) => position.side,
  },
  {
    header: 'Quantity',
    numeric: true,
    cellTestId: (position) => `position-qty-${position.symbol}`,
    cell: (position) => position.quantity,
  },
  { header: 'Avg price', numeric: true, cell: (position) => fmtPrice(position.avgPrice) },
  {
    header: 'Realised',
    numeric: true,
    className: (position) => signClass(position.realizedPnl),
    cell: (position) => fmtNum(position.realizedPnl),
  },
  {
    header: 'Unrealised',
    numeric: true,
    className: (position) => signClass(position.unrealizedPnl),
    cell: (position) => fmtNum(position.unrealizedPnl),
  },
  { header: 'Ccy', className: 'muted', cell: (position) => position.currency },
];

export function PositionsTable({ positions }: { positions: Position[] }) {
  return (
    <DataTable
      rows={positions}
      columns={COLUMNS}
      rowKey={(position) => position.instrumentId}
      testId="positions-table"
      rowTestId={(position) => `position-row-${position.symbol}`}
      empty={{ text: 'No open positions', testId: 'positions-empty' }}
    />
  );
}
