import { describe, expect, it } from 'vitest';
import { Money } from '../money/money.ts';
import { Balances } from './balances.ts';

const usd = (s: string) => Money.of(s, 'USD');

describe('Balances', () => {
  it('tracks total, locked and free per currency', () => {
    const b = new Balances([usd('1000'), Money.of('0.5', 'BTC')]);
    b.setLocked(usd('250.50'));
    const bal = b.get('USD');
    expect([bal.total.toString(), bal.locked.toString(), bal.free.toString()]).toEqual([
      '1000.00 USD',
      '250.50 USD',
      '749.50 USD',
    ]);
    expect(b.currencies()).toEqual(['BTC', 'USD']);
    expect(b.get('EUR').total.toString()).toBe('0.00 EUR');
    expect(b.all().map((x) => x.free.toString())).toEqual(['0.50000000 BTC', '749.50 USD']);
  });

  it('withdraws only from free and adjusts signed', () => {
    const b = new Balances([usd('100')]);
    b.setLocked(usd('60'));
    expect(() => b.withdraw(usd('41'))).toThrow('cannot withdraw 41.00 USD: free is 40.00 USD');
    b.withdraw(usd('40'));
    b.adjust(usd('-5'));
    expect(b.free('USD').toString()).toBe('-5.00 USD');
    expect(() => b.deposit(usd('-1'))).toThrow('deposit must not be negative');
    expect(() => b.withdraw(usd('-1'))).toThrow('withdrawal must not be negative');
    expect(() => b.setLocked(usd('-1'))).toThrow('locked amount must not be negative');
  });
});
