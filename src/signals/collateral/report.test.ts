import { describe, expect, it } from 'vitest';
import { fx } from '../../trading/money/fixed.ts';
import type { MarginAccount, MarginMethod } from './margin.ts';
import { presentReport } from './present.ts';
import { marginReport } from './report.ts';

function account(cash: string, ...positions: [string, string, string][]): MarginAccount {
  return {
    cash: fx(cash),
    positions: positions.map(([symbol, quantity, price]) => ({
      symbol,
      quantity: fx(quantity),
      price: fx(price),
    })),
  };
}
const run = (a: MarginAccount, method: MarginMethod = 'regt') => presentReport(marginReport(a, { method }));

describe('Reg T account margin', () => {
  it('long on margin at the maintenance line: P* = debit / (0.75·q)', () => {
    // 1000 @ 40, debit 30000: equity 40000 - 30000 = 10000 = 25% × 40000; P* = 30000 / 750 = 40
    const r = run(account('-30000', ['XYZ', '1000', '40']));
    expect(r).toMatchObject({
      equity: '10000.00',
      requirement: '10000.00',
      excess: '0.00',
      status: 'ok',
      call: '0.00',
    });
    expect(r.groups[0]).toMatchObject({ callTriggersWhenPrice: 'below', triggerPrice: '40.0000' });
  });

  it('long in a call: cash D, liquidation D / 0.25, shares ceil(D·q / R)', () => {
    // 1000 @ 36, debit 30000: equity 6000; requirement 9000; deficit 3000; liquidation 4 × 3000 = 12000
    const r = run(account('-30000', ['XYZ', '1000', '36']));
    expect(r).toMatchObject({
      equity: '6000.00',
      requirement: '9000.00',
      excess: '-3000.00',
      deficit: '3000.00',
      status: 'margin-call',
      call: '3000.00',
      cashToCure: '3000.00',
      liquidationToCure: '12000.00',
      initialRequirement: '18000.00',
      initialExcess: '-12000.00',
    });
    // ceil(3000 × 1000 / 9000) = ceil(333.3) = 334 shares × 36 = 12024
    expect(r.groups[0]!.liquidationToCure).toEqual({ quantity: '334', value: '12024.00' });
  });

  it('short, 30% branch: P* = A / (1.3·s), floored to 0.0001', () => {
    // short 100 @ 50 with 7500 credit (proceeds 5000 + Reg T deposit 2500): equity 2500;
    // requirement max($5 × 100, 30% × 5000) = 1500; initial 50% × 5000 = 2500
    const r = run(account('7500', ['XYZ', '-100', '50']));
    expect(r).toMatchObject({
      equity: '2500.00',
      requirement: '1500.00',
      excess: '1000.00',
      initialExcess: '0.00',
    });
    // 7500 / 130 = 57.692307...: at 57.6923 equity 1730.77 >= 1730.769; at 57.6924 1730.76 < 1730.772
    expect(r.groups[0]).toMatchObject({ callTriggersWhenPrice: 'above', triggerPrice: '57.6923' });
  });

  it('short, per-share minimum branches of 4210(c)(2)', () => {
    // short 1000 @ 8, credit 12000: equity 4000; requirement max(5000, 2400) = 5000: deficit 1000.
    // A/s = 12 in [10, 65/3): P* = 12 - 5 = 7. Cure by buying back 1000 × 1000 / 5000 = 200 shares.
    const r = run(account('12000', ['XYZ', '-1000', '8']));
    expect(r).toMatchObject({
      equity: '4000.00',
      requirement: '5000.00',
      call: '1000.00',
      liquidationToCure: '1600.00',
    });
    expect(r.groups[0]).toMatchObject({
      triggerPrice: '7.0000',
      liquidationToCure: { quantity: '200', value: '1600.00' },
    });
    // A/s = 9 in [5, 10): P* = 9 / 2 = 4.5 (100% branch)
    expect(run(account('9000', ['XYZ', '-1000', '3'])).groups[0]!.triggerPrice).toBe('4.5000');
    // A/s = 4 in [2.5, 5): P* = 4 - 2.5 = 1.5 ($2.50/share branch)
    expect(run(account('4000', ['XYZ', '-1000', '1'])).groups[0]!.triggerPrice).toBe('1.5000');
    // A/s = 2 < 2.5: in call at any price
    expect(run(account('2000', ['XYZ', '-1000', '0.5']))).toMatchObject({
      status: 'margin-call',
      call: '1000.00',
      groups: [{ triggerPrice: '0.0000' }],
    });
  });

  it('mixed account with a debit: trigger of each symbol holding the other', () => {
    // equity -10000 + 30000 - 2000 = 18000; requirement 7500 + max(500, 600) = 8100
    const r = run(account('-10000', ['AAPL', '200', '150'], ['XYZ', '-100', '20']));
    expect(r).toMatchObject({
      equity: '18000.00',
      requirement: '8100.00',
      excess: '9900.00',
      initialRequirement: '16000.00',
    });
    // AAPL: E_o = -12000, R_o = 600 -> P* = 12600 / (0.75 × 200) = 84
    // XYZ: A = (-10000 + 30000) - 7500 = 12500, A/s = 125 -> P* = 12500 / 130 = 96.1538...
    expect(r.groups.map((g) => g.triggerPrice)).toEqual(['84.0000', '96.1538']);
  });

  it('a long without debit never triggers; equity with no liquidation cure', () => {
    expect(run(account('0', ['XYZ', '10', '5'])).groups[0]!.triggerPrice).toBeNull();
    // equity -100 + 50 = -50 < 0: only cash cures
    const r = run(account('-100', ['XYZ', '10', '5']));
    expect(r).toMatchObject({
      equity: '-50.00',
      requirement: '12.50',
      call: '62.50',
      liquidationToCure: null,
    });
    expect(r.groups[0]!.liquidationToCure).toBeNull();
  });

  it('rounds to the cent for the account: equity down, requirement up', () => {
    // 3 × 33.333 = 99.999 -> equity 99.99; 25% = 24.99975 -> 25.00; excess 74.99
    expect(run(account('0', ['XYZ', '3', '33.333']))).toMatchObject({
      longMarketValue: '99.999',
      equity: '99.99',
      requirement: '25.00',
      excess: '74.99',
    });
  });
});

