import { describe, expect, it } from 'vitest';
import { currency, isKnownCurrency, registerCurrency } from './currency.ts';

describe('currency table', () => {
  it('knows ISO 4217 and crypto precisions', () => {
    expect(currency('USD').precision).toBe(2);
    expect(currency('JPY').precision).toBe(0);
    expect(currency('BTC')).toEqual({ code: 'BTC', precision: 8, kind: 'crypto' });
    expect(currency('USDT').precision).toBe(6);
    expect(currency('EUR').kind).toBe('fiat');
  });

  it('rejects unknown codes', () => {
    expect(isKnownCurrency('XYZ')).toBe(false);
    expect(() => currency('XYZ')).toThrow('unknown currency: "XYZ"');
  });

  it('registers new currencies idempotently', () => {
    expect(registerCurrency('DOGE', 8, 'crypto').precision).toBe(8);
    expect(registerCurrency('DOGE', 8, 'crypto').code).toBe('DOGE');
    expect(() => registerCurrency('DOGE', 2, 'crypto')).toThrow('already registered with precision 8');
    expect(() => registerCurrency('usd', 2, 'fiat')).toThrow('bad currency code');
    expect(() => registerCurrency('ABC', 19, 'fiat')).toThrow('precision must be');
  });
});
