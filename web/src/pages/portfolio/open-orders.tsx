import { useState } from 'react';
import { usePlatform } from '../../api/platform-context.tsx';
import type { Order } from '../../api/types.ts';
import { usePoll } from '../../api/use-poll.ts';
import { type Column, DataTable } from '../../components/data-table.tsx';
import { fmtPrice, fmtTime } from '../../components/format.ts';
import { ErrorNote } from '../../components/panel.tsx';

const COLUMNS: Column<Order>[] = [
  { header: 'Time', cell: (order) => fmtTime(order.createdNs) },
  { header: 'Symbol', cell: (order) => order.symbol },
  {
    header: 'Side',
    className: (order) => (order.side === 'buy' ? 'up' : 'down'),
    cell: (order) => order.side,
  },
  { header: 'Type', cell: (order) => order.type },
  { header: 'Qty', numeric: true, cell: (order) => order.quantity },
  { header: 'Price', numeric: true, cell: (order) => fmtPrice(order.price) },
  { header: 'Status', cell: (order) => order.status },
];

export function OpenOrders() {
  const { api } = usePlatform();
  const orders = usePoll<{ orders: Order[] }>('/api/orders?status=open&limit=50', 1000);
  const [error, setError] = useState<string | null>(null);
  const cancel = async (orderId: string) => {
    try {
      await api?.delete(`/api/orders/${encodeURIComponent(orderId)}`);
      setError(null);
      orders.refresh();
    } catch (failure) {
      setError((failure as Error).message);
    }
  };
  return (
    <>
      <ErrorNote error={error ?? orders.error} />
      <DataTable
        rows={orders.data?.orders ?? []}
        columns={[
          ...COLUMNS,
          {
            header: '',
            key: 'cancel',
            cell: (order) => (
              <button
                type="button"
                className="small"
                onClick={() => cancel(order.orderId)}
                data-testid="cancel-order"
              >
                Cancel
              </button>
            ),
          },
        ]}
        rowKey={(order) => order.orderId}
        testId="open-orders-table"
        rowTestId={(order) => `open-order-${order.orderId}`}
        empty={{ text: 'No open orders', testId: 'open-orders-empty' }}
      />
    </>
  );
}
