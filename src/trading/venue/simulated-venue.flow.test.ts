import { describe, expect, it } from 'vitest';
import { fx } from '../money/fixed.ts';
import { createBracket } from '../orders/contingent.ts';
import { OrderIdGenerator } from '../orders/order-id.ts';
import { applyAll, brief, order, quote, venue } from './venue-test-helpers.ts';
import type { BarData, BookData, TradeData } from './venue-types.ts';

const trade = (price: number, size: number, tsNs: bigint): TradeData => ({
  kind: 'trade',
  symbol: 'AAPL',
  price,
  size,
  tsNs,
});
const bar = (o: number, h: number, l: number, c: number, endNs: bigint, spec = '1-MINUTE-LAST'): BarData => ({
  kind: 'bar',
  symbol: 'AAPL',
  spec,
  open: o,
  high: h,
  low: l,
  close: c,
  volume: 1000,
  startNs: endNs - 50n,
  endNs,
});

describe('SimulatedVenue on trades, bars and books', () => {
  it('shares one trade size across resting limits in time priority (strict rule)', () => {
    const v = venue();
    const a = order({ type: 'limit', side: 'buy', price: fx('100.00'), quantity: fx('4') });
    const b = order({ type: 'limit', side: 'buy', price: fx('100.00'), quantity: fx('4') });
    applyAll([...v.submit(a, 1n), ...v.submit(b, 2n)], a, b);
    expect(v.onMarketData(trade(100, 6, 3n))).toEqual([]);
    const ev = applyAll(v.onMarketData(trade(99.99, 6, 4n)), a, b);
    expect(brief(ev)).toEqual([`${a.id} filled 4@100.00 maker 0.04`, `${b.id} filled 2@100.00 maker 0.02`]);
  });

  it('touch rule fills at the limit price', () => {
    const v = venue({ fill: { tradeLimitRule: 'touch' } });
    const a = order({ type: 'limit', side: 'sell', price: fx('100.00'), quantity: fx('4') });
    applyAll(v.submit(a, 1n), a);
    expect(brief(applyAll(v.onMarketData(trade(100, 6, 3n)), a))).toEqual([
      `${a.id} filled 4@100.00 maker 0.04`,
    ]);
  });

  it('market orders fill at the next bar open (no look-ahead)', () => {
    const v = venue();
    v.onMarketData(bar(100, 101, 99, 100.5, 60n));
    const o = order({ type: 'market', side: 'buy', timeInForce: 'DAY' });
    expect(brief(applyAll(v.submit(o, 70n), o))).toEqual([`${o.id} submitted@70`, `${o.id} accepted@70`]);
    const ev = applyAll(v.onMarketData(bar(100.4, 102, 100, 101, 120n)), o);
    expect(brief(ev)).toEqual([`${o.id} filled 10@100.40 taker 0.20`]);
  });

  it('fills buys on ask bars and sells on bid bars when the data comes as both', () => {
    const v = venue();
    v.onMarketData(bar(100, 101, 99, 100.5, 60n, '1m-bid'));
    v.onMarketData(bar(100.02, 101, 99, 100.52, 60n, '1m-ask'));
    const buy = order({ type: 'market', side: 'buy', timeInForce: 'DAY' });
    const sell = order({ type: 'market', side: 'sell', timeInForce: 'DAY' });
    applyAll([...v.submit(buy, 70n), ...v.submit(sell, 70n)], buy, sell);
    expect(brief(applyAll(v.onMarketData(bar(100.38, 101, 100, 100.5, 120n, '1m-bid')), buy, sell))).toEqual([
      `${sell.id} filled 10@100.38 taker 0.20`,
    ]);
    expect(brief(applyAll(v.onMarketData(bar(100.42, 101, 100, 100.5, 120n, '1m-ask')), buy, sell))).toEqual([
      `${buy.id} filled 10@100.42 taker 0.20`,
    ]);
  });

  it('never fills on a bar that began before the order arrived (a bid and an ask bar of one minute)', () => {
    const v = venue();
    const o = order({ type: 'market', side: 'sell', timeInForce: 'DAY' });
    applyAll(v.submit(o, 90n), o);
    expect(v.onMarketData(bar(100.4, 102, 100, 101, 120n))).toEqual([]);
    expect(brief(applyAll(v.onMarketData(bar(100.6, 102, 100, 101, 180n)), o))).toEqual([
      `${o.id} filled 10@100.60 taker 0.20`,
    ]);
  });

  it('lets bid bars alone serve both sides', () => {
    const v = venue();
    const buy = order({ type: 'market', side: 'buy', timeInForce: 'DAY' });
    applyAll(v.submit(buy, 70n), buy);
    expect(brief(applyAll(v.onMarketData(bar(100.38, 101, 100, 100.5, 120n, '1m-bid')), buy))).toEqual([
      `${buy.id} filled 10@100.38 taker 0.20`,
    ]);
  });

  it('bar path visits the nearer extreme first: the stop triggers before the limit fills', () => {
    const v = venue();
    const stop = order({ type: 'stop', side: 'sell', triggerPrice: fx('99.00'), timeInForce: 'GTC' });
    const lim = order({ type: 'limit', side: 'sell', price: fx('103.00') });
    applyAll([...v.submit(stop, 1n), ...v.submit(lim, 1n)], stop, lim);
    // O=100, L=98.5 nearer than H=103.5 -> O L H C
    const ev = applyAll(v.onMarketData(bar(100, 103.5, 98.5, 101, 60n)), stop, lim);
    expect(brief(ev)).toEqual([
      `${stop.id} triggered@60`,
      `${stop.id} filled 10@99.00 taker 0.20`,
      `${lim.id} filled 10@103.00 maker 0.10`,
    ]);
  });

  it('walks L2 levels for a market order', () => {
    const v = venue();
    const book: BookData = {
      kind: 'book',
      symbol: 'AAPL.SIM',
      bids: [[99, 5]],
      asks: [
        [100.01, 3],
        [100, 4],
        [100.05, 10],
      ],
      tsNs: 5n,
    };
    v.onMarketData(book);
    const o = order({ type: 'market', side: 'buy' });
    expect(brief(applyAll(v.submit(o, 6n), o)).slice(2)).toEqual([
      `${o.id} filled 4@100.00 taker 0.08`,
      `${o.id} filled 3@100.01 taker 0.06`,
      `${o.id} filled 3@100.05 taker 0.06`,
    ]);
  });
});

