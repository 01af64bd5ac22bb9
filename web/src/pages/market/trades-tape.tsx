import type { Trade } from '../../api/types.ts';
import { fmtNum, fmtPrice, fmtTime } from '../../components/format.ts';
import { Empty } from '../../components/panel.tsx';

const SHOWN = 30;

/** Newest first. */
export function TradesTape({ trades }: { trades: Trade[] }) {
  if (trades.length === 0) return <Empty testId="trades-empty">No trades yet</Empty>;
  const recent = trades.slice(-SHOWN).reverse();
  return (
    <table className="table" data-testid="trades-tape">
      <thead>
        <tr>
          <th>Time</th>
          <th className="num">Price</th>
          <th className="num">Size</th>
          <th>Aggressor</th>
        </tr>
      </thead>
      <tbody>
        {recent.map((trade) => (
          <tr key={`${trade.tsNs}-${trade.price}-${trade.size}-${trade.aggressor}`} data-testid="trade-row">
            <td>{fmtTime(trade.tsNs)}</td>
            <td
              className={`num ${trade.aggressor === 'buy' ? 'up' : trade.aggressor === 'sell' ? 'down' : ''}`}
            >
              {fmtPrice(trade.price)}
            </td>
            <td className="num">{fmtNum(trade.size, 0)}</td>
            <td className="muted">{trade.aggressor ?? '–'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
