import { describe, expect, it } from 'vitest';
import { defaultInstrumentRegistry } from '../instruments/defaults.ts';
import { fx } from '../money/fixed.ts';
import { Money } from '../money/money.ts';
import { CashAccount } from './cash-account.ts';

const r = defaultInstrumentRegistry();
const aapl = r.get('AAPL');
const eurusd = r.get('EURUSD');
const usd = (s: string) => Money.of(s, 'USD');
const show = (a: CashAccount, code: string) => {
  const b = a.balances.get(code);
  return [b.total.toString(), b.locked.toString(), b.free.toString()];
};

describe('CashAccount', () => {
  it('debits notional + commission on buys and credits on sells', () => {
    const a = new CashAccount('CASH-1', [usd('100000')]);
    const buy = { instrument: aapl, side: 'buy' as const, quantity: fx('100'), price: fx('190.12') };
    expect(a.applyFill({ ...buy, commission: usd('3.80') })).toEqual({ ok: true });
    expect(a.balances.get('USD').total.toString()).toBe('80984.20 USD');
    a.applyFill({ ...buy, side: 'sell', quantity: fx('50'), price: fx('191.00'), commission: usd('1.91') });
    expect(a.balances.get('USD').total.toString()).toBe('90532.29 USD');
  });

  it('rejects insufficient funds with a reason and changes nothing', () => {
    const a = new CashAccount('CASH-1', [usd('1000')]);
    expect(a.checkOrder(aapl, 'buy', fx('10'), fx('190.00'))).toEqual({
      ok: false,
      reason: 'INSUFFICIENT_FUNDS: need 1900.38 USD, free 1000.00 USD',
    });
    expect(a.checkOrder(aapl, 'buy', fx('5'), fx('190.00'))).toEqual({ ok: true });
    const res = a.applyFill({
      instrument: aapl,
      side: 'buy',
      quantity: fx('10'),
      price: fx('190.00'),
      commission: usd('1'),
    });
    expect(res).toEqual({ ok: false, reason: 'INSUFFICIENT_FUNDS: need 1901.00 USD, free 1000.00 USD' });
    expect(a.balances.get('USD').total.toString()).toBe('1000.00 USD');
  });

  it('moves the base currency for FX', () => {
    const a = new CashAccount('CASH-FX', [usd('10000')]);
    a.applyFill({
      instrument: eurusd,
      side: 'buy',
      quantity: fx('1000'),
      price: fx('1.08453'),
      commission: usd('0'),
    });
    expect(show(a, 'USD')).toEqual(['8915.47 USD', '0.00 USD', '8915.47 USD']);
    expect(show(a, 'EUR')).toEqual(['1000.00 EUR', '0.00 EUR', '1000.00 EUR']);
    expect(a.checkOrder(eurusd, 'sell', fx('2000'), fx('1.08500'))).toEqual({
      ok: false,
      reason: 'INSUFFICIENT_FUNDS: need 2000.00 EUR, free 1000.00 EUR',
    });
  });

  it('refuses derivatives', () => {
    const a = new CashAccount('CASH-1', [usd('1000000')]);
    const reason = 'UNSUPPORTED_INSTRUMENT: future ES.SIM needs a margin account';
    expect(a.checkOrder(r.get('ES'), 'buy', fx('1'), fx('4500'))).toEqual({ ok: false, reason });
    expect(
      a.applyFill({
        instrument: r.get('ES'),
        side: 'buy',
        quantity: fx('1'),
        price: fx('4500'),
        commission: usd('0'),
      }),
    ).toEqual({ ok: false, reason });
  });

  it('reserves for working orders and releases on fill', () => {
    const a = new CashAccount('CASH-1', [usd('100000')]);
    expect(a.reserve('O-1', aapl, 'buy', fx('100'), fx('190.00'))).toEqual({ ok: true });
    expect(show(a, 'USD')).toEqual(['100000.00 USD', '19003.80 USD', '80996.20 USD']);
    expect(a.reserve('O-2', aapl, 'buy', fx('500'), fx('190.00')).ok).toBe(false);
    expect(a.balances.get('USD').locked.toString()).toBe('19003.80 USD');
    a.applyFill({
      orderId: 'O-1',
      instrument: aapl,
      side: 'buy',
      quantity: fx('100'),
      price: fx('190.00'),
      commission: usd('1.90'),
    });
    expect(show(a, 'USD')).toEqual(['80998.10 USD', '0.00 USD', '80998.10 USD']);
    a.reserve('O-3', aapl, 'buy', fx('1'), fx('100.00'));
    a.release('O-3');
    expect(a.balances.get('USD').locked.toString()).toBe('0.00 USD');
  });
});
