import type { PositionTerms } from '../../signals/collateral/margin-book.ts';
import type { InstrumentRegistry } from '../../trading/instruments/registry.ts';
import { type Fixed, fx } from '../../trading/money/fixed.ts';

export interface MarginTerms {
  terms: PositionTerms;
  /** Price grid a float mark is snapped to. */
  tick: Fixed;
}

const UNKNOWN_TICK = fx('0.0001');

/**
 * How a symbol is margined: equities by Reg T / FINRA 4210, other kinds by their instrument's
 * marginInit / marginMaint on notional with the contract multiplier. A symbol the registry does
 * not know is taken as a US equity (multiplier 1). Undefined: quoted in another currency than the
 * base, which this engine does not convert (its value stays in cash at the portfolio's last
 * valuation).
 */
export function marginTerms(
  registry: InstrumentRegistry,
  symbol: string,
  baseCurrency: string,
): MarginTerms | undefined {
  let instrument: ReturnType<InstrumentRegistry['find']>;
  try {
    instrument = registry.find(symbol);
  } catch {
    instrument = undefined;
  }
  if (!instrument) return { terms: {}, tick: UNKNOWN_TICK };
  if (instrument.quoteCurrency !== baseCurrency) return undefined;
  if (instrument.kind === 'equity') return { terms: {}, tick: instrument.tickSize };
  return {
    terms: {
      multiplier: instrument.multiplier,
      rule: { kind: 'rate', initial: instrument.marginInit, maintenance: instrument.marginMaint },
    },
    tick: instrument.tickSize,
  };
}
