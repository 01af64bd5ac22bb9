import { describe, expect, it } from 'vitest';
import { fx } from '../money/fixed.ts';
import { validateOrderInit } from './order-validation.ts';
import { limitInit } from './test-helpers.ts';

describe('validateOrderInit', () => {
  it('accepts well-formed orders', () => {
    expect(() => validateOrderInit(limitInit())).not.toThrow();
    expect(() =>
      validateOrderInit(limitInit({ type: 'market', price: undefined, timeInForce: 'IOC' })),
    ).not.toThrow();
    expect(() => validateOrderInit(limitInit({ postOnly: true, timeInForce: 'DAY' }))).not.toThrow();
  });

  it('names the order and the broken rule', () => {
    const cases: Array<[Parameters<typeof limitInit>[0], string]> = [
      [{ quantity: fx('0') }, 'order O-S1-1: quantity must be positive, got 0'],
      [{ price: undefined }, 'limit order needs a price'],
      [{ type: 'market' }, 'market order takes no price'],
      [{ type: 'stop', price: undefined }, 'stop order needs a triggerPrice'],
      [{ triggerPrice: fx('1') }, 'limit order takes no triggerPrice'],
      [{ type: 'stop-limit' }, 'stop-limit order needs a triggerPrice'],
      [{ price: fx('-1') }, 'price must be positive, got -1'],
      [{ type: 'stop', price: undefined, triggerPrice: fx('0') }, 'triggerPrice must be positive'],
      [{ type: 'stop', price: undefined, triggerPrice: fx('1'), postOnly: true }, 'postOnly is for limit'],
      [{ postOnly: true, timeInForce: 'IOC' }, 'postOnly cannot be IOC'],
      [{ type: 'market', price: undefined }, 'market order cannot be GTC'],
      [{ timeInForce: 'GTD' }, 'GTD order needs expireTimeNs'],
      [{ timeInForce: 'GTD', expireTimeNs: 1_000n }, 'expireTimeNs must be after tsInitNs'],
      [{ expireTimeNs: 9_000n }, 'expireTimeNs is only for GTD, not GTC'],
      [{ contingency: 'oco' }, 'oco order needs linkedOrderIds'],
      [{ contingency: 'oco', linkedOrderIds: ['O-S1-1'] }, 'order cannot link to itself'],
      [{ id: '' }, 'order id is required'],
    ];
    for (const [patch, message] of cases) {
      expect(() => validateOrderInit(limitInit(patch)), message).toThrow(message);
    }
  });
});
