import { useMemo } from 'react';
import type { MarketSnapshot } from '../../api/types.ts';
import { nsToMs } from '../../components/format.ts';
import { type Candle, TimeChart } from '../../components/time-chart.tsx';

const MINUTE_S = 60;

/**
 * Candles from the API's 1-minute bars, extended by the trades since the last bar and by the
 * live price from the WebSocket, so the current minute moves between bar closes.
 */
export function buildCandles(
  snapshot: MarketSnapshot | null,
  live: { price: number; tsNs: string } | null,
): Candle[] {
  const candles: Candle[] = (snapshot?.bars ?? []).map((bar) => ({
    time: Math.floor(nsToMs(bar.startNs) / 1000),
    open: bar.open,
    high: bar.high,
    low: bar.low,
    close: bar.close,
  }));
  const ticks = (snapshot?.trades ?? []).map((trade) => ({ price: trade.price, tsNs: trade.tsNs }));
  if (live) ticks.push(live);
  for (const tick of ticks) {
    const minute = Math.floor(nsToMs(tick.tsNs) / 1000 / MINUTE_S) * MINUTE_S;
    const last = candles[candles.length - 1];
    if (last && minute < last.time) continue;
    if (last && last.time === minute) {
      last.high = Math.max(last.high, tick.price);
      last.low = Math.min(last.low, tick.price);
      last.close = tick.price;
    } else {
      candles.push({ time: minute, open: tick.price, high: tick.price, low: tick.price, close: tick.price });
    }
  }
  return candles;
}

export function PriceChart(props: {
  snapshot: MarketSnapshot | null;
  live: { price: number; tsNs: string } | null;
}) {
  const candles = useMemo(() => buildCandles(props.snapshot, props.live), [props.snapshot, props.live]);
  return <TimeChart testId="price-chart" height={320} candles={candles} />;
}
