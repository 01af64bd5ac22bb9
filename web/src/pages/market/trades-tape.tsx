import type { Trade } from '../../api/types.ts';
import { type Column, DataTable } from '../../components/data-table.tsx';
import { fmtNum, fmtPrice, fmtTime } from '../../components/format.ts';

const SHOWN = 30;

const COLUMNS: Column<Trade>[] = [
  { header: 'Time', cell: (trade) => fmtTime(trade.tsNs) },
  {
    header: 'Price',
    numeric: true,
    className: (trade) => (trade.aggressor === 'buy' ? 'up' : trade.aggressor === 'sell' ? 'down' : ''),
    cell: (trade) => fmtPrice(trade.price),
  },
  { header: 'Size', numeric: true, cell: (trade) => fmtNum(trade.size, 0) },
  { header: 'Aggressor', className: 'muted', cell: (trade) => trade.aggressor ?? '–' },
];

/** Newest first. */
export function TradesTape({ trades }: { trades: Trade[] }) {
  return (
    <DataTable
      rows={trades.slice(-SHOWN).reverse()}
      columns={COLUMNS}
      rowKey={(trade) => `${trade.tsNs}-${trade.price}-${trade.size}-${trade.aggressor}`}
      testId="trades-tape"
      rowTestId={() => 'trade-row'}
      empty={{ text: 'No trades yet', testId: 'trades-empty' }}
    />
  );
}
