import { describe, expect, it } from 'vitest';
import { barsFromCloses, MINUTE_NS } from '../testing/bars.ts';
import { StrategyHarness } from '../testing/strategy-harness.ts';
import { VpinAware } from './vpin-aware.ts';

// Same series as ema-cross: EMA(2)/EMA(3) cross up at bar 5, down at bar 7.
const BARS = barsFromCloses('AAPL', [10, 9, 8, 9, 11, 12, 10, 8, 7]);
const params = { symbol: 'AAPL', quantity: 10, fast: 2, slow: 3 };
const HALF = MINUTE_NS / 2n;
const at = (bar: number, plus = 0n) => (BigInt(bar) * MINUTE_NS + plus).toString();

function harness(extra: Record<string, unknown> = {}) {
  return new StrategyHarness(new VpinAware('VP1', { ...params, ...extra })).start();
}

function vpin(h: StrategyHarness<VpinAware>, value: number, afterBar: number, symbol = 'AAPL') {
  h.signal(
    { topic: `vpin.calculation.${symbol}`, payload: { symbol, vpin: value } },
    BigInt(afterBar) * MINUTE_NS + HALF,
  );
}

/** Replays bars 1..n (1-based, inclusive), filling at each close. */
function bars(h: StrategyHarness<VpinAware>, from: number, to: number) {
  h.replay(BARS.slice(from - 1, to), { fillAtClose: true });
  h.fillMarketOrders(BARS[to - 1]!.close);
}

const trades = (h: StrategyHarness<VpinAware>) =>
  h.ctx.orderLog().map((o) => [o.side, o.quantity, o.tsInitNs]);

describe('vpin-aware', () => {
  it('trades like ema-cross while VPIN is clean', () => {
    const h = harness();
    vpin(h, 0.3, 0);
    bars(h, 1, 9);
    expect(trades(h)).toEqual([
      ['buy', '10', at(5)],
      ['sell', '10', at(7)],
    ]);
  });

  it('stands aside while toxic and enters when VPIN comes back', () => {
    const h = harness();
    bars(h, 1, 4);
    vpin(h, 0.8, 4);
    bars(h, 5, 6);
    expect(trades(h)).toEqual([]);
    expect(h.strategy.toxic).toBe(true);
    vpin(h, 0.7, 6); // at the threshold is not toxic
    expect(trades(h)).toEqual([['buy', '10', at(6, HALF)]]);
    bars(h, 7, 9);
    expect(trades(h)).toEqual([
      ['buy', '10', at(6, HALF)],
      ['sell', '10', at(7)],
    ]);
    expect(h.ctx.signals.map((s) => [s.direction, s.tsNs.toString()])).toEqual([
      ['long', at(6, HALF)],
      ['flat', at(7)],
    ]);
    expect(h.ctx.logs.filter((l) => l.level === 'warn').map((l) => l.message)).toEqual([
      'VP1: VPIN 0.8 above 0.7',
      'VP1: VPIN 0.7 back to 0.7',
    ]);
  });

  it('keeps a held position while toxic, exits (never reverses) when the trend turns', () => {
    const h = harness({ allowShort: true });
    bars(h, 1, 5);
    vpin(h, 0.9, 5);
    bars(h, 6, 9);
    expect(trades(h)).toEqual([
      ['buy', '10', at(5)],
      ['sell', '10', at(7)],
    ]);
    expect(h.ctx.position('AAPL').quantity.toString()).toBe('0');
    vpin(h, 0.2, 9);
    expect(trades(h).at(-1)).toEqual(['sell', '10', at(9, HALF)]);
    expect(h.ctx.signals.map((s) => s.direction)).toEqual(['long', 'flat', 'short']);
  });

  it('flattens at once with flattenOnToxic and re-enters after', () => {
    const h = harness({ flattenOnToxic: true });
    bars(h, 1, 5);
    vpin(h, 0.95, 5);
    expect(h.ctx.position('AAPL').quantity.toString()).toBe('10');
    h.fillMarketOrders(12);
    expect(h.ctx.position('AAPL').quantity.toString()).toBe('0');
    bars(h, 6, 6);
    vpin(h, 0.1, 6);
    expect(trades(h)).toEqual([
      ['buy', '10', at(5)],
      ['sell', '10', at(5, HALF)],
      ['buy', '10', at(6, HALF)],
    ]);
    expect(h.ctx.signals.map((s) => [s.direction, s.reason])).toEqual([
      ['long', 'trend long'],
      ['flat', 'toxic flow, VPIN 0.95'],
      ['long', 'trend long'],
    ]);
  });

  it('ignores VPIN of other symbols and non-VPIN topics', () => {
    const h = harness();
    vpin(h, 0.99, 0, 'EURUSD');
    h.signal({ topic: 'risk.metric.var', payload: { symbol: 'AAPL', vpin: 0.99 } });
    h.signal({ topic: 'vpin.calculation.AAPL', payload: { symbol: 'AAPL', vpin: 'high' } });
    expect(h.strategy.toxic).toBe(false);
    expect(h.strategy.latestVpin).toBeUndefined();
  });

  it('refuses a threshold outside [0, 1]', () => {
    expect(() => new VpinAware('VP1', { ...params, toxicThreshold: 1.5 })).toThrow(
      'strategy VP1: invalid params: toxicThreshold: Too big: expected number to be <=1',
    );
  });
});
