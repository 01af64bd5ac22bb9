import { describe, expect, it } from 'vitest';
import { normalCdf, RollingFlow, TradeClassifier } from './trade-flow.ts';

describe('trade classification and flow', () => {
  it('uses the aggressor, else the tick rule, and keeps next-interval trades for the next bar', () => {
    const classifier = new TradeClassifier();
    classifier.onTrade({ price: 100, size: 1, aggressor: 'buy', tsNs: 1n });
    classifier.onTrade({ price: 101, size: 2, tsNs: 2n }); // up-tick: buy
    classifier.onTrade({ price: 101, size: 1, tsNs: 3n }); // unchanged: previous side, buy
    classifier.onTrade({ price: 100.5, size: 4, tsNs: 4n }); // down-tick: sell
    classifier.onTrade({ price: 99, size: 5, aggressor: 'sell', tsNs: 10n }); // after the bar's end
    expect(classifier.onBar({ close: 100.5, volume: 8, endNs: 10n })).toEqual({ buy: 4, sell: 4 });
    expect(classifier.onBar({ close: 99, volume: 5, endNs: 20n })).toEqual({ buy: 0, sell: 5 });
  });

  it('splits bars without trades by bulk volume classification, Phi(dC / sigma)', () => {
    const classifier = new TradeClassifier(50);
    expect(classifier.onBar({ close: 100, volume: 6, endNs: 1n })).toEqual({ buy: 3, sell: 3 }); // no change yet
    expect(classifier.onBar({ close: 101, volume: 6, endNs: 2n })).toEqual({ buy: 6, sell: 0 }); // one change: tick rule
    // changes [1, -2]: mean -0.5, var (2.25 + 2.25) / 1 = 4.5, sigma 2.1213203436;
    // z = -2 / 2.1213203436 = -0.9428090416, Phi(z) = 0.1728892931 -> buy 6 * 0.1728892931 = 1.0373357585.
    const third = classifier.onBar({ close: 99, volume: 6, endNs: 3n });
    expect(third.buy).toBeCloseTo(1.0373357585, 6);
    expect(third.buy + third.sell).toBeCloseTo(6, 12);
    // changes [1, -2, 1]: mean 0, var 6 / 2 = 3; z = 1 / sqrt 3 = 0.5773502692, Phi = 0.7181485692 -> 2.8725942767.
    expect(classifier.onBar({ close: 100, volume: 4, endNs: 4n }).buy).toBeCloseTo(2.8725942767, 6);
  });

  it('normal CDF', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1.96)).toBeCloseTo(0.9750021049, 6);
    expect(normalCdf(-1.96)).toBeCloseTo(0.0249978951, 6);
  });

  it('imbalance sum(B - S) / sum(B + S) and VPIN-like sum |B - S| / sum(B + S) over the window', () => {
    const flow = new RollingFlow(2);
    flow.update({ buy: 9, sell: 1 }); // leaves the window
    expect(flow.imbalance()).toBeNaN();
    flow.update({ buy: 4, sell: 4 });
    flow.update({ buy: 0, sell: 5 });
    // signed 0 and -5, volume 8 + 5 = 13: imbalance -5/13, VPIN-like (0 + 5)/13.
    expect(flow.imbalance()).toBeCloseTo(-5 / 13, 15);
    expect(flow.vpinLike()).toBeCloseTo(5 / 13, 15);
  });
});