describe('stress account margin', () => {
  it('sums worst group losses; cures pro rata or per group', () => {
    // equity -2000 + 5000 - 2000 = 1000; requirement 750 (A: 15% × 5000) + 300 (B: 15% × 2000) = 1050
    const r = run(account('-2000', ['A', '100', '50'], ['B', '-200', '10']), 'stress');
    // pro rata: 50 × 7000 / 1050 = 333.33.. -> 333.34
    expect(r).toMatchObject({
      equity: '1000.00',
      requirement: '1050.00',
      call: '50.00',
      liquidationToCure: '333.34',
    });
    // A: ceil(50 × 100 / 750) = 7 shares = 350; B: ceil(50 × 200 / 300) = 34 = 340
    expect(r.groups.map((g) => [g.liquidationToCure, g.stress])).toEqual([
      [
        { quantity: '7', value: '350.00' },
        { worstMove: '-0.15', worstLoss: '750', minimum: '37.5' },
      ],
      [
        { quantity: '34', value: '340.00' },
        { worstMove: '0.15', worstLoss: '300', minimum: '75' },
      ],
    ]);
    // A trigger: -4000 + 100P = 300 + 15P -> P = 4300 / 85 = 50.588235.. -> 50.5883 (rounded up)
    expect(r.groups[0]!.triggerPrice).toBe('50.5883');
    // Reg T on the same account asks more: 1250 + max(1000, 600) = 2250
    expect(run(account('-2000', ['A', '100', '50'], ['B', '-200', '10'])).requirement).toBe('2250.00');
  });
});
