import { NautilusError } from '../../core/errors.ts';
import { invalid } from '../errors.ts';
import { createInstrument, type InstrumentSpec } from './create-instrument.ts';
import type { Instrument } from './instrument.ts';

/** Instruments by id ("AAPL.SIM") and by bare symbol ("AAPL", when unambiguous). */
export class InstrumentRegistry {
  private readonly byId = new Map<string, Instrument>();
  private readonly bySymbol = new Map<string, Instrument[]>();

  constructor(instruments: Iterable<Instrument | InstrumentSpec> = []) {
    for (const instrument of instruments) this.add(instrument);
  }

  add(input: Instrument | InstrumentSpec): Instrument {
    const instrument = 'id' in input ? input : createInstrument(input);
    if (this.byId.has(instrument.id)) throw invalid(`instrument already registered: ${instrument.id}`);
    this.byId.set(instrument.id, instrument);
    this.bySymbol.set(instrument.symbol, [...(this.bySymbol.get(instrument.symbol) ?? []), instrument]);
    return instrument;
  }

  find(idOrSymbol: string): Instrument | undefined {
    const direct = this.byId.get(idOrSymbol);
    if (direct) return direct;
    const candidates = this.bySymbol.get(idOrSymbol);
    if (candidates && candidates.length > 1) {
      throw invalid(`symbol ${idOrSymbol} is ambiguous: ${candidates.map((i) => i.id).join(', ')}`);
    }
    return candidates?.[0];
  }

  get(idOrSymbol: string): Instrument {
    const found = this.find(idOrSymbol);
    if (!found) throw new NautilusError('NOT_FOUND', `unknown instrument: ${idOrSymbol}`);
    return found;
  }

  has(idOrSymbol: string): boolean {
    return this.byId.has(idOrSymbol) || this.bySymbol.has(idOrSymbol);
  }

  list(): Instrument[] {
    return [...this.byId.values()];
  }

  get size(): number {
    return this.byId.size;
  }
}
