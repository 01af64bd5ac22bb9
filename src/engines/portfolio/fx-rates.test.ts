import { describe, expect, it } from 'vitest';
import { FxRates } from './fx-rates.ts';

describe('FxRates', () => {
  it('derives rates to the base from direct and inverse pairs', () => {
    const fx = new FxRates('USD');
    expect(fx.rate('USD')).toBe(1);
    expect(fx.rate('JPY')).toBeNaN();
    fx.onMark('USD', 'JPY', 150);
    fx.onMark('EUR', 'USD', 1.1);
    expect(fx.rate('JPY')).toBe(1 / 150);
    expect(fx.rate('EUR')).toBe(1.1);
    fx.onMark('USD', 'JPY', 160);
    expect(fx.rate('JPY')).toBe(1 / 160);
  });

  it('goes through one intermediate currency, then the fallbacks, and ignores bad prices', () => {
    const fx = new FxRates('EUR', { USDT: 0.9 });
    fx.onMark('EUR', 'USD', 1.25);
    fx.onMark('USD', 'JPY', 100);
    // 1 JPY = 0.01 USD = 0.01 / 1.25 EUR.
    expect(fx.rate('JPY')).toBeCloseTo(0.008, 15);
    expect(fx.rate('USDT')).toBe(0.9);
    fx.onMark('GBP', 'EUR', 0);
    fx.onMark('GBP', 'EUR', Number.NaN);
    expect(fx.rate('GBP')).toBeNaN();
  });
});
