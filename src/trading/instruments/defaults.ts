import type { InstrumentSpec } from './create-instrument.ts';
import { InstrumentRegistry } from './registry.ts';

/** 2024-03-18T14:16:00Z: last trade of the March 2024 CME Euro FX future (6EH4). */
const EXPIRY_6EH4_NS = 1_710_771_360_000_000_000n;
/** 2024-12-20T14:30:00Z and 2024-12-27T18:30:00Z: Dec 2024 ES / GC (synthetic data has no expiry). */
const EXPIRY_ES_NS = 1_734_705_000_000_000_000n;
const EXPIRY_GC_NS = 1_735_324_200_000_000_000n;

/** The platform's synthetic symbols plus those of the shared data files. */
export const DEFAULT_INSTRUMENT_SPECS: readonly InstrumentSpec[] = Object.freeze([
  {
    kind: 'equity',
    symbol: 'AAPL',
    venue: 'SIM',
    quoteCurrency: 'USD',
    tickSize: '0.01',
    lotSize: '1',
    marginInit: '0.5',
    marginMaint: '0.25',
    makerFee: '0.0001',
    takerFee: '0.0002',
  },
  {
    kind: 'fx',
    symbol: 'EURUSD',
    venue: 'SIM',
    baseCurrency: 'EUR',
    quoteCurrency: 'USD',
    tickSize: '0.00001',
    lotSize: '1000',
    marginInit: '0.03',
    marginMaint: '0.02',
    takerFee: '0.00002',
  },
  {
    kind: 'fx',
    symbol: 'USDJPY',
    venue: 'SIM',
    baseCurrency: 'USD',
    quoteCurrency: 'JPY',
    tickSize: '0.001',
    lotSize: '1000',
    marginInit: '0.03',
    marginMaint: '0.02',
    takerFee: '0.00002',
  },
  future('ES', 'SIM', '0.25', '50', '0.06', '0.05', EXPIRY_ES_NS),
  future('GC', 'SIM', '0.1', '100', '0.05', '0.04', EXPIRY_GC_NS),
  future('6E', 'XCME', '0.00005', '125000', '0.03', '0.025', EXPIRY_6EH4_NS),
  future('6EH4', 'XCME', '0.00005', '125000', '0.03', '0.025', EXPIRY_6EH4_NS, '6E'),
  {
    kind: 'crypto-perpetual',
    symbol: 'BTCUSDT',
    venue: 'SIM',
    baseCurrency: 'BTC',
    quoteCurrency: 'USDT',
    tickSize: '0.01',
    lotSize: '0.001',
    marginInit: '0.1',
    marginMaint: '0.05',
    makerFee: '0.0002',
    takerFee: '0.0004',
  },
]);

function future(
  symbol: string,
  venue: string,
  tickSize: string,
  multiplier: string,
  marginInit: string,
  marginMaint: string,
  expiryNs: bigint,
  underlying = symbol,
): InstrumentSpec {
  return {
    kind: 'future',
    symbol,
    venue,
    quoteCurrency: 'USD',
    tickSize,
    lotSize: '1',
    multiplier,
    marginInit,
    marginMaint,
    underlying,
    expiryNs,
  };
}

/** A fresh registry holding the default instruments. */
export function defaultInstrumentRegistry(): InstrumentRegistry {
  return new InstrumentRegistry(DEFAULT_INSTRUMENT_SPECS);
}
