import { describe, expect, it } from 'vitest';
import { NautilusError } from '../../core/errors.ts';
import { fx } from './fixed.ts';
import { Money } from './money.ts';
import { Ratio } from './ratio.ts';

describe('Money', () => {
  it('holds amounts at the currency precision', () => {
    expect(Money.of('101.25', 'USD').toString()).toBe('101.25 USD');
    expect(Money.of('5', 'USD').toString()).toBe('5.00 USD');
    expect(Money.of('1500', 'JPY').toString()).toBe('1500 JPY');
    expect(Money.of('0.1', 'BTC').toString()).toBe('0.10000000 BTC');
    expect(Money.of('1.230', 'USD').amount.scale).toBe(2);
    expect(Money.zero('USDT').toString()).toBe('0.000000 USDT');
  });

  it('refuses silent rounding in of(), rounds explicitly in round()', () => {
    expect(() => Money.of('1.005', 'USD')).toThrow('1.005 has more than 2 decimals for USD');
    expect(() => Money.of('0.5', 'JPY')).toThrow(NautilusError);
    expect(Money.round(fx('1.005'), 'USD').toString()).toBe('1.00 USD');
    expect(Money.round(fx('1.005'), 'USD', 'half-up').toString()).toBe('1.01 USD');
    expect(Money.round(fx('150.5'), 'JPY').toString()).toBe('150 JPY');
    expect(Money.round(Ratio.of(2n, 3n), 'USD').toString()).toBe('0.67 USD');
  });

  it('adds, subtracts and scales', () => {
    const a = Money.of('10.10', 'USD');
    expect(a.add(Money.of('0.20', 'USD')).toString()).toBe('10.30 USD');
    expect(a.sub(Money.of('20', 'USD')).toString()).toBe('-9.90 USD');
    expect(a.mul(fx('0.0005')).toString()).toBe('0.01 USD');
    expect(Money.of('100', 'USD').mul(fx('0.00025')).toString()).toBe('0.02 USD');
    expect(Money.of('100', 'USD').mul(fx('0.00025'), 'ceil').toString()).toBe('0.03 USD');
    expect(a.neg().abs().toString()).toBe('10.10 USD');
    expect(a.neg().isNegative()).toBe(true);
    expect(Money.zero('USD').isZero()).toBe(true);
  });

  it('throws when mixing currencies', () => {
    const usd = Money.of('1', 'USD');
    const eur = Money.of('1', 'EUR');
    expect(() => usd.add(eur)).toThrow('cannot add EUR and USD');
    expect(() => usd.sub(eur)).toThrow('cannot subtract EUR and USD');
    expect(() => usd.cmp(eur)).toThrow(NautilusError);
    expect(usd.eq(eur)).toBe(false);
  });

  it('compares and serialises', () => {
    expect(Money.of('1', 'USD').lt(Money.of('1.01', 'USD'))).toBe(true);
    expect(Money.of('2', 'USD').gt(Money.of('1.99', 'USD'))).toBe(true);
    expect(Money.of('2', 'USD').eq(Money.of('2.00', 'USD'))).toBe(true);
    expect(JSON.stringify(Money.of('2.5', 'USD'))).toBe('{"amount":"2.50","currency":"USD"}');
    expect(() => Money.of('1', 'XXX')).toThrow('unknown currency');
  });
});
