import { describe, expect, it } from 'vitest';
import { defaultInstrumentRegistry } from './defaults.ts';

describe('default instruments', () => {
  const r = defaultInstrumentRegistry();

  it('has the platform symbols', () => {
    expect(r.list().map((i) => i.id)).toEqual([
      'AAPL.SIM',
      'EURUSD.SIM',
      'USDJPY.SIM',
      'ES.SIM',
      'GC.SIM',
      '6E.XCME',
      '6EH4.XCME',
      'BTCUSDT.SIM',
    ]);
  });

  it('uses the agreed ticks, lots and multipliers', () => {
    const row = (s: string) => {
      const i = r.get(s);
      return [i.kind, i.quoteCurrency, i.tickSize.toString(), i.lotSize.toString(), i.multiplier.toString()];
    };
    expect(row('AAPL')).toEqual(['equity', 'USD', '0.01', '1', '1']);
    expect(row('EURUSD')).toEqual(['fx', 'USD', '0.00001', '1000', '1']);
    expect(row('USDJPY')).toEqual(['fx', 'JPY', '0.001', '1000', '1']);
    expect(row('ES')).toEqual(['future', 'USD', '0.25', '1', '50']);
    expect(row('GC')).toEqual(['future', 'USD', '0.1', '1', '100']);
    expect(row('6EH4')).toEqual(['future', 'USD', '0.00005', '1', '125000']);
    expect(row('BTCUSDT')).toEqual(['crypto-perpetual', 'USDT', '0.01', '0.001', '1']);
    const sixE = r.get('6EH4');
    expect(sixE.kind === 'future' && sixE.expiryNs).toBe(1_710_771_360_000_000_000n);
    expect(sixE.kind === 'future' && sixE.underlying).toBe('6E');
  });

  it('returns independent registries', () => {
    const a = defaultInstrumentRegistry();
    a.add({ ...r.get('AAPL'), id: 'AAPL.X', venue: 'X' });
    expect(defaultInstrumentRegistry().size).toBe(8);
  });
});