describe('SimulatedVenue latency, expiry, reduce-only, contingency', () => {
  it('accepts and fills at nowNs + latency; a cancel racing a fill resolves by arrival', () => {
    const v = venue({ latencyNs: 100n });
    const o = order({ type: 'limit', side: 'buy', price: fx('100.00') });
    expect(brief(applyAll(v.submit(o, 10n), o))).toEqual([`${o.id} submitted@10`]);
    expect(brief(applyAll(v.advanceTo(110n), o))).toEqual([`${o.id} accepted@110`]);
    expect(brief(applyAll(v.cancel(o.id, 120n), o))).toEqual([`${o.id} pending_cancel@120`]);
    const fill = applyAll(v.onMarketData(quote(99, 99.5, 5, 20, 150n)), o);
    expect(brief(fill)).toEqual([`${o.id} filled 10@100.00 maker 0.10`]);
    expect(brief(v.advanceTo(300n))).toEqual([`${o.id} command_rejected: order is filled`]);
    expect(o.status).toBe('filled');
  });

  it('expires DAY at the session end and GTD at expireTimeNs', () => {
    const day = 86_400_000_000_000n;
    const v = venue();
    const d = order({ type: 'limit', side: 'buy', price: fx('90.00'), timeInForce: 'DAY' });
    const g = order({
      type: 'limit',
      side: 'buy',
      price: fx('90.00'),
      timeInForce: 'GTD',
      expireTimeNs: 500n,
    });
    applyAll([...v.submit(d, 10n), ...v.submit(g, 10n)], d, g);
    expect(brief(applyAll(v.advanceTo(day + 5n), d, g))).toEqual([
      `${g.id} expired@500`,
      `${d.id} expired@${day}`,
    ]);
  });

  it('reduce-only is rejected when flat and capped at the position', () => {
    const v = venue();
    v.onMarketData(quote(100, 100.01, 50, 50, 1n));
    const flat = order({ type: 'market', side: 'sell', reduceOnly: true });
    expect(brief(applyAll(v.submit(flat, 2n), flat))[1]).toBe(
      `${flat.id} rejected: reduce-only sell would increase the position (net 0)`,
    );
    const buy = order({ type: 'market', side: 'buy', quantity: fx('3') });
    applyAll(v.submit(buy, 3n), buy);
    const red = order({ type: 'market', side: 'sell', reduceOnly: true });
    expect(brief(applyAll(v.submit(red, 4n), red)).slice(2)).toEqual([
      `${red.id} filled 3@100.00 taker 0.06`,
      `${red.id} canceled@4`,
    ]);
    expect(v.netPosition('AAPL.SIM').toString()).toBe('0');
  });

  it('bracket: children activate on the entry fill, OCO sibling cancels', () => {
    const v = venue();
    const ids = new OrderIdGenerator('S1');
    const { entry, takeProfit, stopLoss } = createBracket(ids, {
      strategyId: 'S1',
      instrumentId: 'AAPL.SIM',
      side: 'buy',
      quantity: fx('10'),
      entryPrice: fx('100.00'),
      takeProfitPrice: fx('102.00'),
      stopLossTriggerPrice: fx('98.00'),
      tsInitNs: 1n,
    });
    const all = [entry, takeProfit, stopLoss];
    applyAll([...v.submit(entry, 2n), ...v.submit(takeProfit, 2n), ...v.submit(stopLoss, 2n)], ...all);
    expect(takeProfit.status).toBe('initialized');
    const ev = applyAll(v.onMarketData(quote(99.9, 100, 50, 50, 3n)), ...all);
    expect(brief(ev)).toEqual([
      'O-S1-1 filled 10@100.00 maker 0.10',
      'O-S1-2 submitted@3',
      'O-S1-2 accepted@3',
      'O-S1-3 submitted@3',
      'O-S1-3 accepted@3',
    ]);
    const exit = applyAll(v.onMarketData(quote(102.01, 102.05, 50, 50, 4n)), ...all);
    expect(brief(exit)).toEqual(['O-S1-2 filled 10@102.00 maker 0.10', 'O-S1-3 canceled@4']);
    expect(all.map((o) => o.status)).toEqual(['filled', 'filled', 'canceled']);
  });

  it('modify rejects on a filled order and amends a working one', () => {
    const v = venue();
    const o = order({ type: 'limit', side: 'buy', price: fx('99.00') });
    applyAll(v.submit(o, 1n), o);
    expect(brief(applyAll(v.modify(o.id, { price: fx('99.50'), quantity: fx('12') }, 2n), o))).toEqual([
      `${o.id} updated@2`,
    ]);
    expect([o.price?.toString(), o.quantity.toString()]).toEqual(['99.50', '12']);
    expect(brief(v.modify(o.id, { price: fx('99.505') }, 3n))).toEqual([
      `${o.id} command_rejected: price 99.505 is not on the tick grid 0.01 for AAPL.SIM`,
    ]);
    applyAll(v.onMarketData(quote(99, 99.5, 5, 20, 4n)), o);
    expect(brief(v.modify(o.id, { price: fx('99.60') }, 5n))).toEqual([
      `${o.id} command_rejected: order is filled`,
    ]);
  });
});
