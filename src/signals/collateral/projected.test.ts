import { describe, expect, it } from 'vitest';
import { fx } from '../../trading/money/fixed.ts';
import { presentProjection } from './present.ts';
import { projectMargin } from './projected.ts';

const cash = (amount: string) => ({ cash: fx(amount), positions: [] });
const buy = (quantity: string, price: string) => ({
  symbol: 'AAPL',
  side: 'buy' as const,
  quantity: fx(quantity),
  price: fx(price),
});

describe('projected margin of a pending order', () => {
  it('a buy within Reg T initial margin', () => {
    // 10000 cash, buy 100 @ 150: cash -5000, value 15000, equity 10000; maintenance 3750, initial 7500
    expect(presentProjection(projectMargin(cash('10000'), buy('100', '150'), { method: 'regt' }))).toEqual({
      before: {
        equity: '10000.00',
        requirement: '0.00',
        initialRequirement: '0.00',
        excess: '10000.00',
        call: '0.00',
      },
      after: {
        equity: '10000.00',
        requirement: '3750.00',
        initialRequirement: '7500.00',
        excess: '6250.00',
        call: '0.00',
      },
      wouldCall: false,
      increasesExposure: true,
      initialShortfall: '0.00',
    });
  });

  it('a buy that would cause a maintenance call and lacks initial margin', () => {
    // buy 300 @ 150: cash -35000, value 45000, equity 10000; maintenance 11250 (call 1250), initial 22500
    const p = presentProjection(projectMargin(cash('10000'), buy('300', '150'), { method: 'regt' }));
    expect(p).toMatchObject({ wouldCall: true, initialShortfall: '12500.00', after: { call: '1250.00' } });
  });

  it('a sell that reduces a held long: no exposure increase, position valued at its mark', () => {
    const account = {
      cash: fx('-30000'),
      positions: [{ symbol: 'AAPL', quantity: fx('1000'), price: fx('36') }],
    };
    // sell 334 @ 36: cash -30000 + 12024 = -17976; 666 × 36 = 23976; equity 6000, requirement 5994
    const p = projectMargin(account, { ...buy('334', '36'), side: 'sell' }, { method: 'regt' });
    expect(presentProjection(p)).toMatchObject({
      before: { call: '3000.00' },
      after: { equity: '6000.00', requirement: '5994.00', call: '0.00' },
      wouldCall: false,
      increasesExposure: false,
    });
  });
});
