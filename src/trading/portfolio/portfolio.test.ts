import { describe, expect, it } from 'vitest';
import { defaultInstrumentRegistry } from '../instruments/defaults.ts';
import { Fixed } from '../money/fixed.ts';
import { Money } from '../money/money.ts';
import type { PositionFill } from '../positions/position.ts';
import { Portfolio } from './portfolio.ts';

const registry = defaultInstrumentRegistry();
const es = registry.get('ES');
const usdjpy = registry.get('USDJPY');
let fills = 0;

function fill(side: 'buy' | 'sell', qty: string, price: string, commission: Money, tsNs = 1n): PositionFill {
  fills++;
  return {
    orderId: `O-${fills}`,
    fillId: `F-${fills}`,
    side,
    quantity: Fixed.parse(qty),
    price: Fixed.parse(price),
    commission,
    tsNs,
  };
}

describe('Portfolio', () => {
  it('books futures PnL with the multiplier, commissions, and an equity curve', () => {
    const portfolio = new Portfolio('USD', 100_000, () => Number.NaN);
    portfolio.applyFill(es, fill('buy', '2', '4000.00', Money.of('4.50', 'USD')));
    portfolio.mark(es.id, Fixed.parse('4010.25'));
    // 2 contracts x 10.25 points x 50 = 1,025 unrealised, minus 4.50 commission.
    expect(portfolio.snapshot(10n)).toEqual({ tsNs: 10n, equity: 101_020.5 });
    portfolio.applyFill(es, fill('sell', '2', '4005.00', Money.of('4.50', 'USD')));
    expect(portfolio.realizedPnl('USD').toString()).toBe('500.00 USD');
    expect(portfolio.commissionsPaid('USD').toString()).toBe('9.00 USD');
    expect(portfolio.snapshot(20n).equity).toBe(100_491);
    expect(portfolio.curve.map((p) => p.tsNs)).toEqual([10n, 20n]);
    expect(portfolio.exposures()).toEqual([]);
  });

  it('converts a JPY-quoted position into the USD base and reports exposure', () => {
    let usdjpyMid = 100;
    const portfolio = new Portfolio('USD', 10_000, (currency) =>
      currency === 'JPY' ? 1 / usdjpyMid : Number.NaN,
    );
    portfolio.applyFill(usdjpy, fill('buy', '100000', '100.000', Money.of('0', 'JPY')));
    usdjpyMid = 101;
    portfolio.mark(usdjpy.id, Fixed.parse('101.000'));
    // +1 JPY per USD on 100,000 USD = 100,000 JPY = 990.10 USD at 101.
    expect(portfolio.equity()).toBeCloseTo(10_000 + 100_000 / 101, 9);
    expect(portfolio.exposures()).toEqual([
      { instrumentId: usdjpy.id, currency: 'JPY', notional: 10_100_000, notionalBase: 100_000 },
    ]);
  });

  it('refuses to value a currency it has no rate for', () => {
    const portfolio = new Portfolio('USD', 0, () => Number.NaN);
    portfolio.applyFill(usdjpy, fill('buy', '1000', '100.000', Money.of('0', 'JPY')));
    expect(() => portfolio.equity()).toThrow('no JPY/USD rate');
  });
});
