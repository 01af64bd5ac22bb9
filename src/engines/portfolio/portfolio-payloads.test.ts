import { describe, expect, it } from 'vitest';
import { Money } from '../../trading/money/money.ts';
import { markOf } from './market-mark.ts';
import { byCurrency, exposureSummary } from './portfolio-payloads.ts';

describe('portfolio payloads', () => {
  it('sums exposures by instrument, quote currency and configured sector', () => {
    const exposures = [
      { instrumentId: 'AAPL.SIM', currency: 'USD', notional: 19_000, notionalBase: 19_000 },
      { instrumentId: 'ES.SIM', currency: 'USD', notional: -200_000, notionalBase: -200_000 },
      { instrumentId: 'USDJPY.SIM', currency: 'JPY', notional: 1_000_000, notionalBase: 10_000 },
    ];
    const summary = exposureSummary(exposures, (id) => id.split('.')[0]!, { AAPL: 'tech', ES: 'index' });
    expect(summary).toEqual({
      gross: 229_000,
      net: -171_000,
      byInstrument: exposures.map((e) => ({ symbol: e.instrumentId.split('.')[0], ...e })),
      byCurrency: {
        USD: { notional: -181_000, notionalBase: -181_000 },
        JPY: { notional: 1_000_000, notionalBase: 10_000 },
      },
      bySector: { tech: 19_000, index: -200_000, other: 10_000 },
    });
    expect(exposureSummary([], (id) => id, {})).toEqual({
      gross: 0,
      net: 0,
      byInstrument: [],
      byCurrency: {},
    });
  });

  it('lists exact money by sorted currency', () => {
    expect(byCurrency([Money.of('1.50', 'USD'), Money.of('-120', 'JPY')])).toEqual({
      JPY: '-120',
      USD: '1.50',
    });
  });

  it('takes the mark from a trade, a two-sided quote mid or a bar close', () => {
    expect(markOf({ kind: 'trade', symbol: 'A', price: 10, size: 1, tsNs: 1n })).toEqual({
      symbol: 'A',
      price: 10,
      isBar: false,
    });
    const quote = { kind: 'quote', symbol: 'A', bid: 10, ask: 11, bidSize: 1, askSize: 1, tsNs: 1n } as const;
    expect(markOf(quote)?.price).toBe(10.5);
    expect(markOf({ ...quote, bid: 0 })).toBeUndefined();
    const bar = {
      kind: 'bar',
      symbol: 'A',
      spec: '1m',
      open: 1,
      high: 3,
      low: 1,
      close: 2,
      volume: 5,
    } as const;
    expect(markOf({ ...bar, startNs: 0n, endNs: 60n })).toEqual({ symbol: 'A', price: 2, isBar: true });
    expect(markOf({ kind: 'book', symbol: 'A', bids: [], asks: [], tsNs: 1n })).toBeUndefined();
  });
});
