import { useCallback, useState } from 'react';
import type { LiveMessage } from '../api/live-socket.ts';
import type { MarketSnapshot } from '../api/types.ts';
import { useLive } from '../api/use-live.ts';
import { usePoll } from '../api/use-poll.ts';
import { fmtNum, fmtPrice, fmtTime } from '../components/format.ts';
import { ErrorNote, Panel } from '../components/panel.tsx';
import { Stat } from '../components/stat.tsx';
import { OrderBook } from './market/order-book.tsx';
import { PriceChart } from './market/price-chart.tsx';
import { SymbolPicker, useSelectedSymbol } from './market/symbol-picker.tsx';
import { TradesTape } from './market/trades-tape.tsx';

interface LivePrice {
  price: number;
  tsNs: string;
}

export function MarketPage() {
  const [symbol, setSymbol, instruments] = useSelectedSymbol();
  const market = usePoll<MarketSnapshot>(symbol ? `/api/market/${encodeURIComponent(symbol)}` : null, 1000);
  const [live, setLive] = useState<LivePrice | null>(null);
  const [liveCount, setLiveCount] = useState(0);

  const onPrice = useCallback((message: LiveMessage) => {
    const payload = message.payload as { price: number; tsNs: string };
    setLive({ price: payload.price, tsNs: payload.tsNs });
    setLiveCount((count) => count + 1);
  }, []);
  useLive(symbol ? `price.update.${symbol}` : null, onPrice);

  const snapshot = market.data?.symbol === symbol ? market.data : null;
  const quote = snapshot?.quote ?? null;
  const spread = quote ? quote.ask - quote.bid : null;
  return (
    <div className="page">
      <div className="toolbar">
        <SymbolPicker symbol={symbol} instruments={instruments} onChange={setSymbol} />
        <span className="muted" data-testid="live-price-count">
          {liveCount} live price updates
        </span>
      </div>
      <div className="stat-strip">
        <Stat label="Last (live)" value={fmtPrice(live?.price)} testId="live-price" />
        <Stat label="Bid" value={fmtPrice(quote?.bid)} testId="quote-bid" />
        <Stat label="Ask" value={fmtPrice(quote?.ask)} testId="quote-ask" />
        <Stat label="Spread" value={fmtPrice(spread)} />
        <Stat
          label="Bid size / ask size"
          value={`${fmtNum(quote?.bidSize, 0)} / ${fmtNum(quote?.askSize, 0)}`}
        />
        <Stat label="Quote time" value={fmtTime(quote?.tsNs)} testId="quote-time" />
      </div>
      <ErrorNote error={market.error} />
      <div className="grid-main-side">
        <Panel title={`${symbol ?? ''} 1-minute bars + live trades`} testId="price-panel">
          <PriceChart snapshot={snapshot} live={live} />
        </Panel>
        <Panel title="Order book" testId="book-panel">
          <OrderBook book={snapshot?.book ?? null} />
        </Panel>
      </div>
      <Panel title="Trades" testId="trades-panel">
        <TradesTape trades={snapshot?.trades ?? []} />
      </Panel>
    </div>
  );
}
