import { describe, expect, it } from 'vitest';
import { barsFromCloses, MINUTE_NS } from '../testing/bars.ts';
import { StrategyHarness } from '../testing/strategy-harness.ts';
import { MeanReversion } from './mean-reversion.ts';

// window 5 (so |z| <= 4 / sqrt(5) = 1.789), entry 1.5, exit 0.5:
// bar 6: [100 x4, 90]          z = -8 / sqrt(20)       = -1.7889 -> long
// bar 7: [100 x3, 90, 92]      z = -4.4 / sqrt(24.8)   = -0.8835 -> hold
// bar 8: [100, 100, 90, 92, 97] z = 1.2 / sqrt(21.2)   =  0.2606 -> flat
// bar 9: [100, 90, 92, 97, 110] z = 12.2 / sqrt(62.2)  =  1.5469 -> short (if allowed)
// bar 10: [90, 92, 97, 110, 100] z = 2.2 / sqrt(62.2)  =  0.2789 -> flat
const CLOSES = [100, 100, 100, 100, 100, 90, 92, 97, 110, 100];
const params = { symbol: 'AAPL', quantity: 5, window: 5, entry: 1.5, exit: 0.5 };
const at = (bar: number) => (BigInt(bar) * MINUTE_NS).toString();

function run(extra: Record<string, unknown> = {}) {
  const h = new StrategyHarness(new MeanReversion('MR1', { ...params, ...extra })).start();
  const zs: Array<number | undefined> = [];
  for (const bar of barsFromCloses('AAPL', CLOSES)) {
    h.replay([bar], { fillAtClose: true });
    zs.push(h.strategy.zscore.value);
  }
  return { h, zs };
}

describe('mean-reversion', () => {
  it('computes the z-score of the close over the window', () => {
    const { zs } = run();
    expect(zs.slice(0, 5)).toEqual([undefined, undefined, undefined, undefined, undefined]);
    expect(zs[5]).toBeCloseTo(-8 / Math.sqrt(20), 12);
    expect(zs[6]).toBeCloseTo(-4.4 / Math.sqrt(24.8), 12);
    expect(zs[7]).toBeCloseTo(1.2 / Math.sqrt(21.2), 12);
    expect(zs[8]).toBeCloseTo(12.2 / Math.sqrt(62.2), 12);
    expect(zs[9]).toBeCloseTo(2.2 / Math.sqrt(62.2), 12);
  });

  it('long below -entry, holds between, exits inside exit (long-only)', () => {
    const { h } = run();
    expect(h.ctx.orderLog()).toEqual([
      {
        id: 'O-MR1-1',
        instrumentId: 'AAPL.SIM',
        side: 'buy',
        type: 'market',
        quantity: '5',
        timeInForce: 'IOC',
        tsInitNs: at(6),
      },
      {
        id: 'O-MR1-2',
        instrumentId: 'AAPL.SIM',
        side: 'sell',
        type: 'market',
        quantity: '5',
        timeInForce: 'IOC',
        tsInitNs: at(8),
      },
    ]);
    expect(h.ctx.signals.map((s) => [s.direction, s.reason, s.strength])).toEqual([
      ['long', 'z=-1.7889', 0.5963],
      ['flat', 'z=0.2606', 0.0869],
    ]);
  });

  it('shorts above +entry when allowed and covers inside exit', () => {
    const { h } = run({ allowShort: true });
    expect(h.ctx.orderLog().map((o) => [o.side, o.quantity, o.tsInitNs])).toEqual([
      ['buy', '5', at(6)],
      ['sell', '5', at(8)],
      ['sell', '5', at(9)],
      ['buy', '5', at(10)],
    ]);
    expect(h.ctx.signals.map((s) => s.direction)).toEqual(['long', 'flat', 'short', 'flat']);
    expect(h.ctx.position('AAPL').quantity.toString()).toBe('0');
  });

  it('refuses bad params naming them', () => {
    expect(() => new MeanReversion('MR1', { ...params, exit: 2 })).toThrow(
      'strategy MR1: invalid params: exit: exit must be less than entry',
    );
    expect(() => new MeanReversion('MR1', { ...params, window: 1 })).toThrow(
      'strategy MR1: invalid params: window: Too small: expected number to be >=2',
    );
  });
});
