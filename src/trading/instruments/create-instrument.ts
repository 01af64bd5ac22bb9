import type { Nanos } from '../../domain/time.ts';
import { invalid } from '../errors.ts';
import { currency } from '../money/currency.ts';
import { Fixed } from '../money/fixed.ts';
import type { Instrument, InstrumentKind } from './instrument.ts';

/** Plain description of an instrument; decimals as strings so nothing passes through a float. */
export interface InstrumentSpec {
  kind: InstrumentKind;
  symbol: string;
  venue: string;
  quoteCurrency: string;
  baseCurrency?: string;
  tickSize: string;
  lotSize: string;
  /** Defaults to lotSize. */
  minQuantity?: string;
  /** Defaults to 1; futures must give it; perpetuals must be 1. */
  multiplier?: string;
  marginInit: string;
  marginMaint: string;
  makerFee?: string;
  takerFee?: string;
  underlying?: string;
  expiryNs?: Nanos;
  fundingIntervalNs?: Nanos;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9/_-]{0,31}$/;
const EIGHT_HOURS_NS = 8n * 3600n * 1_000_000_000n;

function decimalField(spec: InstrumentSpec, field: string, text: string): Fixed {
  try {
    return Fixed.parse(text);
  } catch {
    throw invalid(`instrument ${spec.symbol}: ${field} is not a decimal: ${JSON.stringify(text)}`);
  }
}

/** Validates a spec and builds an immutable Instrument. Every error names the symbol and field. */
export function createInstrument(spec: InstrumentSpec): Instrument {
  const fail = (message: string) => invalid(`instrument ${spec.symbol}: ${message}`, { symbol: spec.symbol });
  if (!NAME.test(spec.symbol ?? '')) throw invalid(`bad instrument symbol: ${JSON.stringify(spec.symbol)}`);
  if (!NAME.test(spec.venue ?? '')) throw fail(`bad venue: ${JSON.stringify(spec.venue)}`);
  currency(spec.quoteCurrency);
  const tickSize = decimalField(spec, 'tickSize', spec.tickSize);
  const lotSize = decimalField(spec, 'lotSize', spec.lotSize);
  const minQuantity = decimalField(spec, 'minQuantity', spec.minQuantity ?? spec.lotSize);
  const multiplier = decimalField(spec, 'multiplier', spec.multiplier ?? '1');
  const marginInit = decimalField(spec, 'marginInit', spec.marginInit);
  const marginMaint = decimalField(spec, 'marginMaint', spec.marginMaint);
  const makerFee = decimalField(spec, 'makerFee', spec.makerFee ?? '0');
  const takerFee = decimalField(spec, 'takerFee', spec.takerFee ?? '0');
  const one = Fixed.of(1n);

  if (!tickSize.isPositive()) throw fail(`tickSize must be positive, got ${tickSize}`);
  if (!lotSize.isPositive()) throw fail(`lotSize must be positive, got ${lotSize}`);
  if (!minQuantity.isPositive()) throw fail(`minQuantity must be positive, got ${minQuantity}`);
  if (!minQuantity.isMultipleOf(lotSize))
    throw fail(`minQuantity ${minQuantity} is not a multiple of lotSize ${lotSize}`);
  if (!multiplier.isPositive()) throw fail(`multiplier must be positive, got ${multiplier}`);
  if (marginInit.isNegative() || marginInit.gt(one))
    throw fail(`marginInit must be in [0, 1], got ${marginInit}`);
  if (marginMaint.isNegative() || marginMaint.gt(marginInit)) {
    throw fail(`marginMaint must be in [0, marginInit], got ${marginMaint}`);
  }
  for (const [name, fee] of [
    ['makerFee', makerFee],
    ['takerFee', takerFee],
  ] as const) {
    if (fee.abs().gte(Fixed.parse('0.1'))) throw fail(`${name} must be in (-0.1, 0.1), got ${fee}`);
  }

  const needsBase = spec.kind === 'fx' || spec.kind === 'crypto-spot' || spec.kind === 'crypto-perpetual';
  if (needsBase) {
    if (!spec.baseCurrency) throw fail(`${spec.kind} needs a baseCurrency`);
    currency(spec.baseCurrency);
    if (spec.baseCurrency === spec.quoteCurrency) throw fail('baseCurrency equals quoteCurrency');
  } else if (spec.baseCurrency) {
    throw fail(`${spec.kind} has no baseCurrency`);
  }

  const base = {
    id: `${spec.symbol}.${spec.venue}`,
    symbol: spec.symbol,
    venue: spec.venue,
    quoteCurrency: spec.quoteCurrency,
    tickSize,
    lotSize,
    minQuantity,
    multiplier,
    marginInit,
    marginMaint,
    makerFee,
    takerFee,
    pricePrecision: tickSize.scale,
    sizePrecision: lotSize.scale,
  };
  if (spec.kind !== 'future' && !multiplier.eq(one)) throw fail(`${spec.kind} multiplier must be 1`);
  switch (spec.kind) {
    case 'equity':
      return Object.freeze({ ...base, kind: 'equity' });
    case 'fx':
    case 'crypto-spot':
      return Object.freeze({ ...base, kind: spec.kind, baseCurrency: spec.baseCurrency! });
    case 'crypto-perpetual': {
      const fundingIntervalNs = spec.fundingIntervalNs ?? EIGHT_HOURS_NS;
      if (fundingIntervalNs <= 0n) throw fail('fundingIntervalNs must be positive');
      return Object.freeze({
        ...base,
        kind: 'crypto-perpetual',
        baseCurrency: spec.baseCurrency!,
        fundingIntervalNs,
      });
    }
    case 'future':
      if (spec.expiryNs === undefined || spec.expiryNs <= 0n) throw fail('future needs a positive expiryNs');
      return Object.freeze({
        ...base,
        kind: 'future',
        underlying: spec.underlying ?? spec.symbol,
        expiryNs: spec.expiryNs,
      });
    default:
      throw fail(`unknown instrument kind: ${JSON.stringify(spec.kind)}`);
  }
}
