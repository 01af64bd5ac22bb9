import { describe, expect, it } from 'vitest';
import { NS_PER_SECOND } from '../../domain/time.ts';
import { DEFAULT_INSTRUMENTS } from './instruments.ts';
import type { MarketDataEvent } from './market-event.ts';
import { SyntheticMarket } from './synthetic-market.ts';

const take = (market: SyntheticMarket, n: number) => Array.from({ length: n }, () => market.next());
const onTick = (price: number, tick: number) => Math.abs(price / tick - Math.round(price / tick)) < 1e-6;

describe('SyntheticMarket', () => {
  it('replays the identical tape for the same seed and a different one for another seed', () => {
    const a = take(new SyntheticMarket({}, 42), 5_000);
    expect(a).toEqual(take(new SyntheticMarket({}, 42), 5_000));
    expect(a).not.toEqual(take(new SyntheticMarket({}, 43), 5_000));
  });

  it('emits time-ordered, on-grid trades, quotes and books consistent with the top of book', () => {
    const market = new SyntheticMarket({}, 7);
    const events = market.eventsUntil(market.startNs + 10n * NS_PER_SECOND);
    const ticks = new Map(DEFAULT_INSTRUMENTS.map((i) => [i.symbol, i.tickSize]));
    const lastQuote = new Map<string, Extract<MarketDataEvent, { kind: 'quote' }>>();
    const kinds = new Set<string>();
    let previous = market.startNs;
    for (const event of events) {
      const tick = ticks.get(event.symbol)!;
      kinds.add(event.kind);
      expect(event.tsNs >= previous).toBe(true);
      expect(event.tsNs <= market.startNs + 10n * NS_PER_SECOND).toBe(true);
      previous = event.tsNs;
      if (event.kind === 'trade') {
        expect(onTick(event.price, tick) && event.size > 0 && event.aggressor !== undefined).toBe(true);
      } else if (event.kind === 'quote') {
        expect(onTick(event.bid, tick) && onTick(event.ask, tick)).toBe(true);
        expect(event.ask - event.bid).toBeGreaterThanOrEqual(tick * (1 - 1e-9));
        lastQuote.set(event.symbol, event);
      } else {
        const quote = lastQuote.get(event.symbol)!;
        expect(event.bids).toHaveLength(10);
        expect(event.asks).toHaveLength(10);
        expect(event.bids[0]).toEqual([quote.bid, quote.bidSize]);
        expect(event.asks[0]).toEqual([quote.ask, quote.askSize]);
        event.bids.forEach(([p], i) => {
          expect(onTick(p, tick) && (i === 0 || p < event.bids[i - 1]![0])).toBe(true);
        });
        event.asks.forEach(([p], i) => {
          expect(onTick(p, tick) && (i === 0 || p > event.asks[i - 1]![0])).toBe(true);
        });
      }
    }
    expect([...kinds].sort()).toEqual(['book', 'quote', 'trade']);
    expect(lastQuote.size).toBe(DEFAULT_INSTRUMENTS.length);
  });

  it('trades at tens to hundreds per second per symbol, scaled by rateScale', () => {
    const tradesPerSecond = (rateScale: number) => {
      const market = new SyntheticMarket({ dynamics: { rateScale } }, 3);
      const events = market.eventsUntil(market.startNs + 30n * NS_PER_SECOND);
      const counts = new Map<string, number>();
      for (const e of events) if (e.kind === 'trade') counts.set(e.symbol, (counts.get(e.symbol) ?? 0) + 1);
      return DEFAULT_INSTRUMENTS.map((i) => (counts.get(i.symbol) ?? 0) / 30);
    };
    const rates = tradesPerSecond(1);
    for (const rate of rates) expect(rate >= 10 && rate <= 500).toBe(true);
    const quiet = tradesPerSecond(0.1);
    expect(quiet.reduce((a, b) => a + b) / rates.reduce((a, b) => a + b)).toBeLessThan(0.2);
  });

  it('rejects unknown symbols and duplicate instruments', () => {
    expect(() => new SyntheticMarket().diagnostics('NOPE')).toThrow(RangeError);
    const aapl = DEFAULT_INSTRUMENTS[0]!;
    expect(() => new SyntheticMarket({ instruments: [aapl, aapl] })).toThrow(RangeError);
  });
});
