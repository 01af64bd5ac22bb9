import { describe, expect, it } from 'vitest';
import { fx } from '../money/fixed.ts';
import { defaultInstrumentRegistry } from './defaults.ts';
import {
  commission,
  initialMargin,
  isOnTick,
  maintenanceMargin,
  notional,
  notionalValue,
  priceProblem,
  quantityProblem,
} from './instrument-math.ts';

const registry = defaultInstrumentRegistry();
const es = registry.get('ES');
const aapl = registry.get('AAPL');
const btc = registry.get('BTCUSDT');
const usdjpy = registry.get('USDJPY');

describe('instrument math', () => {
  it('notional includes the multiplier', () => {
    expect(notionalValue(es, fx('2'), fx('4500.25')).toString()).toBe('450025.00');
    expect(notional(es, fx('-2'), fx('4500.25')).toString()).toBe('450025.00 USD');
    expect(notional(btc, fx('0.123'), fx('43210.55')).toString()).toBe('5314.897650 USDT');
    expect(notional(usdjpy, fx('1000'), fx('155.605')).toString()).toBe('155605 JPY');
  });

  it('commission by liquidity, in the quote currency', () => {
    expect(commission(aapl, fx('100'), fx('190.12'), 'taker').toString()).toBe('3.80 USD');
    expect(commission(aapl, fx('100'), fx('190.12'), 'maker').toString()).toBe('1.90 USD');
    expect(commission(aapl, fx('100'), fx('190.12'), 'maker', 'ceil').toString()).toBe('1.91 USD');
    expect(commission(btc, fx('0.5'), fx('40000'), 'taker').toString()).toBe('8.000000 USDT');
  });

  it('margins are rounded up', () => {
    expect(initialMargin(es, fx('1'), fx('4500.25')).toString()).toBe('13500.75 USD');
    expect(maintenanceMargin(es, fx('1'), fx('4500.25')).toString()).toBe('11250.63 USD');
    expect(initialMargin(btc, fx('0.001'), fx('43210.01')).toString()).toBe('4.321001 USDT');
  });

  it('validates ticks and quantities', () => {
    expect(isOnTick(es, fx('4500.75'))).toBe(true);
    expect(priceProblem(es, fx('4500.10'))).toBe('price 4500.10 is not on the tick grid 0.25 for ES.SIM');
    expect(priceProblem(es, fx('4500.5'))).toBeUndefined();
    expect(quantityProblem(btc, fx('0.0005'))).toBe(
      'quantity 0.0005 is below the minimum 0.001 for BTCUSDT.SIM',
    );
    expect(quantityProblem(btc, fx('0.0015'))).toBe(
      'quantity 0.0015 is not a multiple of the lot size 0.001 for BTCUSDT.SIM',
    );
    expect(quantityProblem(btc, fx('0'))).toBe('quantity must be positive, got 0');
    expect(quantityProblem(btc, fx('1.5'))).toBeUndefined();
  });
});
