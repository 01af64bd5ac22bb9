import { describe, expect, it } from 'vitest';
import { defaultInstrumentRegistry } from '../instruments/defaults.ts';
import { fx } from '../money/fixed.ts';
import { Money } from '../money/money.ts';
import { MarginAccount } from './margin-account.ts';

const r = defaultInstrumentRegistry();
const es = r.get('ES');
const btc = r.get('BTCUSDT');
const usd = (s: string) => Money.of(s, 'USD');
const show = (a: MarginAccount, code: string) => {
  const b = a.balances.get(code);
  return [b.total.toString(), b.locked.toString(), b.free.toString()];
};

describe('MarginAccount', () => {
  it('locks initial margin per position with the multiplier and books PnL and commission', () => {
    const a = new MarginAccount('MARGIN-1', [usd('100000')]);
    expect(
      a.applyFill({
        instrument: es,
        side: 'buy',
        quantity: fx('2'),
        price: fx('4500.00'),
        commission: usd('4'),
      }),
    ).toEqual({
      ok: true,
    });
    expect(show(a, 'USD')).toEqual(['99996.00 USD', '27000.00 USD', '72996.00 USD']);
    a.applyFill({
      instrument: es,
      side: 'sell',
      quantity: fx('1'),
      price: fx('4510.00'),
      commission: usd('2'),
      realizedPnl: usd('500'),
    });
    expect(show(a, 'USD')).toEqual(['100494.00 USD', '13530.00 USD', '86964.00 USD']);
    a.revalue(es, fx('4400.00'));
    expect(a.margin('ES.SIM')?.toString()).toBe('13200.00 USD');
    expect(a.maintenanceMargin('USD').toString()).toBe('11000.00 USD');
  });

  it('rejects exposure growth beyond free balance, never a reduction', () => {
    const a = new MarginAccount('MARGIN-1', [usd('20000')]);
    a.applyFill({
      instrument: es,
      side: 'buy',
      quantity: fx('1'),
      price: fx('4400.00'),
      commission: usd('0'),
    });
    expect(a.checkOrder(es, 'buy', fx('10'), fx('4400.00'))).toEqual({
      ok: false,
      reason: 'INSUFFICIENT_MARGIN: need 132000.00 USD, free 6800.00 USD',
    });
    expect(a.checkOrder(es, 'buy', fx('1'), fx('4400.00'))).toEqual({
      ok: false,
      reason: 'INSUFFICIENT_MARGIN: need 13200.00 USD, free 6800.00 USD',
    });
    a.balances.adjust(usd('-15000'));
    const close = a.applyFill({
      instrument: es,
      side: 'sell',
      quantity: fx('1'),
      price: fx('4300.00'),
      commission: usd('0'),
      realizedPnl: usd('-5000'),
    });
    expect(close).toEqual({ ok: true });
    expect(show(a, 'USD')).toEqual(['0.00 USD', '0.00 USD', '0.00 USD']);
    expect(a.margin('ES.SIM')).toBeUndefined();
  });

  it('keeps hedged positions apart and exchanges perpetual funding', () => {
    const a = new MarginAccount('MARGIN-2', [Money.of('10000', 'USDT')]);
    const base = {
      instrument: btc,
      quantity: fx('0.5'),
      price: fx('40000.00'),
      commission: Money.of('0', 'USDT'),
    };
    a.applyFill({ ...base, side: 'buy', positionId: 'P-long' });
    a.applyFill({ ...base, side: 'sell', quantity: fx('0.1'), positionId: 'P-short' });
    expect(a.margin('P-long')?.toString()).toBe('2000.000000 USDT');
    expect(a.margin('P-short')?.toString()).toBe('400.000000 USDT');
    expect(a.balances.get('USDT').locked.toString()).toBe('2400.000000 USDT');
    expect(a.applyFunding(btc, fx('0.0001'), fx('40000.00'), 'P-long').toString()).toBe('-2.000000 USDT');
    expect(a.applyFunding(btc, fx('0.0001'), fx('40000.00'), 'P-short').toString()).toBe('0.400000 USDT');
    expect(a.applyFunding(btc, fx('0.0001'), fx('40000.00'), 'P-none').toString()).toBe('0.000000 USDT');
    expect(a.balances.get('USDT').total.toString()).toBe('9998.400000 USDT');
    expect(() => a.applyFunding(es, fx('0.0001'), fx('1'))).toThrow('ES.SIM is not a perpetual');
    expect(() =>
      a.applyFill({ ...base, instrument: es, side: 'buy', commission: usd('0'), positionId: 'P-long' }),
    ).toThrow('position P-long is for BTCUSDT.SIM, not ES.SIM');
  });
});
