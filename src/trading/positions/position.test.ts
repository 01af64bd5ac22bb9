import { describe, expect, it } from 'vitest';
import { defaultInstrumentRegistry } from '../instruments/defaults.ts';
import { fx } from '../money/fixed.ts';
import { Money } from '../money/money.ts';
import { Position, proRata } from './position.ts';
import { fill } from './test-fill.ts';

const r = defaultInstrumentRegistry();
const aapl = r.get('AAPL');
const es = r.get('ES');
const gc = r.get('GC');
const btc = r.get('BTCUSDT');

describe('Position (average cost)', () => {
  it('adds at an exact average and books realised PnL on reduction', () => {
    const p = new Position('P-1', aapl, fill('buy', '100', '190.00', '1.00'));
    expect(p.side).toBe('LONG');
    p.applyFill(fill('buy', '50', '191.00', '0.50'));
    expect(p.avgOpenPx.toString()).toBe('571/3');
    expect(p.avgOpenPxAt(4).toString()).toBe('190.3333');
    const res = p.applyFill(fill('sell', '60', '192.00', '0.60'));
    expect(res.realizedPnl.toString()).toBe('100.00 USD');
    expect(res.closedQty.toString()).toBe('60');
    expect(res.remainder.toString()).toBe('0');
    expect(p.signedQty.toString()).toBe('90');
    expect(p.avgOpenPx.toString()).toBe('571/3');
    expect(p.unrealizedPnl(fx('193.00')).toString()).toBe('240.00 USD');
    expect(p.totalPnl(fx('193.00')).toString()).toBe('340.00 USD');
    expect(p.commissions.get('USD')?.toString()).toBe('2.10 USD');
    expect(p.netRealizedPnl().toString()).toBe('97.90 USD');
  });

  it('rounds once per fill and the total stays exact', () => {
    const p = new Position('P-2', aapl, fill('buy', '1', '100.00'));
    p.applyFill(fill('buy', '2', '101.00'));
    expect(p.applyFill(fill('sell', '1', '101.00')).realizedPnl.toString()).toBe('0.33 USD');
    expect(p.applyFill(fill('sell', '2', '101.00')).realizedPnl.toString()).toBe('0.67 USD');
    expect(p.realizedPnl.toString()).toBe('1.00 USD');
    expect(p.isClosed).toBe(true);
    expect(p.side).toBe('FLAT');
    expect(p.tsClosedNs).toBe(p.tsLastNs);
    expect(() => p.applyFill(fill('buy', '1', '100.00'))).toThrow('position P-2 is closed');
  });

  it('short futures PnL uses the multiplier and the sign', () => {
    const p = new Position('P-3', es, fill('sell', '2', '4500.00'));
    expect(p.side).toBe('SHORT');
    expect(p.signedQty.toString()).toBe('-2');
    expect(p.applyFill(fill('buy', '1', '4490.25')).realizedPnl.toString()).toBe('487.50 USD');
    expect(p.unrealizedPnl(fx('4510.00')).toString()).toBe('-500.00 USD');
    expect(p.unrealizedPnl(fx('4500.00')).toString()).toBe('0.00 USD');
  });

  it('GC multiplier 100 and BTCUSDT at USDT precision', () => {
    const g = new Position('P-4', gc, fill('buy', '1', '2000.1'));
    expect(g.applyFill(fill('sell', '1', '2000.3')).realizedPnl.toString()).toBe('20.00 USD');
    const b = new Position('P-5', btc, fill('buy', '0.003', '43000.01', '0', 'USDT'));
    const res = b.applyFill(fill('sell', '0.001', '43100.00', '0', 'USDT'));
    expect(res.realizedPnl.toString()).toBe('0.099990 USDT');
    expect(b.unrealizedPnl(fx('42000.00')).toString()).toBe('-2.000020 USDT');
  });

  it('stops at flat and returns the remainder of a crossing fill', () => {
    const p = new Position('P-6', es, fill('buy', '1', '4500.00', '1.00'));
    const res = p.applyFill(fill('sell', '3', '4510.00', '3.00'));
    expect(res.realizedPnl.toString()).toBe('500.00 USD');
    expect(res.closedQty.toString()).toBe('1');
    expect(res.remainder.toString()).toBe('2');
    expect(p.isClosed).toBe(true);
    expect(p.commissions.get('USD')?.toString()).toBe('2.00 USD');
  });

  it('refuses bad fills', () => {
    const p = new Position('P-7', aapl, fill('buy', '1', '100.00'));
    expect(() => p.applyFill({ ...fill('buy', '1', '1'), tsNs: 0n })).toThrow('is out of order');
    expect(() => p.applyFill(fill('buy', '0', '1'))).toThrow('fill quantity must be positive');
  });

  it('proRata splits a fee without losing a cent', () => {
    const fee = Money.of('1.00', 'USD');
    const part = proRata(fee, fx('1'), fx('3'));
    expect(part.toString()).toBe('0.33 USD');
    expect(fee.sub(part).toString()).toBe('0.67 USD');
    expect(proRata(fee, fx('3'), fx('3'))).toBe(fee);
  });
});
