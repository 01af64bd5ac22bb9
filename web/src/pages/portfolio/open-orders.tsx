import { useState } from 'react';
import { usePlatform } from '../../api/platform-context.tsx';
import type { Order } from '../../api/types.ts';
import { usePoll } from '../../api/use-poll.ts';
import { fmtPrice, fmtTime } from '../../components/format.ts';
import { Empty, ErrorNote } from '../../components/panel.tsx';

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
  const rows = orders.data?.orders ?? [];
  return (
    <>
      <ErrorNote error={error ?? orders.error} />
      {rows.length === 0 ? (
        <Empty testId="open-orders-empty">No open orders</Empty>
      ) : (
        <table className="table" data-testid="open-orders-table">
          <thead>
            <tr>
              <th>Time</th>
              <th>Symbol</th>
              <th>Side</th>
              <th>Type</th>
              <th className="num">Qty</th>
              <th className="num">Price</th>
              <th>Status</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rows.map((order) => (
              <tr key={order.orderId} data-testid={`open-order-${order.orderId}`}>
                <td>{fmtTime(order.createdNs)}</td>
                <td>{order.symbol}</td>
                <td className={order.side === 'buy' ? 'up' : 'down'}>{order.side}</td>
                <td>{order.type}</td>
                <td className="num">{order.quantity}</td>
                <td className="num">{fmtPrice(order.price)}</td>
                <td>{order.status}</td>
                <td>
                  <button
                    type="button"
                    className="small"
                    onClick={() => cancel(order.orderId)}
                    data-testid="cancel-order"
                  >
                    Cancel
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
