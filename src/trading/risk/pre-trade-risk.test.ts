import { describe, expect, it } from 'vitest';
import { defaultInstrumentRegistry } from '../instruments/defaults.ts';
import { Fixed } from '../money/fixed.ts';
import type { OrderInit } from '../orders/order-types.ts';
import { parsePreTradeLimits } from './pre-trade-limits.ts';
import { PreTradeRisk, type RiskContext } from './pre-trade-risk.ts';
import { TradingStateMachine } from './trading-state.ts';

const S = 1_000_000_000n;
const registry = defaultInstrumentRegistry();
const aapl = registry.get('AAPL');
const es = registry.get('ES');

function order(overrides: Partial<OrderInit> = {}): OrderInit {
  return {
    id: 'O-t-1',
    strategyId: 't',
    instrumentId: aapl.id,
    side: 'buy',
    type: 'limit',
    quantity: Fixed.parse('100'),
    price: Fixed.parse('190.00'),
    tsInitNs: 0n,
    ...overrides,
  };
}

function ctx(overrides: Partial<RiskContext> = {}): RiskContext {
  return {
    state: 'ACTIVE',
    nowNs: 10n * S,
    instrument: aapl,
    netPosition: Fixed.parse('0'),
    referencePrice: Fixed.parse('190.00'),
    ...overrides,
  };
}

describe('PreTradeRisk', () => {
  it('approves within limits and denies with a reason beyond each one', () => {
    const risk = new PreTradeRisk(
      parsePreTradeLimits({ maxOrderNotional: '20000', maxPosition: { '*': '150' }, priceBand: 0.05 }),
    );
    expect(risk.check(order(), ctx())).toEqual({ approved: true });
    expect(risk.check(order({ quantity: Fixed.parse('106') }), ctx())).toEqual({
      approved: false,
      code: 'MAX_ORDER_NOTIONAL',
      reason: 'O-t-1: notional 20140.00 USD exceeds the limit 20000',
    });
    expect(
      risk.check(order({ quantity: Fixed.parse('100') }), ctx({ netPosition: Fixed.parse('60') })),
    ).toMatchObject({
      approved: false,
      code: 'MAX_POSITION',
      reason: 'O-t-1: position would be 160, beyond the limit 150 for AAPL.SIM',
    });
    expect(risk.check(order({ price: Fixed.parse('200.00') }), ctx())).toMatchObject({
      approved: false,
      code: 'PRICE_BAND',
      reason: 'O-t-1: price 200.00 is 5.26% from the reference 190.00 (band 5.00%)',
    });
  });

  it('values a future with its multiplier', () => {
    const risk = new PreTradeRisk(parsePreTradeLimits({ maxOrderNotional: '1000000' }));
    const esOrder = order({
      instrumentId: es.id,
      type: 'market',
      price: undefined,
      quantity: Fixed.parse('5'),
    });
    const at = (price: string) => ctx({ instrument: es, referencePrice: Fixed.parse(price) });
    expect(risk.check(esOrder, at('4000.00'))).toEqual({ approved: true });
    expect(risk.check(esOrder, at('4000.25'))).toMatchObject({ code: 'MAX_ORDER_NOTIONAL' });
  });

  it('lets nothing through when HALTED and only reducing orders when REDUCING', () => {
    const risk = new PreTradeRisk({});
    const long = Fixed.parse('100');
    expect(risk.check(order({ side: 'sell' }), ctx({ state: 'HALTED', netPosition: long }))).toMatchObject({
      code: 'HALTED',
    });
    expect(
      risk.check(
        order({ side: 'sell', quantity: Fixed.parse('60') }),
        ctx({ state: 'REDUCING', netPosition: long }),
      ),
    ).toEqual({ approved: true });
    expect(
      risk.check(
        order({ side: 'sell', quantity: Fixed.parse('150') }),
        ctx({ state: 'REDUCING', netPosition: long }),
      ),
    ).toMatchObject({
      code: 'REDUCING_ONLY',
      reason: expect.stringContaining('(100 -> -50)'),
    });
    expect(risk.check(order({ side: 'buy' }), ctx({ state: 'REDUCING', netPosition: long }))).toMatchObject({
      code: 'REDUCING_ONLY',
    });
    expect(risk.check(order({ reduceOnly: true }), ctx({ netPosition: Fixed.parse('0') }))).toMatchObject({
      code: 'REDUCE_ONLY_WOULD_INCREASE',
    });
  });

  it('limits the approved order rate over a rolling second', () => {
    const risk = new PreTradeRisk({ maxOrdersPerSecond: 2 });
    const at = (ms: bigint) => ctx({ nowNs: 10n * S + ms * 1_000_000n });
    expect(risk.check(order(), at(0n)).approved).toBe(true);
    expect(risk.check(order(), at(500n)).approved).toBe(true);
    expect(risk.check(order(), at(999n))).toMatchObject({ code: 'MAX_ORDER_RATE' });
    expect(risk.check(order(), at(1_000n)).approved).toBe(true);
  });

  it('names bad limits in config', () => {
    expect(() => parsePreTradeLimits({ maxOrderNotional: '1e6' })).toThrow(
      'risk limit maxOrderNotional: expected a non-negative decimal',
    );
    expect(() => parsePreTradeLimits({ priceBand: 5 })).toThrow(
      'priceBand: expected a fraction in (0, 1), got 5',
    );
    expect(() => parsePreTradeLimits({ maxOrdersPerSecond: 0.5 })).toThrow('maxOrdersPerSecond');
  });
});

describe('TradingStateMachine', () => {
  it('records who changed the state and why; a flash crash halts', () => {
    const machine = new TradingStateMachine();
    expect(machine.request('ACTIVE', 'no-op', 'risk', 1n)).toBeUndefined();
    expect(machine.request('REDUCING', 'VaR limit breached', 'risk', 2n)).toEqual({
      from: 'ACTIVE',
      to: 'REDUCING',
      reason: 'VaR limit breached',
      requestedBy: 'risk',
      tsNs: 2n,
    });
    expect(machine.flashCrash('ES fell 7% in 60 s', 3n)).toMatchObject({
      from: 'REDUCING',
      to: 'HALTED',
      requestedBy: 'flash-crash',
    });
    expect(machine.state).toBe('HALTED');
    expect(machine.history).toHaveLength(2);
    expect(() => machine.request('ACTIVE', ' ', 'operator', 4n)).toThrow('needs a reason');
  });
});
