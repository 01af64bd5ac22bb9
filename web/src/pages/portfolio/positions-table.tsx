import type { Position } from '../../api/types.ts';
import { fmtNum, fmtPrice, signClass } from '../../components/format.ts';
import { Empty } from '../../components/panel.tsx';

export function PositionsTable({ positions }: { positions: Position[] }) {
  if (positions.length === 0) return <Empty testId="positions-empty">No open positions</Empty>;
  return (
    <table className="table" data-testid="positions-table">
      <thead>
        <tr>
          <th>Symbol</th>
          <th>Side</th>
          <th className="num">Quantity</th>
          <th className="num">Avg price</th>
          <th className="num">Realised</th>
          <th className="num">Unrealised</th>
          <th>Ccy</th>
        </tr>
      </thead>
      <tbody>
        {positions.map((position) => (
          <tr key={position.instrumentId} data-testid={`position-row-${position.symbol}`}>
            <td>{position.symbol}</td>
            <td className={position.side === 'LONG' ? 'up' : position.side === 'SHORT' ? 'down' : ''}>
              {position.side}
            </td>
            <td className="num" data-testid={`position-qty-${position.symbol}`}>
              {position.quantity}
            </td>
            <td className="num">{fmtPrice(position.avgPrice)}</td>
            <td className={`num ${signClass(position.realizedPnl)}`}>{fmtNum(position.realizedPnl)}</td>
            <td className={`num ${signClass(position.unrealizedPnl)}`}>{fmtNum(position.unrealizedPnl)}</td>
            <td className="muted">{position.currency}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
