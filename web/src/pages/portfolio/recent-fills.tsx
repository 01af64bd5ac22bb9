import { usePoll } from '../../api/use-poll.ts';
import { type Column, DataTable } from '../../components/data-table.tsx';
import { fmtPrice, fmtTime } from '../../components/format.ts';

interface Fill {
  fillId: string;
  orderId: string;
  symbol: string;
  side: string;
  price: string;
  quantity: string;
  commission: string;
  tsNs: string;
}

const COLUMNS: Column<Fill>[] = [
  { header: 'Time', cell: (fill) => fmtTime(fill.tsNs) },
  { header: 'Symbol', cell: (fill) => fill.symbol },
  { header: 'Side', className: (fill) => (fill.side === 'buy' ? 'up' : 'down'), cell: (fill) => fill.side },
  { header: 'Qty', numeric: true, cell: (fill) => fill.quantity },
  { header: 'Price', numeric: true, cell: (fill) => fmtPrice(fill.price) },
  {
    header: 'Commission',
    numeric: true,
    cell: (fill) => (typeof fill.commission === 'object' ? JSON.stringify(fill.commission) : fill.commission),
  },
];

export function RecentFills() {
  const { data } = usePoll<{ fills: Fill[] }>('/api/fills?limit=20', 2000);
  return (
    <DataTable
      rows={data?.fills ?? []}
      columns={COLUMNS}
      rowKey={(fill) => fill.fillId}
      testId="fills-table"
      empty={{ text: 'No fills yet', testId: 'fills-empty' }}
    />
  );
}
