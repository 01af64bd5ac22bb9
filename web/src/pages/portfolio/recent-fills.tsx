import { usePoll } from '../../api/use-poll.ts';
import { fmtPrice, fmtTime } from '../../components/format.ts';
import { Empty } from '../../components/panel.tsx';

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

export function RecentFills() {
  const { data } = usePoll<{ fills: Fill[] }>('/api/fills?limit=20', 2000);
  const fills = data?.fills ?? [];
  if (fills.length === 0) return <Empty testId="fills-empty">No fills yet</Empty>;
  return (
    <table className="table" data-testid="fills-table">
      <thead>
        <tr>
          <th>Time</th>
          <th>Symbol</th>
          <th>Side</th>
          <th className="num">Qty</th>
          <th className="num">Price</th>
          <th className="num">Commission</th>
        </tr>
      </thead>
      <tbody>
        {fills.map((fill) => (
          <tr key={fill.fillId}>
            <td>{fmtTime(fill.tsNs)}</td>
            <td>{fill.symbol}</td>
            <td className={fill.side === 'buy' ? 'up' : 'down'}>{fill.side}</td>
            <td className="num">{fill.quantity}</td>
            <td className="num">{fmtPrice(fill.price)}</td>
            <td className="num">
              {typeof fill.commission === 'object' ? JSON.stringify(fill.commission) : fill.commission}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
