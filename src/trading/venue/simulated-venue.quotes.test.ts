import { describe, expect, it } from 'vitest';
import { fx } from '../money/fixed.ts';
import { applyAll, brief, order, quote, venue } from './venue-test-helpers.ts';

describe('SimulatedVenue on quotes', () => {
  it('fills a market buy at the ask limited by displayed size, IOC cancels the rest', () => {
    const v = venue();
    v.onMarketData(quote(100, 100.02, 5, 4, 10n));
    const o = order({ type: 'market', side: 'buy' });
    const ev = applyAll(v.submit(o, 20n), o);
    expect(brief(ev)).toEqual([
      `${o.id} submitted@20`,
      `${o.id} accepted@20`,
      `${o.id} filled 4@100.02 taker 0.08`,
      `${o.id} canceled@20`,
    ]);
    expect(o.status).toBe('canceled');
    expect(v.netPosition('AAPL.SIM').toString()).toBe('4');
  });

  it('DAY market order fills the rest at subsequent quotes', () => {
    const v = venue();
    v.onMarketData(quote(100, 100.02, 5, 4, 10n));
    const o = order({ type: 'market', side: 'sell', timeInForce: 'DAY' });
    applyAll(v.submit(o, 20n), o);
    expect(o.filledQty.toString()).toBe('5');
    const ev = applyAll(v.onMarketData(quote(99.9, 100, 8, 4, 30n)), o);
    expect(brief(ev)).toEqual([`${o.id} filled 5@99.90 taker 0.10`]);
    expect(o.status).toBe('filled');
  });

  it('two resting buy limits cannot both fill from one 5-lot ask', () => {
    const v = venue();
    const a = order({ type: 'limit', side: 'buy', price: fx('100.00'), quantity: fx('5') });
    const b = order({ type: 'limit', side: 'buy', price: fx('100.00'), quantity: fx('5') });
    applyAll(v.submit(a, 1n), a);
    applyAll(v.submit(b, 2n), b);
    const ev = applyAll(v.onMarketData(quote(99.5, 99.99, 1, 5, 3n)), a, b);
    expect(brief(ev)).toEqual([`${a.id} filled 5@100.00 maker 0.05`]);
    expect(b.status).toBe('accepted');
    const next = applyAll(v.onMarketData(quote(99.5, 99.99, 1, 3, 4n)), a, b);
    expect(brief(next)).toEqual([`${b.id} filled 3@100.00 maker 0.03`]);
  });

  it('a marketable limit on arrival is a taker at the ask, capped by the limit with slippage', () => {
    const v = venue({ slippageTicks: 2 });
    v.onMarketData(quote(100, 100.02, 5, 50, 10n));
    const o = order({ type: 'limit', side: 'buy', price: fx('100.03') });
    const ev = applyAll(v.submit(o, 20n), o);
    expect(brief(ev).slice(2)).toEqual([`${o.id} filled 10@100.03 taker 0.20`]);
  });

  it('rejects a crossing post-only limit', () => {
    const v = venue();
    v.onMarketData(quote(100, 100.02, 5, 5, 10n));
    const o = order({ type: 'limit', side: 'buy', price: fx('100.02'), postOnly: true });
    const ev = applyAll(v.submit(o, 20n), o);
    expect(brief(ev)[1]).toBe(`${o.id} rejected: post-only buy at 100.02 would take liquidity`);
    expect(o.status).toBe('rejected');
  });

  it('FOK fills completely or cancels with no fill', () => {
    const v = venue();
    v.onMarketData(quote(100, 100.02, 5, 5, 10n));
    const fok = order({ type: 'limit', side: 'buy', price: fx('100.02'), timeInForce: 'FOK' });
    const ev = applyAll(v.submit(fok, 20n), fok);
    expect(brief(ev).slice(2)).toEqual([`${fok.id} canceled@20`]);
    expect(fok.filledQty.toString()).toBe('0');
    const ok = order({ type: 'market', side: 'buy', quantity: fx('5'), timeInForce: 'FOK' });
    expect(brief(applyAll(v.submit(ok, 21n), ok)).slice(2)).toEqual([`${ok.id} filled 5@100.02 taker 0.10`]);
  });

  it('stop triggers on the ask then fills as market', () => {
    const v = venue();
    const o = order({ type: 'stop', side: 'buy', triggerPrice: fx('101.00'), timeInForce: 'GTC' });
    applyAll(v.submit(o, 1n), o);
    expect(v.onMarketData(quote(100, 100.5, 5, 5, 2n))).toEqual([]);
    const ev = applyAll(v.onMarketData(quote(101, 101.01, 5, 20, 3n)), o);
    expect(brief(ev)).toEqual([`${o.id} triggered@3`, `${o.id} filled 10@101.01 taker 0.20`]);
    expect(o.status).toBe('filled');
  });

  it('bad input is rejected with a reason, never thrown', () => {
    const v = venue();
    const offTick = order({ type: 'limit', side: 'buy', price: fx('100.005') });
    const offLot = order({ type: 'limit', side: 'buy', price: fx('100'), quantity: fx('1.5') });
    const unknown = order({ type: 'limit', side: 'buy', price: fx('100'), instrumentId: 'NOPE.SIM' });
    expect(brief(applyAll(v.submit(offTick, 1n), offTick))[1]).toBe(
      `${offTick.id} rejected: price 100.005 is not on the tick grid 0.01 for AAPL.SIM`,
    );
    expect(brief(applyAll(v.submit(offLot, 1n), offLot))[1]).toBe(
      `${offLot.id} rejected: quantity 1.5 is not a multiple of the lot size 1 for AAPL.SIM`,
    );
    expect(brief(applyAll(v.submit(unknown, 1n), unknown))[1]).toBe(
      `${unknown.id} rejected: unknown instrument NOPE.SIM`,
    );
  });
});
