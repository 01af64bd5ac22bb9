import type { BookLevel } from '../../api/types.ts';
import { fmtNum, fmtPrice } from '../../components/format.ts';
import { Empty } from '../../components/panel.tsx';

const DEPTH = 10;

function Side(props: { levels: BookLevel[]; side: 'bid' | 'ask'; maxSize: number }) {
  return (
    <tbody data-testid={`book-${props.side}s`}>
      {props.levels.map(([price, size]) => (
        <tr key={`${props.side}-${price}`} data-testid={`book-${props.side}-row`}>
          <td className={props.side === 'bid' ? 'up num' : 'down num'}>{fmtPrice(price)}</td>
          <td className="num depth-cell">
            <span
              className={`depth-bar ${props.side}`}
              style={{ width: `${Math.min(100, (size / props.maxSize) * 100)}%` }}
            />
            <span className="depth-text">{fmtNum(size, 0)}</span>
          </td>
        </tr>
      ))}
    </tbody>
  );
}

/** Asks above (best ask nearest the middle), bids below, with depth bars. */
export function OrderBook({ book }: { book: { bids: BookLevel[]; asks: BookLevel[] } | null }) {
  if (!book) return <Empty testId="book-empty">No book yet</Empty>;
  const asks = book.asks.slice(0, DEPTH).reverse();
  const bids = book.bids.slice(0, DEPTH);
  const maxSize = Math.max(1, ...asks.map((level) => level[1]), ...bids.map((level) => level[1]));
  return (
    <table className="table book" data-testid="order-book">
      <thead>
        <tr>
          <th className="num">Price</th>
          <th className="num">Size</th>
        </tr>
      </thead>
      <Side levels={asks} side="ask" maxSize={maxSize} />
      <Side levels={bids} side="bid" maxSize={maxSize} />
    </table>
  );
}
