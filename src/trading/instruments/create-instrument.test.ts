import { describe, expect, it } from 'vitest';
import { NautilusError } from '../../core/errors.ts';
import { createInstrument, type InstrumentSpec } from './create-instrument.ts';
import { baseCurrencyOf } from './instrument.ts';

const equity: InstrumentSpec = {
  kind: 'equity',
  symbol: 'MSFT',
  venue: 'SIM',
  quoteCurrency: 'USD',
  tickSize: '0.01',
  lotSize: '1',
  marginInit: '0.5',
  marginMaint: '0.25',
};

describe('createInstrument', () => {
  it('builds an equity with defaults', () => {
    const i = createInstrument(equity);
    expect(i.id).toBe('MSFT.SIM');
    expect(i.kind).toBe('equity');
    expect(i.tickSize.toString()).toBe('0.01');
    expect(i.minQuantity.toString()).toBe('1');
    expect(i.multiplier.toString()).toBe('1');
    expect(i.makerFee.toString()).toBe('0');
    expect(i.pricePrecision).toBe(2);
    expect(i.sizePrecision).toBe(0);
    expect(baseCurrencyOf(i)).toBeUndefined();
    expect(Object.isFrozen(i)).toBe(true);
  });

  it('builds a perpetual with default 8h funding and a future with expiry', () => {
    const perp = createInstrument({
      ...equity,
      kind: 'crypto-perpetual',
      symbol: 'ETHUSDT',
      baseCurrency: 'ETH',
      quoteCurrency: 'USDT',
      lotSize: '0.001',
    });
    expect(perp.kind === 'crypto-perpetual' && perp.fundingIntervalNs).toBe(28_800_000_000_000n);
    expect(baseCurrencyOf(perp)).toBe('ETH');
    const fut = createInstrument({ ...equity, kind: 'future', symbol: 'NQ', multiplier: '20', expiryNs: 5n });
    expect(fut.kind === 'future' && fut.expiryNs).toBe(5n);
    expect(fut.kind === 'future' && fut.underlying).toBe('NQ');
    expect(fut.multiplier.toString()).toBe('20');
  });

  it('rejects invalid specs with clear messages', () => {
    const cases: Array<[Partial<InstrumentSpec>, string]> = [
      [{ symbol: '' }, 'bad instrument symbol: ""'],
      [{ venue: 'a b' }, 'instrument MSFT: bad venue'],
      [{ quoteCurrency: 'XXX' }, 'unknown currency: "XXX"'],
      [{ tickSize: '0' }, 'instrument MSFT: tickSize must be positive, got 0'],
      [{ tickSize: '1e-2' }, 'instrument MSFT: tickSize is not a decimal: "1e-2"'],
      [{ lotSize: '-1' }, 'lotSize must be positive'],
      [{ lotSize: '10', minQuantity: '15' }, 'minQuantity 15 is not a multiple of lotSize 10'],
      [{ minQuantity: '0' }, 'minQuantity must be positive'],
      [{ marginInit: '1.5' }, 'marginInit must be in [0, 1], got 1.5'],
      [{ marginMaint: '0.6' }, 'marginMaint must be in [0, marginInit], got 0.6'],
      [{ takerFee: '0.2' }, 'takerFee must be in (-0.1, 0.1), got 0.2'],
      [{ multiplier: '10' }, 'equity multiplier must be 1'],
      [{ baseCurrency: 'EUR' }, 'equity has no baseCurrency'],
      [{ kind: 'fx' }, 'fx needs a baseCurrency'],
      [{ kind: 'fx', baseCurrency: 'USD' }, 'baseCurrency equals quoteCurrency'],
      [{ kind: 'future', multiplier: '50' }, 'future needs a positive expiryNs'],
      [
        { kind: 'crypto-perpetual', baseCurrency: 'BTC', multiplier: '2' },
        'crypto-perpetual multiplier must be 1',
      ],
      [{ kind: 'option' as 'equity' }, 'unknown instrument kind: "option"'],
    ];
    for (const [patch, message] of cases) {
      const run = () => createInstrument({ ...equity, ...patch });
      expect(run, message).toThrow(NautilusError);
      expect(run, message).toThrow(message);
    }
  });

  it('allows a maker rebate', () => {
    expect(createInstrument({ ...equity, makerFee: '-0.0001' }).makerFee.toString()).toBe('-0.0001');
  });
});
