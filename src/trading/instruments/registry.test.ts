import { describe, expect, it } from 'vitest';
import type { NautilusError } from '../../core/errors.ts';
import type { InstrumentSpec } from './create-instrument.ts';
import { InstrumentRegistry } from './registry.ts';

const spec: InstrumentSpec = {
  kind: 'equity',
  symbol: 'XYZ',
  venue: 'SIM',
  quoteCurrency: 'USD',
  tickSize: '0.01',
  lotSize: '1',
  marginInit: '1',
  marginMaint: '0.5',
};

describe('InstrumentRegistry', () => {
  it('adds specs and finds by id or symbol', () => {
    const r = new InstrumentRegistry([spec]);
    expect(r.get('XYZ.SIM').symbol).toBe('XYZ');
    expect(r.get('XYZ').id).toBe('XYZ.SIM');
    expect(r.has('XYZ')).toBe(true);
    expect(r.find('NOPE')).toBeUndefined();
    expect(r.size).toBe(1);
  });

  it('rejects duplicates, unknowns and ambiguous symbols', () => {
    const r = new InstrumentRegistry([spec]);
    expect(() => r.add(spec)).toThrow('instrument already registered: XYZ.SIM');
    expect(() => r.get('NOPE')).toThrow('unknown instrument: NOPE');
    try {
      r.get('NOPE');
    } catch (error) {
      expect((error as NautilusError).code).toBe('NOT_FOUND');
    }
    r.add({ ...spec, venue: 'OTHER' });
    expect(() => r.get('XYZ')).toThrow('symbol XYZ is ambiguous: XYZ.SIM, XYZ.OTHER');
    expect(r.get('XYZ.OTHER').venue).toBe('OTHER');
    expect(r.list().map((i) => i.id)).toEqual(['XYZ.SIM', 'XYZ.OTHER']);
  });
});
