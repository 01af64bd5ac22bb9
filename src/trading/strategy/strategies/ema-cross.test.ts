import { describe, expect, it } from 'vitest';
import { barsFromCloses, MINUTE_NS } from '../testing/bars.ts';
import { StrategyHarness } from '../testing/strategy-harness.ts';
import { EmaCross } from './ema-cross.ts';

// fast EMA(2), slow EMA(3): warm at bar 3 with fast < slow; fast crosses above slow at bar 5
// (10.2716 > 9.9375) and below at bar 7 (10.4746 < 10.4844).
const CROSS_CLOSES = [10, 9, 8, 9, 11, 12, 10, 8, 7];
const params = { symbol: 'AAPL', quantity: 10, fast: 2, slow: 3 };
const at = (bar: number) => (BigInt(bar) * MINUTE_NS).toString();

function run(extra: Record<string, unknown> = {}, fillAtClose = true) {
  const h = new StrategyHarness(new EmaCross('EMA1', { ...params, ...extra })).start();
  h.replay(barsFromCloses('AAPL', CROSS_CLOSES), { fillAtClose });
  return h;
}

describe('ema-cross', () => {
  it('goes long on the cross up and flat on the cross down (long-only)', () => {
    const h = run();
    expect(h.ctx.orderLog()).toEqual([
      {
        id: 'O-EMA1-1',
        instrumentId: 'AAPL.SIM',
        side: 'buy',
        type: 'market',
        quantity: '10',
        timeInForce: 'IOC',
        tsInitNs: at(5),
      },
      {
        id: 'O-EMA1-2',
        instrumentId: 'AAPL.SIM',
        side: 'sell',
        type: 'market',
        quantity: '10',
        timeInForce: 'IOC',
        tsInitNs: at(7),
      },
    ]);
    expect(h.ctx.signals.map((s) => [s.direction, s.tsNs.toString()])).toEqual([
      ['long', at(5)],
      ['flat', at(7)],
    ]);
    expect(h.ctx.position('AAPL').quantity.toString()).toBe('0');
  });

  it('reverses to short with allowShort', () => {
    const h = run({ allowShort: true });
    expect(h.ctx.orderLog().map((o) => [o.side, o.quantity, o.tsInitNs])).toEqual([
      ['buy', '10', at(5)],
      ['sell', '20', at(7)],
    ]);
    expect(h.ctx.position('AAPL').quantity.toString()).toBe('-10');
    expect(h.ctx.signals.map((s) => s.direction)).toEqual(['long', 'short']);
  });

  it('counts working orders, so an unfilled entry is not sent twice', () => {
    const h = run({ allowShort: true }, false);
    expect(h.ctx.orderLog().map((o) => [o.side, o.quantity])).toEqual([
      ['buy', '10'],
      ['sell', '20'],
    ]);
  });

  it('ignores other symbols and, unless useQuotes, quotes', () => {
    const h = new StrategyHarness(new EmaCross('EMA1', params)).start();
    h.replay(barsFromCloses('EURUSD', CROSS_CLOSES));
    h.quote({ kind: 'quote', symbol: 'AAPL', bid: 1, ask: 2, bidSize: 1, askSize: 1, tsNs: 10n * MINUTE_NS });
    expect(h.ctx.submitted).toEqual([]);
    expect(h.strategy.rule.slow.value).toBeUndefined();
  });

  it('trades on quote mid-prices with useQuotes', () => {
    const h = new StrategyHarness(new EmaCross('EMA1', { ...params, useQuotes: true })).start();
    CROSS_CLOSES.forEach((mid, i) => {
      const tsNs = BigInt(i + 1) * MINUTE_NS;
      h.quote({
        kind: 'quote',
        symbol: 'AAPL.SIM',
        bid: mid - 0.01,
        ask: mid + 0.01,
        bidSize: 1,
        askSize: 1,
        tsNs,
      });
    });
    expect(h.ctx.orderLog().map((o) => [o.side, o.tsInitNs])).toEqual([
      ['buy', at(5)],
      ['sell', at(7)],
    ]);
  });

  it('refuses bad params naming them', () => {
    expect(() => new EmaCross('EMA1', { ...params, fast: 20, slow: 10 })).toThrow(
      'strategy EMA1: invalid params: fast: fast must be less than slow',
    );
    expect(() => new EmaCross('EMA1', { symbol: 'AAPL', fast: 2.5 })).toThrow(
      'strategy EMA1: invalid params: quantity: Invalid input: expected number, received undefined; fast: Invalid input: expected int, received number',
    );
  });

  it('after a risk rejection waits 10 decisions before re-sending the same target', () => {
    const h = new StrategyHarness(new EmaCross('EMA1', params)).start();
    const bars = barsFromCloses(
      'AAPL',
      [10, 9, 8, 9, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24],
    );
    for (const bar of bars.slice(0, 5)) h.bar(bar);
    const [entry] = h.ctx.openOrders('AAPL');
    h.ctx.apply({ type: 'rejected', orderId: entry!.id, reason: 'REDUCING_ONLY', tsNs: bars[4]!.endNs });
    // Bars 6..14 are decisions 1..9: still long, nothing re-sent.
    for (const bar of bars.slice(5, 14)) h.bar(bar);
    expect(h.ctx.orderLog()).toHaveLength(1);
    h.bar(bars[14]!); // the 10th decision retries
    expect(h.ctx.orderLog().map((o) => [o.side, o.tsInitNs])).toEqual([
      ['buy', at(5)],
      ['buy', at(15)],
    ]);
  });
});
